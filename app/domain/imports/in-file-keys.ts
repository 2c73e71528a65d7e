/**
 * The identity keys an import has seen in its file so far ("email:…", "name:first|last|org"),
 * each with the contact its first row led to. A file of 1,048,576 rows has up to two million keys:
 * as strings in a Map they took ~135 MB live and ~450 MB of heap at the peak, over the import's
 * 300 MB budget. Here each key is kept as a 64-bit hash in typed arrays (open addressing, linear
 * probing): 12 bytes a slot, 25–50 MB for a full file.
 *
 * Two different keys share a 64-bit hash with a probability of about n² / 2⁶⁵ — one in 16 million
 * for a full file — and the only effect would be one row reported as a duplicate in the file.
 */

const EMPTY_VALUE = -2;
const NULL_VALUE = -1;
// A high load keeps the table small (1.2M keys — a 1,048,576-row file with its duplicates and rejects —
// fit 2,097,152 slots, 25 MB); a miss then probes a few dozen neighbouring slots, well under a microsecond.
const MAX_LOAD = 0.9;

/** Two independent 32-bit hashes of the key (FNV-1a and a multiply-xorshift variant). */
function hash64(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}

export class InFileKeys {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** Contact id; NULL_VALUE: seen, contact not known yet; EMPTY_VALUE: free slot. */
  private values: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(16, capacity / MAX_LOAD)));
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = new Int32Array(size).fill(EMPTY_VALUE);
  }

  get size(): number {
    return this.count;
  }

  private slot(hi: number, lo: number): number {
    const mask = this.values.length - 1;
    for (let i = (lo ^ Math.imul(hi, 0x27d4eb2d)) & mask; ; i = (i + 1) & mask) {
      if (this.values[i] === EMPTY_VALUE || (this.hi[i] === hi && this.lo[i] === lo)) return i;
    }
  }

  has(key: string): boolean {
    const [hi, lo] = hash64(key);
    return this.values[this.slot(hi, lo)] !== EMPTY_VALUE;
  }

  /** The contact the key led to; null when seen but not written yet; undefined when never seen. */
  get(key: string): number | null | undefined {
    const [hi, lo] = hash64(key);
    const value = this.values[this.slot(hi, lo)];
    return value === EMPTY_VALUE ? undefined : value === NULL_VALUE ? null : value;
  }

  set(key: string, contactId: number | null): void {
    if ((this.count + 1) / this.values.length > MAX_LOAD) this.grow();
    const [hi, lo] = hash64(key);
    const i = this.slot(hi, lo);
    if (this.values[i] === EMPTY_VALUE) this.count += 1;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.values[i] = contactId ?? NULL_VALUE;
  }

  private grow(): void {
    const { hi, lo, values } = this;
    const size = values.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = new Int32Array(size).fill(EMPTY_VALUE);
    for (let j = 0; j < values.length; j++) {
      if (values[j] === EMPTY_VALUE) continue;
      const i = this.slot(hi[j], lo[j]);
      this.hi[i] = hi[j];
      this.lo[i] = lo[j];
      this.values[i] = values[j];
    }
  }
}
