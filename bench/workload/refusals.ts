import type { CreateBackupRuleId, Engine, JobStatus } from "../../src/index";
import { INSTANCE_STATUSES } from "../../src/domain/vocabulary";
import type { Random } from "../prng";
import { acceptedScenario, addJob, getParam, removeParam, setParam, someDatabases, type RequestKind, type Scenario } from "./scenario";

/** A scenario, and the raw request to send instead of its parameters (rules 3 and 4). */
export interface RefusalScenario {
  readonly scenario: Scenario;
  /** When set, the request as sent; otherwise the parameters are rendered in a random form. */
  readonly rawRequest?: { readonly value: unknown };
}

/** How to build a request that violates one rule first, and on which engines that is possible. */
interface RefusalBuilder {
  readonly engines: readonly Engine[];
  readonly build: (rng: Random, engine: Engine) => RefusalScenario;
}

const ALL: readonly Engine[] = ["MySQL", "SQLServer", "PostgreSQL", "MariaDB"];
const NOT_MYSQL: readonly Engine[] = ["SQLServer", "PostgreSQL", "MariaDB"];
const ONGOING: readonly JobStatus[] = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading"];
const UNKNOWN_NAMES = ["BackupMehtod", "DbName", "backupType", "ZoneId", "Foo"];

/** A scenario whose parameters (or state, or context) are then changed by `change`. */
function changed(
  rng: Random,
  engine: Engine,
  change: (scenario: Scenario) => void,
  options: Parameters<typeof acceptedScenario>[2] = {},
): RefusalScenario {
  const scenario = acceptedScenario(rng, engine, options);
  change(scenario);
  return { scenario };
}

/** Sets one parameter to one of the given values. */
function withParam(name: string, values: readonly string[]) {
  return (rng: Random, engine: Engine) => changed(rng, engine, (s) => setParam(s.params, name, rng.pick(values)));
}

/** Which request kinds on which storage an engine offers, for rules that need a particular request. */
function kindOn(rng: Random, engine: Engine, choices: Partial<Record<Engine, ReadonlyArray<[RequestKind, "local" | "cloud"]>>>) {
  const options = choices[engine];
  if (options === undefined) throw new Error(`no choice for ${engine}`);
  const [kind, storage] = rng.pick(options);
  return { kind, storage };
}

/**
 * For each of the 31 CreateBackup rules, a builder of requests that violate it and no earlier
 * rule, on every engine where that is possible. Each builder starts from an accepted scenario and
 * changes the one thing the rule is about.
 */
export const REFUSALS: Readonly<Record<CreateBackupRuleId, RefusalBuilder>> = {
  "context.invalid": {
    engines: ALL,
    build: (rng, engine) =>
      changed(rng, engine, (s) => {
        switch (rng.int(0, 5)) {
          case 0:
            s.context.now = new Date(s.now).toISOString().replace("Z", "");
            break;
          case 1:
            s.context.now = "yesterday";
            break;
          case 2:
            s.context.policy = { ...s.context.policy, timeZone: "Mars/Olympus_Mons" };
            break;
          case 3:
            s.context.policy = { ...s.context.policy, dailyBackupLimit: rng.pick([0, -3, 2.5]) };
            break;
          case 4:
            s.context.jobId = "12a";
            break;
          default:
            s.context.jobId = addJob(s, "Finished", 30).jobId;
        }
      }),
  },
  "state.invalid": {
    engines: ALL,
    build: (rng, engine) =>
      changed(rng, engine, (s) => {
        const state = s.state as unknown as Record<string, unknown>;
        const draw = rng.int(0, engine === "MariaDB" ? 6 : 5);
        if (draw === 0) delete state["databases"];
        else if (draw === 1) state["status"] = "running";
        else if (draw === 2) addJob(s, "Finished", 90).createdAt = "2026-03-02 10:00";
        else if (draw === 3) {
          const first = addJob(s, "Failed", 60);
          addJob(s, "Finished", 30).jobId = first.jobId;
        } else if (draw === 4) state["version"] = -1;
        else if (draw === 5) state["region"] = "cn-hangzhou";
        else state["storageType"] = "local_ssd";
      }),
  },
  "request.malformed": {
    engines: ALL,
    build: (rng, engine) => ({
      scenario: acceptedScenario(rng, engine),
      rawRequest: { value: rng.pick<unknown>([42, null, undefined, true, ["Action=CreateBackup"], new Map([["Action", "CreateBackup"]])]) },
    }),
  },
  "parameter.malformed": {
    engines: ALL,
    build: (rng, engine) => {
      const scenario = acceptedScenario(rng, engine);
      const object: Record<string, unknown> = Object.fromEntries(scenario.params);
      if (rng.chance(0.5)) {
        const query = new URLSearchParams(scenario.params);
        query.append(rng.pick(["RegionId", "Action", "DBInstanceId"]), "cn-hangzhou");
        return { scenario, rawRequest: { value: query.toString() } };
      }
      object[rng.pick(["DBInstanceId", "BackupMethod", "RegionId"])] = rng.pick<unknown>([["Physical"], true, 17, { value: "x" }]);
      return { scenario, rawRequest: { value: object } };
    },
  },
  "action.missing": {
    engines: ALL,
    build: (rng, engine) =>
      changed(rng, engine, (s) => (rng.chance(0.5) ? removeParam(s.params, "Action") : setParam(s.params, "Action", ""))),
  },
  "action.unsupported": { engines: ALL, build: withParam("Action", ["DescribeBackups", "createbackup", "CreateBackups"]) },
  "instance-id.missing": {
    engines: ALL,
    build: (rng, engine) =>
      changed(rng, engine, (s) => (rng.chance(0.5) ? removeParam(s.params, "DBInstanceId") : setParam(s.params, "DBInstanceId", ""))),
  },
  "parameter.unknown": {
    engines: ALL,
    build: (rng, engine) => changed(rng, engine, (s) => setParam(s.params, rng.pick(UNKNOWN_NAMES), rng.pick(["Physical", "1", "orders"]))),
  },
  "backup-method.invalid-value": { engines: ALL, build: withParam("BackupMethod", ["physical", "Full", "", "Snapshots"]) },
  "backup-strategy.invalid-value": { engines: ALL, build: withParam("BackupStrategy", ["database", "Instance", ""]) },
  "backup-type.invalid-value": { engines: ALL, build: withParam("BackupType", ["Full", "auto", "Incremental", ""]) },
  "db-name.malformed": {
    engines: ALL,
    build: withParam("DBName", ["1orders", "orders,,users", "orders,orders", "x".repeat(65), "", "orders;users"]),
  },
  "retention.invalid-value": { engines: ALL, build: withParam("BackupRetentionPeriod", ["6", "731", "0", "7.0", "seven", "-2", ""]) },
  "instance-id.not-found": { engines: ALL, build: withParam("DBInstanceId", ["rm-uf6wjk5xxxxxxx", "rm-other"]) },
  "idempotency-key.reused": {
    engines: ALL,
    build: (rng, engine) =>
      changed(rng, engine, (s) => {
        const job = addJob(s, rng.pick(["NoStart", "Uploading", "Finished"] as const), rng.int(5, 600));
        job.idempotencyKey = `retry-${rng.int(1, 1_000_000)}`;
        job.backupType = getParam(s.params, "BackupType") === "FullBackup" ? "Auto" : "FullBackup";
        s.context.idempotencyKey = job.idempotencyKey;
      }),
  },
  "instance.not-running": {
    engines: ALL,
    build: (rng, engine) =>
      changed(rng, engine, (s) => (s.state.status = rng.pick(INSTANCE_STATUSES.filter((status) => status !== "Running")))),
  },
  "backup-method.logical-requires-mysql": { engines: NOT_MYSQL, build: withParam("BackupMethod", ["Logical"]) },
  "backup-method.logical-requires-local-disk": {
    engines: ["MySQL"],
    build: (rng, engine) => changed(rng, engine, (s) => setParam(s.params, "BackupMethod", "Logical"), { storage: "cloud" }),
  },
  "backup-method.mariadb-snapshot-uses-physical": { engines: ["MariaDB"], build: withParam("BackupMethod", ["Snapshot"]) },
  "backup-method.snapshot-requires-cloud-disk": {
    engines: ["MySQL", "SQLServer", "PostgreSQL"],
    build: (rng, engine) => changed(rng, engine, (s) => setParam(s.params, "BackupMethod", "Snapshot"), { storage: "local" }),
  },
  "backup-method.mysql-cloud-disk-uses-snapshot": {
    engines: ["MySQL"],
    build: (rng, engine) =>
      changed(
        rng,
        engine,
        (s) => (rng.chance(0.5) ? removeParam(s.params, "BackupMethod") : setParam(s.params, "BackupMethod", "Physical")),
        { storage: "cloud" },
      ),
  },
  "backup-type.requires-physical": {
    engines: ["MySQL", "SQLServer", "PostgreSQL"],
    build: (rng, engine) => {
      const options = kindOn(rng, engine, {
        MySQL: [
          ["logical", "local"],
          ["snapshot", "cloud"],
        ],
        SQLServer: [["snapshot", "cloud"]],
        PostgreSQL: [["snapshot", "cloud"]],
      });
      return changed(rng, engine, (s) => setParam(s.params, "BackupType", "FullBackup"), options);
    },
  },
  "backup-strategy.scope": {
    engines: ALL,
    build: (rng, engine) => {
      const options = kindOn(rng, engine, {
        MySQL: [
          ["physical", "local"],
          ["snapshot", "cloud"],
        ],
        SQLServer: [
          ["physical", "local"],
          ["snapshot", "cloud"],
        ],
        PostgreSQL: [
          ["physical", "local"],
          ["snapshot", "cloud"],
        ],
        MariaDB: [["physical", "cloud"]],
      });
      return changed(
        rng,
        engine,
        (s) => {
          if (engine === "SQLServer" && options.kind === "physical") setParam(s.params, "BackupType", "Auto");
          setParam(s.params, "BackupStrategy", rng.pick(["db", "instance"]));
        },
        options,
      );
    },
  },
  "backup-strategy.mysql-version": {
    engines: ["MySQL"],
    build: (rng, engine) =>
      changed(
        rng,
        engine,
        (s) => {
          setParam(s.params, "BackupStrategy", "db");
          setParam(s.params, "DBName", someDatabases(rng, s.state, false));
        },
        { storage: "local", engineVersion: "5.5", kind: "logical" },
      ),
  },
  "db-name.requires-db-strategy": {
    engines: ALL,
    build: (rng, engine) =>
      changed(rng, engine, (s) => {
        if (getParam(s.params, "BackupStrategy") === "db") setParam(s.params, "BackupStrategy", "instance");
        setParam(s.params, "DBName", someDatabases(rng, s.state, false));
      }),
  },
  "db-name.missing": {
    engines: ["MySQL", "SQLServer"],
    build: (rng, engine) =>
      changed(
        rng,
        engine,
        (s) => removeParam(s.params, "DBName"),
        engine === "MySQL" ? { storage: "local", engineVersion: "8.0", kind: "logical-db" } : { kind: "full-db" },
      ),
  },
  "retention.scope": {
    engines: NOT_MYSQL,
    build: (rng, engine) =>
      changed(
        rng,
        engine,
        (s) => {
          if (engine === "SQLServer" && getParam(s.params, "BackupStrategy") === "db") setParam(s.params, "BackupStrategy", "instance");
          removeParam(s.params, "DBName");
          setParam(s.params, "BackupRetentionPeriod", rng.pick(["7", "30", "730", "-1"]));
        },
        engine === "SQLServer" ? { kind: rng.pick<RequestKind>(["physical", "full", "full-db"]) } : {},
      ),
  },
  "backup-method.logical-requires-database": {
    engines: ["MySQL"],
    build: (rng, engine) =>
      changed(
        rng,
        engine,
        (s) => {
          s.state.databases = [];
          removeParam(s.params, "BackupStrategy");
          removeParam(s.params, "DBName");
        },
        { storage: "local", kind: "logical" },
      ),
  },
  "db-name.not-found": {
    engines: ["MySQL", "SQLServer"],
    build: (rng, engine) =>
      changed(
        rng,
        engine,
        (s) => {
          const present = getParam(s.params, "DBName") ?? "";
          const absent =
            engine === "MySQL"
              ? s.state.databases.map((name) => name.toUpperCase()).find((name) => !s.state.databases.includes(name))
              : undefined;
          setParam(s.params, "DBName", `${present},${absent ?? "archive"}`);
        },
        engine === "MySQL" ? { storage: "local", engineVersion: "8.0", kind: "logical-db" } : { kind: "full-db" },
      ),
  },
  "instance.backup-in-progress": {
    engines: ALL,
    build: (rng, engine) => changed(rng, engine, (s) => void addJob(s, rng.pick(ONGOING), rng.int(1, 600))),
  },
  "instance.daily-limit-reached": {
    engines: ALL,
    build: (rng, engine) =>
      changed(rng, engine, (s) => {
        const limit = rng.chance(0.3) ? 20 : rng.int(1, 5);
        if (limit === 20) delete s.context.policy?.dailyBackupLimit;
        else s.context.policy = { ...s.context.policy, dailyBackupLimit: limit };
        // The clock is within three hours of local noon, so the hour before it is the same policy day.
        for (let i = 0; i < limit; i++) addJob(s, "Finished", rng.int(1, 59));
        if (rng.chance(0.5)) addJob(s, "Failed", rng.int(1, 59));
      }),
  },
};
