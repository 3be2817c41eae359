/**
 * Property 6 — model-based testing: random sequences of createBackup, advanceBackupJob and clock
 * moves (minutes to days, starting near daylight-saving changes), run against a small model of
 * the spec. Each step's outcome must be the model's, and after every step: never two ongoing
 * jobs; never more than `dailyBackupLimit` non-failed jobs on one policy-zone day (counted over
 * every job ever created, with an `Intl` calendar); the version strictly increases with every
 * change and stays put on refusals and idempotent repeats; job ids are never reused; and the
 * state stays bounded — a decision drops every job that was terminal and older than 48 hours when
 * it started, so only the job it finishes itself may outlive that bound, until the next decision.
 * createBackup is retried with a few idempotency keys: a retry whose key a kept job carries is a
 * replay (the very state, that job's id, whatever happened since), and no two kept jobs ever share
 * a key — a key never queues two jobs while it is remembered.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectIs, expectEqual, expectAtMost } from "./support/expect-cheaply";
import { acceptedCase } from "../src/arbitraries/index";
import { advanceBackupJob, createBackup, type InstanceState } from "../src/index";
import { check } from "./settings";
import { localDate } from "./support/local-date";

const FORWARD = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished"];
const STATUSES = [...FORWARD, "Failed"];
const ONGOING = FORWARD.slice(0, 5);
const HOUR = 3_600_000;
const KEEP_TERMINAL_MS = 48 * HOUR;

interface ModelJob {
  readonly id: string;
  /** The idempotency key of the request that created it. */
  readonly key: string | undefined;
  status: string;
  readonly createdAt: number;
  /** When a decision moved the job to Finished or Failed. */
  endedAt?: number;
}

interface Model {
  now: number;
  readonly timeZone: string;
  readonly limit: number;
  readonly request: unknown;
  version: number;
  /** Every job ever created, kept or dropped since. */
  readonly jobs: ModelJob[];
  readonly kept: Set<string>;
  /** When the last state-changing decision was taken. */
  lastChangeAt: number;
}

interface Real {
  state: InstanceState;
}

/** The spec's transition rule, written out: forward along the lifecycle, or from ongoing to Failed. */
function canMove(from: string, to: string): boolean {
  if (!ONGOING.includes(from)) return false;
  return to === "Failed" || FORWARD.indexOf(to) > FORWARD.indexOf(from);
}

function context(model: Model, idempotencyKey?: string) {
  return {
    now: new Date(model.now),
    policy: { timeZone: model.timeZone, dailyBackupLimit: model.limit },
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  };
}

/**
 * What every accepted decision does to the kept jobs before its own change: drop the terminal
 * ones created more than 48 h ago.
 */
function prune(model: Model): void {
  for (const job of model.jobs) {
    if (!ONGOING.includes(job.status) && model.now - job.createdAt > KEEP_TERMINAL_MS) model.kept.delete(job.id);
  }
  model.lastChangeAt = model.now;
}

function expectInvariants(model: Model, real: Real): void {
  const state = real.state;
  expectAtMost(state.jobs.filter((job) => ONGOING.includes(job.status)).length, 1);
  expectEqual(new Set(state.jobs.map((job) => job.jobId)), model.kept);
  expectIs(state.version ?? 0, model.version);
  const perDay = new Map<string, number>();
  for (const job of model.jobs) {
    if (job.status === "Failed") continue;
    const day = localDate(job.createdAt, model.timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  for (const count of perDay.values()) expectAtMost(count, model.limit);
  const keys = state.jobs.flatMap((job) => (job.idempotencyKey === undefined ? [] : [job.idempotencyKey]));
  expectIs(new Set(keys).size, keys.length);
  for (const job of state.jobs) {
    const endedByLastChange = model.jobs.find((each) => each.id === job.jobId)?.endedAt === model.lastChangeAt;
    if (!ONGOING.includes(job.status) && !endedByLastChange) {
      expectAtMost(model.lastChangeAt - Date.parse(job.createdAt), KEEP_TERMINAL_MS);
    }
  }
}

class CreateBackupCommand implements fc.Command<Model, Real> {
  constructor(private readonly key: string | undefined) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const decision = createBackup(real.state, model.request, context(model, this.key));
    const keyed = this.key === undefined ? undefined : model.jobs.find((job) => job.key === this.key && model.kept.has(job.id));
    if (keyed !== undefined) {
      // A replay: whatever happened since, the same job and the very state, nothing written.
      expectIs(decision.ok && decision.replayed, true);
      expectIs(decision.ok && decision.state, real.state);
      expectIs(decision.ok && decision.response.BackupJobId, keyed.id);
      seen(`createBackup: replayed a ${ONGOING.includes(keyed.status) ? "queued" : keyed.status} job`);
      expectInvariants(model, real);
      return;
    }
    const ongoing = model.jobs.some((job) => ONGOING.includes(job.status));
    const today = localDate(model.now, model.timeZone);
    const countToday = model.jobs.filter((job) => job.status !== "Failed" && localDate(job.createdAt, model.timeZone) === today).length;
    const expected = ongoing ? "instance.backup-in-progress" : countToday >= model.limit ? "instance.daily-limit-reached" : "accepted";
    expectIs(decision.ok ? "accepted" : decision.error.rule, expected);
    seen(`createBackup: ${expected}`);
    if (decision.ok) {
      expectIs(decision.replayed, undefined);
      expectIs(decision.job.idempotencyKey, this.key);
      expectIs(
        model.jobs.some((job) => job.id === decision.job.jobId),
        false,
      );
      expectIs(decision.job.status, "NoStart");
      expectIs(decision.job.createdAt, new Date(model.now).toISOString());
      expectIs(decision.state.version, model.version + 1);
      model.version++;
      prune(model);
      model.jobs.push({ id: decision.job.jobId, key: this.key, status: "NoStart", createdAt: model.now });
      model.kept.add(decision.job.jobId);
      real.state = decision.state;
    }
    expectInvariants(model, real);
  }
  toString = () => (this.key === undefined ? "createBackup" : `createBackup(key ${this.key})`);
}

class AdvanceJobCommand implements fc.Command<Model, Real> {
  constructor(
    private readonly pick: number,
    private readonly latest: boolean,
    private readonly status: string,
  ) {}
  check = (model: Readonly<Model>) => model.jobs.length > 0;
  run(model: Model, real: Real): void {
    const job = (this.latest ? model.jobs[model.jobs.length - 1] : model.jobs[this.pick % model.jobs.length]) as ModelJob;
    const decision = advanceBackupJob(real.state, { jobId: job.id, status: this.status }, context(model));
    if (!model.kept.has(job.id)) {
      expectIs(decision.ok ? "accepted" : decision.error.rule, "job.not-found");
      seen("advanceBackupJob: job.not-found");
    } else if (job.status === this.status) {
      expectIs(decision.ok && decision.state, real.state);
      seen("advanceBackupJob: idempotent repeat");
    } else if (canMove(job.status, this.status)) {
      seen("advanceBackupJob: moved");
      expectIs(decision.ok, true);
      if (!decision.ok) return;
      expectIs(decision.state.version, model.version + 1);
      model.version++;
      prune(model);
      job.status = this.status;
      if (!ONGOING.includes(job.status)) job.endedAt = model.now;
      real.state = decision.state;
    } else {
      expectIs(decision.ok ? "accepted" : decision.error.rule, "job.invalid-transition");
      seen("advanceBackupJob: job.invalid-transition");
    }
    expectInvariants(model, real);
  }
  toString = () => `advanceBackupJob(${this.latest ? "latest" : `#${this.pick}`} → ${this.status})`;
}

class MoveClockCommand implements fc.Command<Model, Real> {
  constructor(private readonly ms: number) {}
  check = () => true;
  run(model: Model): void {
    model.now += this.ms;
  }
  toString = () => `clock +${Math.round(this.ms / 60_000)} min`;
}

const commands = [
  fc.option(fc.constantFrom("k-1", "k-2", "k-3"), { nil: undefined }).map((key) => new CreateBackupCommand(key)),
  fc
    .tuple(
      fc.nat(),
      fc.oneof(fc.constant(true), fc.boolean()),
      fc.oneof(fc.constantFrom("Finished", "Failed"), fc.constantFrom(...STATUSES)),
    )
    .map(([pick, latest, status]) => new AdvanceJobCommand(pick, latest, status)),
  fc
    .oneof(
      fc.integer({ min: 1, max: 59 }).map((m) => m * 60_000),
      fc.integer({ min: 1, max: 23 }).map((h) => h * HOUR),
      fc.integer({ min: 1, max: 3 }).map((d) => d * 24 * HOUR),
    )
    .map((ms) => new MoveClockCommand(ms)),
];

/** Zones with daylight saving (30-minute in Lord Howe), odd offsets and the extremes, and their changes of 2026. */
const START = fc.constantFrom<[string, string]>(
  ["America/New_York", "2026-03-08T07:00:00Z"],
  ["America/New_York", "2026-11-01T06:00:00Z"],
  ["Europe/London", "2026-03-29T01:00:00Z"],
  ["Europe/London", "2026-10-25T01:00:00Z"],
  ["Australia/Lord_Howe", "2026-04-04T15:00:00Z"],
  ["Australia/Lord_Howe", "2026-10-03T15:30:00Z"],
  ["Australia/Sydney", "2026-10-03T16:00:00Z"],
  ["Asia/Kathmandu", "2026-06-01T18:15:00Z"],
  ["Pacific/Kiritimati", "2026-12-31T10:00:00Z"],
  ["UTC", "2026-01-01T00:00:00Z"],
);

const setup = fc.record({
  start: START,
  offset: fc.integer({ min: -72 * HOUR, max: 24 * HOUR }),
  limit: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4 }), fc.constant(20)),
  accepted: acceptedCase(),
});

/** How often each outcome was seen, so the test can show the sequences reach every branch of the model. */
const outcomes = new Map<string, number>();
const seen = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

function runSequence(maxCommands: number, numRuns: number, fuzzShare: number): void {
  check(
    fc.property(
      setup,
      fc.commands(commands, { maxCommands, size: maxCommands > 100 ? "max" : "medium" }),
      ({ start: [timeZone, change], offset, limit, accepted }, sequence) => {
        // The instance and the request of an accepted case (a replay case's instance may be in any status).
        const state: InstanceState = { ...accepted.state, status: "Running", jobs: [] };
        const model: Model = {
          now: Date.parse(change) + offset,
          timeZone,
          limit,
          request: accepted.request,
          version: state.version ?? 0,
          jobs: [],
          kept: new Set(),
          lastChangeAt: 0,
        };
        fc.modelRun(() => ({ model, real: { state } }), sequence);
      },
    ),
    numRuns,
    fuzzShare,
  );
}

describe("model-based: createBackup, advanceBackupJob and the clock against a model of the spec", () => {
  it("random sequences of up to 60 steps", () => {
    runSequence(60, 50, 1);
  });

  it("long sequences of up to 1,000 steps stay bounded", () => {
    runSequence(1000, 2, 1 / 100);
  });

  it("reached every outcome of the model", () => {
    console.log(`model-based outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    for (const outcome of [
      "createBackup: accepted",
      "createBackup: instance.backup-in-progress",
      "createBackup: instance.daily-limit-reached",
      "createBackup: replayed a queued job",
      "createBackup: replayed a Finished job",
      "advanceBackupJob: moved",
      "advanceBackupJob: idempotent repeat",
      "advanceBackupJob: job.invalid-transition",
      "advanceBackupJob: job.not-found",
    ]) {
      expect(outcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
    }
  });
});
