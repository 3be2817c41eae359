import fc from "fast-check";
import type { BackupJob, DecisionContext, InstanceState } from "../domain/types";
import type { ArgumentCases, BackupCase } from "./backup-case";
import { decisionContext } from "./context";
import { instanceState } from "./instance-state";
import { createBackupRequest } from "./request";

/** A valid state, context and request to break one argument of. */
function validArguments(): fc.Arbitrary<BackupCase> {
  return fc.record({ state: instanceState(), request: createBackupRequest(), context: decisionContext() });
}

/** Any JavaScript value at all, for arguments that an earlier rule makes irrelevant. */
function anyValue(): fc.Arbitrary<unknown> {
  return fc.anything({ withObjectString: true, withNullPrototype: true, withDate: true, withMap: true, maxDepth: 2 });
}

const NOT_AN_OBJECT: readonly unknown[] = [null, undefined, 42, "2026-01-01T00:00:00Z", true, ["2026-01-01T00:00:00Z"]];

const BAD_NOW: readonly unknown[] = [
  "2026-01-01T00:00:00", // no zone
  "2026-01-01",
  "2026-02-30T00:00:00Z", // no such day
  "2026-13-01T00:00:00Z",
  "2026-01-01T24:00:00Z",
  "not a date",
  "",
  1767225600000, // epoch milliseconds are neither a Date nor a string
  new Date(Number.NaN),
  null,
  {},
];
const BAD_ZONES: readonly unknown[] = ["Mars/Olympus_Mons", "America/Springfield", "+05:45", "", "Asia Tokyo", 5, null, {}];
const BAD_LIMITS: readonly unknown[] = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "20", null, true];
const BAD_JOB_IDS: readonly unknown[] = ["", "abc", "12a", " 12", "1.5", "-1", 12, null];
const BAD_POLICIES: readonly unknown[] = ["UTC", 20, [], null];
const BAD_KEYS: readonly unknown[] = ["", "k".repeat(65), "tab\tkey", "line\n", "clé", "\u0000", 7, null, ["k"]];

/** The context with one field replaced (or removed, for `undefined` on `now`). */
function withField(context: DecisionContext, field: "now" | "jobId" | "idempotencyKey" | "policy", value: unknown): unknown {
  const copy: Record<string, unknown> = { ...context };
  if (value === undefined) delete copy[field];
  else copy[field] = value;
  return copy;
}

function withPolicyField(context: DecisionContext, field: "timeZone" | "dailyBackupLimit", value: unknown): unknown {
  return { ...context, policy: { ...context.policy, [field]: value } };
}

/**
 * Rule 1: a context that is not an object, or whose `now`, time zone, daily limit, `jobId` or
 * `idempotencyKey` is wrong, or whose `jobId` is already a job of the state (one that does not
 * carry the context's key); the other arguments are anything.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { contextInvalidCase } from "./argument-violations";
 *
 * const cases = sampleValues(contextInvalidCase(), 20);
 * expect(cases.every((c) => createBackup(c.state as never, c.request, c.context as never).ok === false)).toBe(true);
 * ```
 */
export function contextInvalidCase(): fc.Arbitrary<ArgumentCases["context.invalid"]> {
  const broken = validArguments().chain(({ state, request, context }) => {
    const contexts = fc.oneof(
      fc.constantFrom(...NOT_AN_OBJECT),
      fc.constantFrom(...BAD_NOW, undefined).map((now) => withField(context, "now", now)),
      fc.constantFrom(...BAD_ZONES).map((zone) => withPolicyField(context, "timeZone", zone)),
      fc.constantFrom(...BAD_LIMITS).map((limit) => withPolicyField(context, "dailyBackupLimit", limit)),
      fc.constantFrom(...BAD_JOB_IDS).map((jobId) => withField(context, "jobId", jobId)),
      fc.constantFrom(...BAD_KEYS).map((key) => withField(context, "idempotencyKey", key)),
      fc.constantFrom(...BAD_POLICIES).map((policy) => withField(context, "policy", policy)),
    );
    return fc.record({
      state: fc.oneof(fc.constant(state), anyValue()),
      request: fc.oneof(fc.constant(request), anyValue()),
      context: contexts,
    });
  });
  const takenJobId = validArguments()
    .filter(({ state }) => state.jobs.length > 0)
    .chain(({ state, request, context }) =>
      fc
        .constantFrom(...state.jobs.map((job) => job.jobId))
        .map((jobId) => ({ state, request, context: withField(context, "jobId", jobId) })),
    );
  return fc.oneof(broken, takenJobId);
}

const TEMPLATE_JOB: BackupJob = {
  jobId: "5073731",
  status: "Finished",
  mode: "Automated",
  method: "Physical",
  backupType: "Auto",
  createdAt: "2026-01-31T08:00:00Z",
};

type Breaker = (state: Record<string, unknown>, job: Record<string, unknown>) => void;

const STATE_FIELDS = ["instanceId", "engine", "engineVersion", "storageType", "status", "databases", "jobs"] as const;
const JOB_FIELDS = ["jobId", "status", "mode", "method", "backupType", "createdAt"] as const;

const WRONG_STATE_VALUES: Readonly<Record<string, readonly unknown[]>> = {
  instanceId: [42, null, ["rm-1"]],
  engine: ["mysql", "Oracle", 1, null],
  engineVersion: [8, null, ""],
  storageType: ["cloud", "local", "SSD", null],
  status: ["running", "Available", "", null],
  databases: ["a,b", {}, [1], [null], null],
  jobs: [{}, "[]", [null], [1], null],
  version: [-1, 1.5, "3", Number.NaN, null],
};

const WRONG_JOB_VALUES: Readonly<Record<string, readonly unknown[]>> = {
  jobId: ["abc", "", "12a", 5, null],
  status: ["Done", "finished", "", null],
  mode: ["manual", "Scheduled", null],
  method: ["physical", "Incremental", null],
  backupType: ["Full", "", null],
  createdAt: ["2026-01-01T00:00:00", "2026-02-30T00:00:00Z", "yesterday", "", 0, null],
  strategy: ["DB", "", 1],
  dbNames: ["a", [1], {}],
  retentionPeriod: ["7", null],
  idempotencyKey: ["", "k".repeat(65), "line\n", 7, null],
};

function breakers(): fc.Arbitrary<Breaker> {
  const missingField = fc.constantFrom(...STATE_FIELDS).map(
    (field): Breaker =>
      (state) =>
        void delete state[field],
  );
  const wrongValue = fc.constantFrom(...Object.keys(WRONG_STATE_VALUES)).chain((field) =>
    fc.constantFrom(...(WRONG_STATE_VALUES[field] ?? [])).map(
      (value): Breaker =>
        (state) =>
          void (state[field] = value),
    ),
  );
  const mysqlVersion = fc.constantFrom("8", "", "8.0.32", "8.0_ha", "v8.0", " 8.0", "8.").map((version): Breaker => (state) => {
    state.engine = "MySQL";
    state.engineVersion = version;
  });
  const mariadbLocal = fc.constantFrom("local_ssd", "ephemeral_ssd").map((storageType): Breaker => (state) => {
    state.engine = "MariaDB";
    state.storageType = storageType;
  });
  const duplicateJobId = fc.constant<Breaker>((state, job) => {
    state.jobs = [...(state.jobs as unknown[]), { ...job, status: "Failed" }];
  });
  const missingJobField = fc.constantFrom(...JOB_FIELDS).map(
    (field): Breaker =>
      (_, job) =>
        void delete job[field],
  );
  const wrongJobValue = fc.constantFrom(...Object.keys(WRONG_JOB_VALUES)).chain((field) =>
    fc.constantFrom(...(WRONG_JOB_VALUES[field] ?? [])).map(
      (value): Breaker =>
        (_, job) =>
          void (job[field] = value),
    ),
  );
  return fc.oneof(missingField, wrongValue, mysqlVersion, mariadbLocal, duplicateJobId, missingJobField, wrongJobValue);
}

/** A copy of the state, with a job to break (the first one, or a template added when there is none). */
function breakable(state: InstanceState, jobIndex: number): { state: Record<string, unknown>; job: Record<string, unknown> } {
  const jobs = state.jobs.length > 0 ? state.jobs.map((job) => ({ ...job })) : [{ ...TEMPLATE_JOB }];
  return { state: { ...state, jobs }, job: jobs[jobIndex % jobs.length] as Record<string, unknown> };
}

/**
 * Rule 2: a state that is not an object, misses a field, has a field of the wrong type or value
 * (the whole state or one job; a MySQL version that is not `major.minor` digits, an empty
 * version), puts MariaDB on a local disk, or repeats a job id; the context is
 * valid and the request anything.
 *
 * @example
 * ```ts
 * import { parseInstanceState } from "rds-backup-rules";
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { stateInvalidCase } from "./argument-violations";
 *
 * const cases = sampleValues(stateInvalidCase(), 20);
 * expect(cases.every((c) => parseInstanceState(c.state).ok === false)).toBe(true);
 * ```
 */
export function stateInvalidCase(): fc.Arbitrary<ArgumentCases["state.invalid"]> {
  return validArguments().chain((valid) =>
    fc
      .record({
        breaker: breakers(),
        jobIndex: fc.nat(),
        request: fc.oneof(fc.constant(valid.request), anyValue()),
        replacement: fc.oneof(
          { weight: 6, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(...NOT_AN_OBJECT).map((value) => ({ value })) },
        ),
      })
      .map(({ breaker, jobIndex, request, replacement }) => {
        const { state, job } = breakable(valid.state, jobIndex);
        breaker(state, job);
        return { state: replacement === undefined ? state : replacement.value, request, context: valid.context };
      }),
  );
}

/** Values that are neither a query string, a `URLSearchParams` nor a plain object. */
function notARequest(): fc.Arbitrary<unknown> {
  class Parameters {
    Action = "CreateBackup";
  }
  return fc.oneof(
    fc.constantFrom<unknown>(null, undefined, 42, 0, Number.NaN, true, false, 10n, Symbol("request")),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.date(),
    fc.constant(null).map(() => new Map([["Action", "CreateBackup"]])),
    fc.constant(null).map(() => new Parameters()),
    fc.constant(null).map(() => Object.create({ Action: "CreateBackup" }) as unknown),
    fc.constant(null).map(() => new String("Action=CreateBackup")),
    fc.constant(null).map(() => /Action=CreateBackup/),
    fc.constant(null).map(() => () => "Action=CreateBackup"),
  );
}

/**
 * Rule 3: a request that is neither a query string, a `URLSearchParams` nor a plain object.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { requestMalformedCase } from "./argument-violations";
 *
 * const [refused] = sampleValues(requestMalformedCase(), 1);
 * expect(typeof refused!.request === "string" || refused!.request instanceof URLSearchParams).toBe(false);
 * ```
 */
export function requestMalformedCase(): fc.Arbitrary<BackupCase> {
  return fc.record({ valid: validArguments(), request: notARequest() }).map(({ valid, request }) => ({ ...valid, request }));
}

/**
 * The valid state and context of a case, with the given request: for the rules about parameters.
 *
 * @example
 * ```ts
 * import { parseInstanceState } from "rds-backup-rules";
 * import { createBackupRequest, sampleValues } from "rds-backup-rules/arbitraries";
 * import { withRequest } from "./argument-violations";
 *
 * const [built] = sampleValues(withRequest(createBackupRequest()), 1);
 * expect(parseInstanceState(built!.state).ok).toBe(true);
 * ```
 */
export function withRequest(request: fc.Arbitrary<unknown>): fc.Arbitrary<BackupCase> {
  return fc.record({ state: instanceState(), context: decisionContext(), request });
}
