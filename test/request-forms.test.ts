/**
 * The request (README, "API"; decisions 0044–0046): a query string (with or without a leading `?`), a URLSearchParams
 * and a plain object decide alike; numbers are accepted for BackupRetentionPeriod and
 * ResourceOwnerId only; common parameters are accepted and ignored; names and values are
 * case-sensitive and not trimmed; an empty Action or DBInstanceId is missing, any other empty
 * value of a rule's parameter is invalid.
 */
import { describe, expect, it } from "vitest";
import { createBackup, listViolations, type InstanceState, type RuleId } from "../src/index";
import { BASE, context, expectAccepted, expectRefused, instance, withBase } from "./support/builders";

/** The four forms of the same parameters. */
function forms(parameters: Readonly<Record<string, string>>): readonly (readonly [string, unknown])[] {
  const query = new URLSearchParams(parameters).toString();
  return [
    ["a query string", query],
    ["a query string with a leading ?", `?${query}`],
    ["URLSearchParams", new URLSearchParams(parameters)],
    ["a plain object", { ...parameters }],
    ["an object without a prototype", Object.assign(Object.create(null) as object, parameters)],
  ];
}

const base = { Action: "CreateBackup", DBInstanceId: "rm-test" };
const sqlServer = instance({ engine: "SQLServer", engineVersion: "2019_std_ha", storageType: "cloud_essd" });

/** Parameters, the state, and what the decision is: accepted, or refused by a rule. */
const SAME_DECISION: readonly (readonly [string, Readonly<Record<string, string>>, InstanceState, "accepted" | RuleId])[] = [
  ["the smallest request", base, instance(), "accepted"],
  [
    "a full Logical db backup",
    { ...base, BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders,users", BackupRetentionPeriod: "30", ResourceOwnerId: "1" },
    instance(),
    "accepted",
  ],
  [
    "a SQL Server FullBackup",
    { ...base, BackupType: "FullBackup", BackupStrategy: "db", DBName: "ORDERS", BackupRetentionPeriod: "-1" },
    sqlServer,
    "accepted",
  ],
  [
    "with common parameters",
    { ...base, RegionId: "cn-hangzhou", Format: "JSON", Version: "2014-08-15", Timestamp: "2026-03-02T08:00:00Z" },
    instance(),
    "accepted",
  ],
  ["an unknown parameter", { ...base, BackupMehtod: "Physical" }, instance(), "parameter.unknown"],
  ["a bad method", { ...base, BackupMethod: "Snapshot" }, instance(), "backup-method.snapshot-requires-cloud-disk"],
  ["no Action", { DBInstanceId: "rm-test" }, instance(), "action.missing"],
  ["an empty DBName", { ...base, BackupMethod: "Logical", BackupStrategy: "db", DBName: "" }, instance(), "db-name.malformed"],
  ["values with spaces, commas and an ampersand", { ...base, DBName: "a b,c&d" }, instance(), "db-name.malformed"],
];

describe("the same request in every form", () => {
  for (const [name, parameters, state, expected] of SAME_DECISION) {
    it(`${name}: ${expected}, whatever the form`, () => {
      const decisions = forms(parameters).map(
        ([form, request]) => [form, createBackup(state, request, context({ requestId: "r" }))] as const,
      );
      const [, first] = decisions[0] as (typeof decisions)[number];
      if (expected === "accepted") expectAccepted(first);
      else expectRefused(first, expected);
      for (const [form, decision] of decisions) expect(decision, form).toEqual(first);
      for (const [form, request] of forms(parameters)) {
        expect(listViolations(state, request, context()), form).toEqual(listViolations(state, forms(parameters)[0]?.[1], context()));
      }
    });
  }

  it("decodes a query string as a URL would: %xx escapes and + for a space", () => {
    expectAccepted(createBackup(instance(), "Action=Create%42ackup&DBInstanceId=rm%2Dtest", context()));
    const decoded = expectAccepted(
      createBackup(instance(), withBase("BackupMethod=Logical&BackupStrategy=db&DBName=orders%2Cusers"), context()),
    );
    expect(decoded.job.dbNames).toEqual(["orders", "users"]);
    const plus = expectRefused(
      createBackup(instance(), withBase("BackupMethod=Logical&BackupStrategy=db&DBName=orders+users"), context()),
      "db-name.malformed",
    );
    expect(plus.message).toContain('"orders users"');
  });
});

describe("numbers", () => {
  it("are accepted for BackupRetentionPeriod and ResourceOwnerId", () => {
    const accepted = expectAccepted(
      createBackup(instance(), { ...base, BackupRetentionPeriod: 30, ResourceOwnerId: 1_234_567_890 }, context()),
    );
    expect(accepted.job.retentionPeriod).toBe(30);
    expect(accepted.job.retentionPeriod).toBe(
      expectAccepted(createBackup(instance(), { ...base, BackupRetentionPeriod: "30" }, context())).job.retentionPeriod,
    );
    expect(expectAccepted(createBackup(instance(), { ...base, BackupRetentionPeriod: -1 }, context())).job.retentionPeriod).toBe(-1);
  });

  it("are range-checked like text for BackupRetentionPeriod", () => {
    expectRefused(
      createBackup(instance(), { ...base, BackupRetentionPeriod: 731 }, context()),
      "retention.invalid-value",
      "BackupRetentionPeriod",
    );
    expectRefused(
      createBackup(instance(), { ...base, BackupRetentionPeriod: 6 }, context()),
      "retention.invalid-value",
      "BackupRetentionPeriod",
    );
  });

  it("are malformed for every other parameter", () => {
    for (const name of ["Action", "DBInstanceId", "BackupMethod", "BackupStrategy", "DBName", "BackupType", "RegionId", "OwnerId"]) {
      expectRefused(createBackup(instance(), { ...base, [name]: 1 }, context()), "parameter.malformed", name);
    }
  });
});

describe("common parameters", () => {
  const COMMON = [
    "Format",
    "Version",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
    "RegionId",
    "ResourceOwnerAccount",
    "OwnerId",
    "OwnerAccount",
  ];

  it("are accepted and ignored, whatever their value, even empty", () => {
    const withCommon = Object.fromEntries(COMMON.map((name, index) => [name, index % 2 === 0 ? "" : "anything"]));
    const plain = createBackup(instance(), base, context({ requestId: "r" }));
    expect(createBackup(instance(), { ...base, ...withCommon }, context({ requestId: "r" }))).toEqual(plain);
  });

  it("are case-sensitive names like every other", () => {
    expectRefused(createBackup(instance(), withBase("regionId=cn-hangzhou"), context()), "parameter.unknown", "regionId");
  });

  it("ResourceOwnerId is accepted and ignored, even empty", () => {
    const plain = createBackup(instance(), base, context({ requestId: "r" }));
    expect(createBackup(instance(), withBase("ResourceOwnerId="), context({ requestId: "r" }))).toEqual(plain);
    expect(createBackup(instance(), withBase("ResourceOwnerId=whoever"), context({ requestId: "r" }))).toEqual(plain);
  });
});

describe("names and values", () => {
  it("are case-sensitive", () => {
    expectRefused(createBackup(instance(), "action=CreateBackup&DBInstanceId=rm-test", context()), "action.missing");
    expectRefused(createBackup(instance(), withBase("BackupMethod=snapshot"), context()), "backup-method.invalid-value", "BackupMethod");
    expectRefused(createBackup(instance(), "Action=CreateBackup&DBInstanceId=RM-TEST", context()), "instance-id.not-found");
  });

  it("are not trimmed", () => {
    expectRefused(createBackup(instance(), withBase("BackupMethod=+Physical"), context()), "backup-method.invalid-value");
    expectRefused(createBackup(instance(), { ...base, BackupType: "Auto " }, context()), "backup-type.invalid-value");
    expectRefused(createBackup(instance(), { ...base, " BackupType": "Auto" }, context()), "parameter.unknown", " BackupType");
    expectRefused(createBackup(instance(), { ...base, BackupRetentionPeriod: " 30" }, context()), "retention.invalid-value");
  });
});

describe("empty values", () => {
  const EMPTY: readonly (readonly [string, RuleId])[] = [
    ["Action", "action.missing"],
    ["DBInstanceId", "instance-id.missing"],
    ["BackupMethod", "backup-method.invalid-value"],
    ["BackupStrategy", "backup-strategy.invalid-value"],
    ["DBName", "db-name.malformed"],
    ["BackupType", "backup-type.invalid-value"],
    ["BackupRetentionPeriod", "retention.invalid-value"],
  ];
  for (const [name, rule] of EMPTY) {
    it(`an empty ${name} gets ${rule}, in a query string and in an object`, () => {
      const query = BASE.replace(new RegExp(`${name}=[^&]*`), `${name}=`);
      const request = query.includes(`${name}=`) ? query : `${BASE}&${name}=`;
      expectRefused(createBackup(instance(), request, context()), rule, name);
      expectRefused(createBackup(instance(), { ...base, [name]: "" }, context()), rule, name);
    });
  }

  it("a name without = is an empty value", () => {
    expectRefused(createBackup(instance(), withBase("BackupType"), context()), "backup-type.invalid-value", "BackupType");
  });

  it("an empty query string is missing its Action", () => {
    for (const request of ["", "?", "&&", new URLSearchParams(), {}]) {
      expectRefused(createBackup(instance(), request, context()), "action.missing", "Action");
    }
  });
});
