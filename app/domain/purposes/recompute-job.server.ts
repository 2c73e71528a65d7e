/**
 * A changed retention rule applied in the background of the server process (ADR 019). The save of
 * the purpose opens a job row in its own short transaction; the job then walks the purpose's records
 * in short batches (retention-recompute.server.ts), each committing its progress and keyset cursor
 * with its dates, runs the retention sweep, and records the summary. A job left "running" by a
 * stopped process is resumed from its cursor at start-up; a failed one is resumed by an admin.
 */
import { recordAudit } from "~/domain/audit/audit.server";
import { sqlDate, withWriteLock } from "~/lib/write-lock.server";
import { sweepRetention } from "~/domain/privacy/retention-sweep.server";
import type { Actor } from "~/domain/staff/roles";
import { db, preparedStatements, rawDb, type Tx } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import type { RetentionAnchor, RetentionRule } from "./retention";
import { countRecordsToRecompute, recomputePurposeRetention, type WalkOptions } from "./retention-recompute.server";
import type { PendingRuleChange } from "./rule-change";

export type RecomputeStatus = "running" | "done" | "failed";
const UNFINISHED: RecomputeStatus[] = ["running", "failed"];

/** A live job touches its row every batch (well under a second); a minute of silence means its process stopped. */
export const STALE_AFTER_MS = 60_000;

export type RecomputeOptions = Pick<WalkOptions, "batchSize" | "stopAfterBatches">;

const SQL = {
  job: `SELECT id, purposeId, staffId, status, fromAnchor, fromYears, fromMonths, toAnchor, toYears, toMonths,
    lastRecordId, afterContactId, recordsTotal FROM "RetentionRecomputeJob" WHERE id = ?`,
  total: `UPDATE "RetentionRecomputeJob" SET recordsTotal = @total, heartbeatAt = @now WHERE id = @id AND status = 'running'`,
  // In the batch's own transaction: a batch whose progress cannot be recorded is rolled back with it.
  progress: `UPDATE "RetentionRecomputeJob" SET afterContactId = @after, recordsDone = recordsDone + @walked,
    moved = moved + @moved, heartbeatAt = @now WHERE id = @id AND status = 'running'`,
  stale: `SELECT id FROM "RetentionRecomputeJob" WHERE status = 'running' AND (heartbeatAt IS NULL OR heartbeatAt <= ?) ORDER BY id`,
  claim: `UPDATE "RetentionRecomputeJob" SET heartbeatAt = @now WHERE id = @id AND status = 'running' AND (heartbeatAt IS NULL OR heartbeatAt <= @cutoff)`,
};
const statements = () => preparedStatements(SQL, rawDb());

type JobRow = {
  id: number; purposeId: number; staffId: number; status: string; fromAnchor: string; fromYears: number; fromMonths: number;
  toAnchor: string; toYears: number; toMonths: number; lastRecordId: number; afterContactId: number; recordsTotal: number | null;
};
const rule = (anchor: string, years: number, months: number): RetentionRule => ({ anchor: anchor as RetentionAnchor, years, months });

// Jobs of this process, so recovery never takes over a job alive here (and tests can wait for one).
const registry = globalThis as unknown as { __crmRecomputeJobs?: Map<number, Promise<void>> };
const liveJobs: Map<number, Promise<void>> = (registry.__crmRecomputeJobs ??= new Map());

/** True while the purpose's last rule change is not applied to every record (running, or stopped by a failure). */
export async function recomputeUnfinished(tx: Tx, purposeId: number): Promise<boolean> {
  const last = await tx.retentionRecomputeJob.findFirst({ where: { purposeId }, orderBy: { id: "desc" }, select: { status: true } });
  return last !== null && UNFINISHED.includes(last.status as RecomputeStatus);
}

/** Inside the purpose's save transaction: the job row, bounded by the records that exist now. */
export async function openRecomputeJob(tx: Tx, job: { purposeId: number; staffId: number; before: RetentionRule; after: RetentionRule }): Promise<number> {
  const last = await tx.processingRecord.aggregate({ _max: { id: true } });
  const created = await tx.retentionRecomputeJob.create({
    data: {
      purposeId: job.purposeId, staffId: job.staffId, status: "running", heartbeatAt: new Date(), lastRecordId: last._max.id ?? 0,
      fromAnchor: job.before.anchor, fromYears: job.before.years, fromMonths: job.before.months,
      toAnchor: job.after.anchor, toYears: job.after.years, toMonths: job.after.months,
    },
    select: { id: true },
  });
  return created.id;
}

/** The rule changes not yet applied to every record, for syncRetention (ruleInForce). */
export async function pendingRuleChanges(tx: Tx): Promise<PendingRuleChange[]> {
  // Raw in the caller's transaction: every save asks (the status index answers "none" at once).
  type Job = { purposeId: number; fromAnchor: string; fromYears: number; fromMonths: number; afterContactId: number; lastRecordId: number };
  const jobs = await tx.$queryRaw<Job[]>`SELECT "purposeId", "fromAnchor", "fromYears", "fromMonths", "afterContactId", "lastRecordId"
    FROM "RetentionRecomputeJob" WHERE status IN (SELECT value FROM json_each(${JSON.stringify(UNFINISHED)}))`;
  return jobs.map((j) => ({
    purposeId: Number(j.purposeId), before: rule(j.fromAnchor, Number(j.fromYears), Number(j.fromMonths)),
    afterContactId: Number(j.afterContactId), lastRecordId: Number(j.lastRecordId),
  }));
}

/** Runs a running job to its end in the background of this process; the page polls its row. */
export function startRecomputeJob(jobId: number, actor: Actor, options: RecomputeOptions = {}): Promise<void> {
  const job = runJob(jobId, actor, options)
    .catch((error: unknown) => console.error(`Retention recompute job ${jobId} could not be recorded as failed`, error))
    .finally(() => liveJobs.delete(jobId));
  liveJobs.set(jobId, job);
  return job;
}

/** Resolves when this process's run of the job has ended (at once when none runs). */
export function recomputeJobSettled(jobId: number): Promise<void> {
  return liveJobs.get(jobId) ?? Promise.resolve();
}

async function runJob(jobId: number, actor: Actor, options: RecomputeOptions): Promise<void> {
  // The save's response goes out first.
  await new Promise((resolve) => setImmediate(resolve));
  const s = statements();
  const job = s.job.get(jobId) as JobRow | undefined;
  if (!job || job.status !== "running") return;
  const before = rule(job.fromAnchor, job.fromYears, job.fromMonths);
  const after = rule(job.toAnchor, job.toYears, job.toMonths);
  try {
    if (job.recordsTotal === null) {
      const total = await countRecordsToRecompute(job.purposeId, job.lastRecordId);
      await withWriteLock(() => s.total.run({ id: jobId, total, now: sqlDate(new Date()) }));
    }
    const walk = await recomputePurposeRetention(job.purposeId, before, after, {
      ...options,
      cursor: { afterContactId: job.afterContactId, lastRecordId: job.lastRecordId },
      onBatch: (_raw, batch) => {
        const changed = s.progress.run({ id: jobId, after: batch.afterContactId, walked: batch.walked, moved: batch.moved, now: sqlDate(new Date()) }).changes;
        if (changed !== 1) throw new Error(`recompute job ${jobId} is no longer running`);
      },
    });
    if (!walk.finished) return; // stopped on purpose (tests): left "running", as a stopped process leaves it
    const sweep = await sweepRetention({ actor });
    const prisma = await db();
    await prisma.$transaction(async (tx) => {
      const done = await tx.retentionRecomputeJob.findUniqueOrThrow({ where: { id: jobId }, select: { recordsDone: true, moved: true } });
      await tx.retentionRecomputeJob.update({
        where: { id: jobId },
        // Records removed meanwhile (an undone import) were never walked: the total becomes what was.
        data: { status: "done", recordsTotal: done.recordsDone, flagged: sweep.flaggedContacts, cleared: sweep.clearedContacts, finishedAt: new Date(), heartbeatAt: new Date() },
      });
      await recordAudit(tx, {
        actor, action: "purpose.retention-recomputed", recordType: "purpose", recordId: job.purposeId,
        summary: { jobId, records: done.recordsDone, moved: done.moved, flagged: sweep.flaggedContacts, cleared: sweep.clearedContacts, anchor: after.anchor, years: after.years, months: after.months },
      });
    });
  } catch (error) {
    // Recorded on the job, which the admin's page shows with the way to resume it (as a failed import is).
    const message = error instanceof Error ? error.message.slice(0, 500) : "FAILED";
    const prisma = await db();
    await prisma.retentionRecomputeJob.update({ where: { id: jobId }, data: { status: "failed", error: message, finishedAt: new Date() } });
  }
}

/** An admin resumes a failed recompute from where it stopped. */
export async function resumeRecompute(actor: Actor, purposeId: number): Promise<{ ok: true; jobId: number } | { ok: false; reason: "NOTHING_TO_RESUME" }> {
  assertRole(actor, "admin");
  const prisma = await db();
  const jobId = await prisma.$transaction(async (tx) => {
    const last = await tx.retentionRecomputeJob.findFirst({ where: { purposeId }, orderBy: { id: "desc" }, select: { id: true, status: true } });
    if (!last || last.status !== "failed") return null;
    await tx.retentionRecomputeJob.update({ where: { id: last.id }, data: { status: "running", error: null, finishedAt: null, heartbeatAt: new Date() } });
    await recordAudit(tx, { actor, action: "purpose.retention-recompute-resumed", recordType: "purpose", recordId: purposeId, summary: { jobId: last.id } });
    return last.id;
  });
  if (jobId === null) return { ok: false, reason: "NOTHING_TO_RESUME" };
  void startRecomputeJob(jobId, actor);
  return { ok: true, jobId };
}

/**
 * Start-up: a job left "running" by a stopped process is taken over (in one transaction, so two
 * processes starting at once do not both take it) and resumed from its cursor. Returns their ids.
 */
export async function recoverRecomputeJobs({ staleAfterMs = STALE_AFTER_MS }: { staleAfterMs?: number } = {}): Promise<number[]> {
  const cutoff = sqlDate(new Date(Date.now() - staleAfterMs));
  const s = statements();
  const resumed: number[] = [];
  for (const { id } of s.stale.all(cutoff) as { id: number }[]) {
    if (liveJobs.has(id)) continue;
    const mine = await withWriteLock(() => s.claim.run({ id, cutoff, now: sqlDate(new Date()) }).changes === 1);
    if (!mine) continue;
    const job = s.job.get(id) as JobRow;
    // The staff member who changed the rule stays the actor of the summary's audit entry.
    void startRecomputeJob(id, { id: job.staffId, role: "admin", ip: null });
    resumed.push(id);
  }
  return resumed;
}

/** At server start: recover now, and once more when a job interrupted just before the restart has gone stale. */
export function scheduleRecomputeRecovery(): void {
  const run = () =>
    recoverRecomputeJobs().catch((error: unknown) => {
      console.error("Retention recompute recovery failed", error);
    });
  void run();
  setTimeout(run, STALE_AFTER_MS + 1_000).unref();
}

const viewSelect = {
  id: true, purposeId: true, status: true, recordsDone: true, recordsTotal: true, moved: true, flagged: true, cleared: true, startedAt: true, finishedAt: true,
} as const;

function toView<T extends { status: string; recordsDone: number; recordsTotal: number | null }>(job: T) {
  const status = job.status as RecomputeStatus;
  // Every record walked but still running: the sweep is updating the review queue.
  return { ...job, status, sweeping: status === "running" && job.recordsTotal !== null && job.recordsDone >= job.recordsTotal };
}
export type RecomputeJobView = ReturnType<typeof toView<{ id: number; purposeId: number; status: string; recordsDone: number; recordsTotal: number | null; moved: number; flagged: number; cleared: number; startedAt: Date; finishedAt: Date | null }>>;

/** The purpose's latest recompute (running, stopped or done), for its admin page. */
export async function latestRecompute(actor: Actor, purposeId: number): Promise<RecomputeJobView | null> {
  assertRole(actor, "admin");
  const prisma = await db();
  const job = await prisma.retentionRecomputeJob.findFirst({ where: { purposeId }, orderBy: { id: "desc" }, select: viewSelect });
  return job ? toView(job) : null;
}

/** Recomputes running or stopped, for the purposes list. */
export async function unfinishedRecomputes(actor: Actor): Promise<RecomputeJobView[]> {
  assertRole(actor, "admin");
  const prisma = await db();
  return (await prisma.retentionRecomputeJob.findMany({ where: { status: { in: UNFINISHED } }, orderBy: { id: "asc" }, select: viewSelect })).map(toView);
}
