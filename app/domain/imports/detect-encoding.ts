/** Pure checks on the first bytes of an uploaded lead file: which encoding, and whether it is text at all. */
export type CsvEncoding = "utf8" | "utf8-bom" | "windows-1252";

/** How many bytes the reader samples before deciding. */
export const SNIFF_BYTES = 64 * 1024;

export function hasUtf8Bom(sample: Uint8Array): boolean {
  return sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
}

/**
 * UTF-8 when the bytes decode strictly; otherwise Windows-1252, which is what Excel on a
 * Belgian Windows machine writes for "CSV (semicolon delimited)".
 */
export function detectEncoding(sample: Uint8Array): CsvEncoding {
  if (hasUtf8Bom(sample)) return "utf8-bom";
  return isValidUtf8(sample) ? "utf8" : "windows-1252";
}

/**
 * Strict UTF-8 check. `stream: true` makes the decoder hold back a multi-byte sequence cut
 * off at the end of the sample instead of calling it invalid: the sample is only a prefix.
 */
export function isValidUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Index of the first byte above 7-bit ASCII (which reads the same in all three encodings), or -1. */
export function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
  return -1;
}

export type ContentKind = "text" | "binary" | "utf16";

/**
 * Spreadsheets (.xlsx is a zip), images and PDFs contain NUL or many control bytes; text CSV
 * does not. UTF-16 ("Unicode text" in Excel) is told apart so the person can be asked to
 * save as CSV instead of being told the file is not a CSV at all.
 */
export function sniffContent(sample: Uint8Array): ContentKind {
  if (sample.length >= 2 && ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))) {
    return "utf16";
  }
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return "binary";
    // Tab, LF, FF and CR are text; other C0 controls do not occur in CSV exports.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) control++;
  }
  return control > sample.length * 0.05 ? "binary" : "text";
}
