/**
 * Property 12 — what callers can reach changes no decision. A key set on `Object.prototype` (any
 * field name of the state, a job, the context, the request, an update or a violation, or any
 * other name; any value) changes neither the outcome nor the output of any export. And whatever a
 * caller tries on `JOB_TRANSITIONS` (pushing to its lists, `set`, `delete`, `clear`, through the
 * view or through `Map.prototype`), every move is decided as before. (Redefining methods on its
 * prototype is in the example test only: on a table that is a `Map`, that would redefine
 * `Map.prototype.get` for the test runner too.)
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { expectIs } from "./support/expect-cheaply";
import { acceptedCase, violatingCase, type BackupCase, type CreateBackupRuleId } from "../src/arbitraries/index";
import {
  advanceBackupJob,
  createBackup,
  JOB_TRANSITIONS,
  listViolations,
  parseInstanceState,
  RULES,
  toErrorResponse,
  type JobStatus,
} from "../src/index";
import { check } from "./settings";
import { anyValue } from "./support/hostile";

const FIELD_NAMES = [
  // state, job, context, policy, update
  "instanceId",
  "engine",
  "engineVersion",
  "storageType",
  "status",
  "databases",
  "jobs",
  "version",
  "jobId",
  "mode",
  "method",
  "strategy",
  "dbNames",
  "backupType",
  "retentionPeriod",
  "createdAt",
  "now",
  "requestId",
  "idempotencyKey",
  "policy",
  "dailyBackupLimit",
  "timeZone",
  // request parameters, violations, internal records
  "Action",
  "DBInstanceId",
  "BackupMethod",
  "BackupStrategy",
  "DBName",
  "BackupType",
  "BackupRetentionPeriod",
  "rule",
  "code",
  "httpStatus",
  "message",
  "parameter",
  "ok",
  "value",
  "issue",
  "reason",
  "kind",
  "raw",
  "explain",
  "values",
  // Intl options
  "numberingSystem",
  "calendar",
  "hour12",
  "hourCycle",
  "timeZoneName",
  "era",
  "year",
  "month",
  "day",
  "hour",
  "0",
  "1",
];
/** Names that must stay as the language defines them for the test itself to run. */
const UNTOUCHABLE = new Set([...Object.getOwnPropertyNames(Object.prototype), "toJSON", "then"]);
const pollutionKey = fc
  .oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) })
  .filter((key) => !UNTOUCHABLE.has(key));

const CREATE_RULES = RULES.filter((rule) => rule.operations.includes("createBackup") && rule.number > 3).map(
  (rule) => rule.id as Exclude<CreateBackupRuleId, "context.invalid" | "state.invalid">,
);
const someCase: fc.Arbitrary<BackupCase> = fc.oneof(
  acceptedCase(),
  fc.constantFrom(...CREATE_RULES).chain((rule) => violatingCase(rule)),
);

/** Every export called on one case; the answers as text, taken after the pollution is gone. */
function answers(c: BackupCase): () => unknown[] {
  const job = c.state.jobs[0];
  return () => [
    createBackup(c.state, c.request, c.context),
    listViolations(c.state, c.request, c.context),
    job === undefined ? null : advanceBackupJob(c.state, { jobId: job.jobId, status: "Finished" }, c.context),
    parseInstanceState(c.state),
    toErrorResponse({ rule: "r", code: "C", httpStatus: 400, message: "m" }, "id"),
  ];
}

function pollutedAnswers(key: string, value: unknown, run: () => unknown[]): string {
  const prototype = Object.prototype as Record<string, unknown>;
  prototype[key] = value;
  let result: unknown[];
  try {
    result = run();
  } finally {
    delete prototype[key];
  }
  return describe_(result);
}

/** The answers as text: JSON, with `undefined` kept apart from absent. */
function describe_(result: unknown[]): string {
  return JSON.stringify(result, (_, v: unknown) => (v === undefined ? "(undefined)" : v));
}

describe("what callers can reach changes no decision", () => {
  it("a key set on Object.prototype changes no outcome and no output", () => {
    check(
      fc.property(someCase, pollutionKey, anyValue(), (c, key, value) => {
        const run = answers(c);
        const clean = describe_(run());
        expectIs(pollutedAnswers(key, value, run), clean);
      }),
      150,
    );
  });

  it("no attempt to change JOB_TRANSITIONS changes how a job may move", () => {
    const statuses = [...JOB_TRANSITIONS.keys()];
    const status = fc.constantFrom(...statuses);
    const attempt = fc.oneof(
      fc.tuple(status, status).map(
        ([from, to]) =>
          () =>
            (JOB_TRANSITIONS.get(from) as JobStatus[]).push(to),
      ),
      fc.tuple(status, fc.nat(6)).map(
        ([from, n]) =>
          () =>
            (JOB_TRANSITIONS.get(from) as JobStatus[]).splice(0, n),
      ),
      fc.tuple(status, fc.array(status)).map(
        ([from, to]) =>
          () =>
            Map.prototype.set.call(JOB_TRANSITIONS, from, to),
      ),
      fc.tuple(status, fc.array(status)).map(
        ([from, to]) =>
          () =>
            (JOB_TRANSITIONS as Map<JobStatus, JobStatus[]>).set(from, to),
      ),
      status.map((from) => () => Map.prototype.delete.call(JOB_TRANSITIONS, from)),
      fc.constant(() => Map.prototype.clear.call(JOB_TRANSITIONS)),
      fc.constant(() => (JOB_TRANSITIONS as Map<JobStatus, JobStatus[]>).clear()),
    );
    const decide = (from: JobStatus, to: JobStatus) => {
      const state = {
        instanceId: "rm-1",
        engine: "MySQL",
        engineVersion: "8.0",
        storageType: "local_ssd",
        status: "Running",
        databases: [],
        jobs: [{ jobId: "1", status: from, mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z" }],
      } as const;
      const decision = advanceBackupJob(state, { jobId: "1", status: to }, { now: "2026-01-01T00:10:00Z" });
      return decision.ok ? "moved" : decision.error.rule;
    };
    const before = statuses.map((from) => statuses.map((to) => decide(from, to)).join()).join(";");
    const listed = JSON.stringify([...JOB_TRANSITIONS]);
    check(
      fc.property(fc.array(attempt, { minLength: 1, maxLength: 4 }), (attempts) => {
        for (const run of attempts) {
          try {
            run();
          } catch {
            // Refused: the table is read-only.
          }
        }
        expectIs(statuses.map((from) => statuses.map((to) => decide(from, to)).join()).join(";"), before);
        expectIs(JSON.stringify([...JOB_TRANSITIONS]), listed);
      }),
      100,
    );
  });
});
