import { sweepRetention } from "./retention-sweep.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const START_DELAY_MS = 30_000;

/**
 * Runs the retention sweep once shortly after start-up (not during it: migrations and the first
 * requests come first) and then every 24 hours. The timers are unref'd so they never keep the
 * process alive; a failed run is reported and the next one tries again.
 */
export function startRetentionSchedule(options: { delayMs?: number; intervalMs?: number; onError?: (error: unknown) => void } = {}): () => void {
  const onError = options.onError ?? ((error: unknown) =>
    console.error(JSON.stringify({ level: "error", message: "retention sweep failed", error: error instanceof Error ? error.message : String(error) })));
  const run = () => {
    sweepRetention().catch(onError);
  };
  const first = setTimeout(run, options.delayMs ?? START_DELAY_MS);
  const daily = setInterval(run, options.intervalMs ?? DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
