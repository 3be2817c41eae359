/**
 * Totality (README; decisions 0050 and 0051; issue 2 "What bad input gets"): no export throws, for any JavaScript
 * value in any argument. Each bad argument comes back as a Violation naming a rule of the catalog,
 * with a short message, and nothing reaches `Object.prototype`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  advanceBackupJob,
  createBackup,
  listViolations,
  parseInstanceState,
  RULES,
  toErrorResponse,
  type BackupDecision,
  type JobDecision,
  type Violation,
} from "../src/index";
import { BASE, context, expectAccepted, expectMessage, expectRefused, instance, job, withBase } from "./support/builders";

const RULE_IDS = new Set<string>(RULES.map((rule) => rule.id));
const MEGABYTE = "x".repeat(1 << 20);
/** Longest message a violation may carry, whatever it was given. */
const SHORT = 1_000;

function throwingGetter(base: object, key: string): object {
  return Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw new Error(`reading ${key} throws`);
    },
  });
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** A proxy every trap of which throws. */
function throwingProxy(target: object): object {
  const fail = () => {
    throw new Error("trap");
  };
  return new Proxy(target, { get: fail, has: fail, ownKeys: fail, getPrototypeOf: fail, getOwnPropertyDescriptor: fail });
}

function cyclic(): object {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  value.list = [value];
  return value;
}

/** JSON from an attacker: `__proto__` and `constructor` as own keys. */
const POLLUTING_JSON = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"polluted":"no"}';

/** Hostile values for any argument, by name; a fresh value per call. */
const HOSTILE: readonly (readonly [string, () => unknown])[] = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["0", () => 0],
  ["NaN", () => Number.NaN],
  ["-Infinity", () => -Infinity],
  ["a bigint", () => 10n],
  ["true", () => true],
  ["a symbol", () => Symbol("s")],
  ["a function", () => () => 1],
  ["an empty string", () => ""],
  ["a 1 MB string", () => MEGABYTE],
  ["an empty array", () => []],
  ["an array of numbers", () => [1, 2, 3]],
  ["an invalid Date", () => new Date(Number.NaN)],
  ["a Map", () => new Map([["a", 1]])],
  ["an object without a prototype", (): unknown => Object.create(null)],
  ["an empty object", () => ({})],
  ["a cyclic object", cyclic],
  ["JSON with __proto__ and constructor keys", (): unknown => JSON.parse(POLLUTING_JSON)],
  ["an object whose getter throws", () => throwingGetter({}, "now")],
  ["a revoked proxy", revokedProxy],
  ["a proxy whose traps throw", () => throwingProxy({})],
  ["a proxy of an array whose traps throw", () => throwingProxy([])],
];

let prototypeKeys: string[];
beforeAll(() => {
  prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
});
afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Asserts a decision is a refusal by one of `rules`, with a short message; returns the violation. */
function expectOneOf(decision: BackupDecision | JobDecision, rules: readonly string[]): Violation {
  expect(decision.ok).toBe(false);
  const { error } = decision as { error: Violation };
  expect(rules).toContain(error.rule);
  expect(RULE_IDS.has(error.rule)).toBe(true);
  expect(error.message.length).toBeLessThan(SHORT);
  return error;
}

function expectListed(violations: readonly Violation[], first: readonly string[]): void {
  expect(violations.length).toBeGreaterThan(0);
  expect(first).toContain(violations[0]?.rule);
  for (const violation of violations) {
    expect(RULE_IDS.has(violation.rule)).toBe(true);
    expect(violation.message.length).toBeLessThan(SHORT);
  }
}

const REQUEST_RULES = ["request.malformed", "parameter.malformed", "action.missing", "parameter.unknown"];

describe("any value in any argument", () => {
  for (const [name, make] of HOSTILE) {
    describe(name, () => {
      it("as createBackup's and listViolations' state: state.invalid", () => {
        expectOneOf(createBackup(make() as never, BASE, context()), ["state.invalid"]);
        expectListed(listViolations(make() as never, BASE, context()), ["state.invalid"]);
      });

      it("as the request: a request rule", () => {
        expectOneOf(createBackup(instance(), make(), context()), REQUEST_RULES);
        expectListed(listViolations(instance(), make(), context()), REQUEST_RULES);
      });

      it("as the context of every decision: context.invalid", () => {
        expectOneOf(createBackup(instance(), BASE, make() as never), ["context.invalid"]);
        expectListed(listViolations(instance(), BASE, make() as never), ["context.invalid"]);
        expectOneOf(advanceBackupJob(instance({ jobs: [job("1", "Uploading")] }), { jobId: "1", status: "Finished" }, make() as never), [
          "context.invalid",
        ]);
      });

      it("as advanceBackupJob's state: state.invalid", () => {
        expectOneOf(advanceBackupJob(make() as never, { jobId: "1", status: "Finished" }, context()), ["state.invalid"]);
      });

      it("as the job update: job.not-found", () => {
        expectOneOf(advanceBackupJob(instance({ jobs: [job("1", "Uploading")] }), make() as never, context()), ["job.not-found"]);
      });

      it("as a field of the job update: a job rule", () => {
        const state = instance({ jobs: [job("1", "Uploading")] });
        expectOneOf(advanceBackupJob(state, { jobId: make(), status: "Finished" } as never, context()), ["job.not-found"]);
        expectOneOf(advanceBackupJob(state, { jobId: "1", status: make() } as never, context()), ["job-status.invalid-value"]);
      });

      it("in every argument at once", () => {
        expectOneOf(createBackup(make() as never, make(), make() as never), ["context.invalid"]);
        expectListed(listViolations(make() as never, make(), make() as never), ["context.invalid"]);
        expectOneOf(advanceBackupJob(make() as never, make() as never, make() as never), ["context.invalid"]);
      });

      it("given to parseInstanceState: state.invalid", () => {
        const parsed = parseInstanceState(make());
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) {
          expect(parsed.error).toMatchObject({ rule: "state.invalid", code: "InvalidInstanceState", httpStatus: 500 });
          expect(parsed.error.message.length).toBeLessThan(SHORT);
        }
      });

      it("given to toErrorResponse, as the violation or the request id: a response", () => {
        const asViolation = toErrorResponse(make() as never, "req-1");
        expect(asViolation).toEqual({ RequestId: "req-1", Code: "InternalError", Message: expect.any(String), HttpStatus: 500 });
        const violation: Violation = {
          rule: "instance.not-running",
          code: "IncorrectDBInstanceState",
          httpStatus: 403,
          message: "Stopped",
          details: { instanceId: "rm-1", status: "Stopped" },
        };
        const asRequestId = toErrorResponse(violation, make() as never);
        expect(asRequestId).toMatchObject({ Code: "IncorrectDBInstanceState", HttpStatus: 403, RequestId: expect.any(String) });
      });
    });
  }
});

describe("hostile values inside otherwise valid arguments", () => {
  it("a state whose field getter throws names that state", () => {
    expectOneOf(createBackup(throwingGetter(instance(), "engine") as never, BASE, context()), ["state.invalid"]);
    const jobs = [throwingGetter(job("1", "Finished"), "createdAt")];
    expectOneOf(createBackup(instance({ jobs: jobs as never }), BASE, context()), ["state.invalid"]);
  });

  it("a state with a cyclic job list", () => {
    const state: Record<string, unknown> = { ...instance() };
    state.jobs = [state];
    expectOneOf(createBackup(state as never, BASE, context()), ["state.invalid"]);
  });

  it("a state with a __proto__ key from JSON", () => {
    const state = JSON.parse(JSON.stringify(instance()).replace("{", '{"__proto__":{"polluted":"yes"},')) as unknown;
    expect(expectOneOf(createBackup(state as never, BASE, context()), ["state.invalid"]).parameter).toBe("state.__proto__");
  });

  it("a context whose policy getter throws, or whose policy is cyclic", () => {
    expectOneOf(createBackup(instance(), BASE, throwingGetter({ now: "2026-03-02T08:00:00Z" }, "policy") as never), ["context.invalid"]);
    expectOneOf(createBackup(instance(), BASE, { now: "2026-03-02T08:00:00Z", policy: cyclic() }), ["context.invalid"]);
  });

  it("a request whose parameter getter throws", () => {
    expectOneOf(createBackup(instance(), throwingGetter({ DBInstanceId: "rm-test" }, "Action"), context()), REQUEST_RULES);
  });

  it("a request with a cyclic value", () => {
    expectOneOf(createBackup(instance(), { Action: "CreateBackup", DBInstanceId: "rm-test", DBName: cyclic() }, context()), [
      "parameter.malformed",
    ]);
  });

  it("__proto__ and constructor as parameter names, from JSON and from a query string", () => {
    const fromJson = JSON.parse('{"Action":"CreateBackup","DBInstanceId":"rm-test","__proto__":"x","constructor":"y"}') as unknown;
    expect(expectOneOf(createBackup(instance(), fromJson, context()), ["parameter.unknown"]).parameter).toBe("__proto__");
    const fromQuery = withBase("constructor=x&__proto__=y&prototype=z&hasOwnProperty=1");
    expect(expectOneOf(createBackup(instance(), fromQuery, context()), ["parameter.unknown"]).parameter).toBe("__proto__");
    expect(listViolations(instance(), fromQuery, context())).toHaveLength(1);
  });

  it("a toErrorResponse violation whose getter throws", () => {
    const violation = throwingGetter({ rule: "x", code: "y", httpStatus: 400 }, "message");
    expect(toErrorResponse(violation as never, "r").HttpStatus).toBe(500);
  });
});

describe("large inputs", () => {
  const megabyteValues: readonly (readonly [string, string, string])[] = [
    ["BackupMethod", `BackupMethod=${MEGABYTE}`, "backup-method.invalid-value"],
    ["BackupStrategy", `BackupMethod=Logical&BackupStrategy=${MEGABYTE}`, "backup-strategy.invalid-value"],
    ["BackupType", `BackupType=${MEGABYTE}`, "backup-type.invalid-value"],
    ["DBName", `BackupMethod=Logical&BackupStrategy=db&DBName=${MEGABYTE}`, "db-name.malformed"],
    ["BackupRetentionPeriod", `BackupRetentionPeriod=${MEGABYTE}`, "retention.invalid-value"],
  ];
  for (const [name, extra, rule] of megabyteValues) {
    it(`a 1 MB ${name} gets a short message`, () => {
      const violation = expectOneOf(createBackup(instance(), withBase(extra), context()), [rule]);
      expect(violation.parameter).toBe(name);
      expectMessage(violation, `(${MEGABYTE.length} characters)`);
    });
  }

  it("a 1 MB Action or DBInstanceId gets a short message", () => {
    expectOneOf(createBackup(instance(), `Action=${MEGABYTE}&DBInstanceId=rm-test`, context()), ["action.unsupported"]);
    expectOneOf(createBackup(instance(), `Action=CreateBackup&DBInstanceId=${MEGABYTE}`, context()), ["instance-id.not-found"]);
  });

  it("a 1 MB parameter name gets a short message and no suggestion", () => {
    const violation = expectOneOf(createBackup(instance(), withBase(`${MEGABYTE}=1`), context()), ["parameter.unknown"]);
    expect(violation.message).not.toContain("did you mean");
  });

  it("a 1 MB string in the context or state gets a short message", () => {
    expectOneOf(createBackup(instance(), BASE, { now: MEGABYTE }), ["context.invalid"]);
    expectOneOf(createBackup(instance(), BASE, { now: "2026-03-02T08:00:00Z", policy: { timeZone: MEGABYTE } }), ["context.invalid"]);
    expectOneOf(createBackup(instance({ engine: MEGABYTE as never }), BASE, context()), ["state.invalid"]);
    expectOneOf(advanceBackupJob(instance({ jobs: [job("1", "Uploading")] }), { jobId: "1", status: MEGABYTE }, context()), [
      "job-status.invalid-value",
    ]);
  });

  const names = Array.from({ length: 10_000 }, (_, index) => `db${index}`);
  const dbRequest = (list: readonly string[]) => withBase(`BackupMethod=Logical&BackupStrategy=db&DBName=${list.join(",")}`);

  it("a DBName of 10,000 items, against an instance with 10,000 databases, is accepted", () => {
    const accepted = expectAccepted(createBackup(instance({ databases: [...names].reverse() }), dbRequest(names), context()));
    expect(accepted.job.dbNames).toHaveLength(10_000);
  });

  it("a DBName of 10,000 items with one repeated or one unknown is refused, naming it", () => {
    const state = instance({ databases: names });
    expectMessage(
      expectRefused(createBackup(state, dbRequest([...names.slice(0, 9_999), "db5"]), context()), "db-name.malformed", "DBName"),
      'item 10000 repeats "db5"',
    );
    expectMessage(
      expectRefused(createBackup(state, dbRequest([...names.slice(0, 9_999), "nope"]), context()), "db-name.not-found", "DBName"),
      '"nope"',
    );
  });
});

describe("toErrorResponse on values that are not violations", () => {
  // Found by a mutation run (docs/verification.md): toErrorResponse is total, and says when it was not given a Violation.
  const violation: Violation<string> = {
    rule: "instance.not-running",
    code: "IncorrectDBInstanceState",
    httpStatus: 403,
    message: "The instance is Stopped",
  };

  it("answers InternalError 500, saying it was not given a Violation", () => {
    for (const notAViolation of [
      { ...violation, rule: 5 },
      { ...violation, code: null },
      { ...violation, message: ["The instance is Stopped"] },
      { ...violation, httpStatus: 403.5 },
      { ...violation, httpStatus: "403" },
      null,
      "instance.not-running",
    ]) {
      const response = toErrorResponse(notAViolation as never, "r-1");
      expect(response).toMatchObject({ RequestId: "r-1", Code: "InternalError", HttpStatus: 500 });
      expect(response.Message).toMatch(/not a Violation/);
    }
  });

  it("gives an empty RequestId, not an invented one, when the request id is not a string", () => {
    expect(toErrorResponse(violation, 42 as never).RequestId).toBe("");
    expect(toErrorResponse(violation, undefined as never)).toMatchObject({
      RequestId: "",
      Code: "IncorrectDBInstanceState",
      HttpStatus: 403,
    });
  });
});
