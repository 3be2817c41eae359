/**
 * Property 9 — hostile input: parameter names that are prototype keys (`__proto__`,
 * `constructor`, `hasOwnProperty`, `toString`) in every request form and in the context and state;
 * megabyte strings in every parameter; DBName lists of 10,000 items against 10,000 databases.
 * Every call answers the rule the spec names, with a short message, and `Object.prototype` is
 * unchanged afterwards.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptedCase, sampleValues, type BackupCase } from "../src/arbitraries/index";
import { advanceBackupJob, createBackup, listViolations, parseInstanceState } from "../src/index";
import { check, SEED } from "../property-tests/settings";

const PROTOTYPE_KEYS = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf", "__defineGetter__", "prototype"];
const MEGABYTE = 1_000_000;

function describePrototype(): string[] {
  return Reflect.ownKeys(Object.prototype).map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(Object.prototype, key);
    return `${String(key)}:${typeof descriptor?.value}:${String(descriptor?.get?.toString())}`;
  });
}

let prototypeBefore: string[] = [];
beforeAll(() => {
  prototypeBefore = describePrototype();
});
afterAll(() => {
  expect(describePrototype()).toEqual(prototypeBefore);
  expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
});

const [base] = sampleValues(
  acceptedCase().filter((c) => c.state.engine === "MySQL" && c.state.storageType === "local_ssd"),
  1,
  SEED,
) as [BackupCase];
const STATE = { ...base.state, databases: ["orders"] };
const CONTEXT = { now: "2026-03-08T12:00:00Z", requestId: "r-hostile" };
const VALID = [
  ["Action", "CreateBackup"],
  ["DBInstanceId", STATE.instanceId],
] as const;

function ruleOf(state: unknown, request: unknown, context: unknown = CONTEXT): string {
  const decision = createBackup(state as never, request, context as never);
  if (!decision.ok) expect(decision.error.message.length).toBeLessThan(1_000);
  return decision.ok ? "accepted" : decision.error.rule;
}

/** An object with `name` as an own enumerable property, whatever the name (even `__proto__`). */
function withOwn(record: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const copy = { ...record };
  Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

describe("hostile input", () => {
  it("prototype keys as parameter names are unknown parameters, in every request form", () => {
    const objectRequest = Object.fromEntries(VALID);
    check(
      fc.property(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 30 }), (name, value) => {
        const pairs = [...VALID, [name, value] as const];
        expect(ruleOf(STATE, new URLSearchParams(pairs.map(([n, v]): [string, string] => [n, v])).toString())).toBe("parameter.unknown");
        expect(ruleOf(STATE, new URLSearchParams(pairs.map(([n, v]): [string, string] => [n, v])))).toBe("parameter.unknown");
        expect(ruleOf(STATE, withOwn(objectRequest, name, value))).toBe("parameter.unknown");
        expect(ruleOf(STATE, JSON.parse(JSON.stringify(Object.fromEntries(pairs))))).toBe("parameter.unknown");
      }),
      50,
    );
  });

  it("a parsed JSON request with a __proto__ key carrying Action does not smuggle parameters in", () => {
    const request: unknown = JSON.parse('{"__proto__": {"Action": "CreateBackup", "DBInstanceId": "x"}, "BackupMethod": "Physical"}');
    expect(ruleOf(STATE, request)).toBe("parameter.malformed");
    expect(ruleOf(STATE, `__proto__[Action]=CreateBackup&DBInstanceId=${STATE.instanceId}`)).toBe("action.missing");
  });

  it("prototype keys in the context, the policy, the state and its jobs are refused, not followed", () => {
    for (const name of PROTOTYPE_KEYS) {
      expect(ruleOf(STATE, Object.fromEntries(VALID), withOwn(CONTEXT, name, { now: "x" }))).toBe("context.invalid");
      expect(ruleOf(STATE, Object.fromEntries(VALID), { ...CONTEXT, policy: withOwn({}, name, "UTC") })).toBe("context.invalid");
      expect(ruleOf(withOwn(STATE, name, { status: "Stopped" }), Object.fromEntries(VALID))).toBe("state.invalid");
      expect(parseInstanceState(JSON.parse(`{"${name}": {"engine": "MySQL"}}`)).ok).toBe(false);
    }
  });

  it("megabyte strings in any parameter: the rule the spec names, with a short message", () => {
    const huge = (seed: string) => seed.repeat(Math.ceil(MEGABYTE / seed.length)).slice(0, MEGABYTE);
    const request = (name: string, value: string) => ({ ...Object.fromEntries(VALID), [name]: value });
    expect(ruleOf(STATE, request("Action", huge("CreateBackup")))).toBe("action.unsupported");
    expect(ruleOf(STATE, request("DBInstanceId", huge("rm-")))).toBe("instance-id.not-found");
    expect(ruleOf(STATE, request("BackupMethod", huge("Physical")))).toBe("backup-method.invalid-value");
    expect(ruleOf(STATE, request("DBName", huge("a")))).toBe("db-name.malformed");
    expect(ruleOf(STATE, request("BackupRetentionPeriod", huge("7")))).toBe("retention.invalid-value");
    expect(ruleOf(STATE, request(huge("Colour"), "red"))).toBe("parameter.unknown");
    expect(
      ruleOf(STATE, `${new URLSearchParams(VALID.map(([n, v]): [string, string] => [n, v])).toString()}&DBName=${huge("orders,")}`),
    ).toBe("db-name.malformed");
    expect(ruleOf({ ...STATE, instanceId: huge("rm-") }, Object.fromEntries(VALID))).toBe("instance-id.not-found");
    expect(ruleOf(STATE, Object.fromEntries(VALID), { ...CONTEXT, now: huge("2026") })).toBe("context.invalid");
    expect(ruleOf(STATE, Object.fromEntries(VALID), { ...CONTEXT, policy: { timeZone: huge("Asia/") } })).toBe("context.invalid");
    const job = advanceBackupJob(STATE, { jobId: huge("9"), status: huge("Finished") }, CONTEXT);
    expect(!job.ok && job.error.rule).toBe("job.not-found");
    expect(!job.ok && job.error.message.length).toBeLessThan(1_000);
  });

  it("DBName lists of 10,000 items: accepted when they all exist, refused by the first rule otherwise", () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `db_${i}`);
    const state = { ...STATE, engineVersion: "8.0", databases: names, jobs: [] };
    const request = (dbName: string) => ({ ...Object.fromEntries(VALID), BackupMethod: "Logical", BackupStrategy: "db", DBName: dbName });
    const accepted = createBackup(state, request(names.join(",")), CONTEXT);
    expect(accepted.ok && accepted.job.dbNames).toHaveLength(10_000);
    expect(ruleOf(state, request([...names, "db_0"].join(",")))).toBe("db-name.malformed");
    expect(ruleOf(state, request([...names.slice(1), "missing"].join(",")))).toBe("db-name.not-found");
    expect(ruleOf({ ...state, databases: names.slice(0, 5_000) }, request(names.join(",")))).toBe("db-name.not-found");
    const sqlServer = { ...state, engine: "SQLServer", engineVersion: "2019_std_ha", storageType: "cloud_essd" } as const;
    const upper = createBackup(
      sqlServer,
      { ...request(names.map((n) => n.toUpperCase()).join(",")), BackupMethod: "Physical", BackupType: "FullBackup" },
      CONTEXT,
    );
    expect(upper.ok).toBe(true);
    expect(listViolations(state, request(names.join(",")), CONTEXT)).toEqual([]);
  });
});
