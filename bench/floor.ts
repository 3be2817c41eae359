import type { CreateBackupRuleId, InstanceState } from "../src/index";
import {
  KNOWN_PARAMETER_SET,
  METHOD_SET,
  STRATEGY_SET,
  TYPE_SET,
  differsFromJob,
  hasMissingDatabase,
  isDbNameList,
  isLocal,
  isUndocumentedSingleDatabaseVersion,
  keyedJob,
  isJobIdTaken,
  isRetentionText,
  isValidState,
  jobsToday,
  ongoingJobCount,
  readContext,
} from "./plain/checks";
import type { DecodedRequest } from "./plain/decode-request";

/** What the floor validator is given: the request already decoded into its parameters. */
export interface FloorInput {
  readonly state: unknown;
  readonly request: DecodedRequest;
  readonly context: unknown;
}

/**
 * The floor: the 31 CreateBackup checks as a plain chain of `if`s, in precedence order, returning
 * only the first violated rule's id (or `null` to accept). No messages, no violation objects, no
 * new state, no rule walker. What no rule engine can beat.
 */
export function floorDecide({ state, request, context }: FloorInput): CreateBackupRuleId | null {
  const ctx = readContext(context);
  const stateOk = isValidState(state);
  if (ctx === undefined || (stateOk && isJobIdTaken(state, ctx.jobId, ctx.idempotencyKey))) return "context.invalid";
  if (!stateOk) return "state.invalid";
  if (!request.ok) return "request.malformed";
  if (request.malformed) return "parameter.malformed";
  const params = request.values;
  const action = params.get("Action");
  if (action === undefined || action === "") return "action.missing";
  if (action !== "CreateBackup") return "action.unsupported";
  const instanceId = params.get("DBInstanceId");
  if (instanceId === undefined || instanceId === "") return "instance-id.missing";
  for (const name of params.keys()) if (!KNOWN_PARAMETER_SET.has(name)) return "parameter.unknown";
  const givenMethod = params.get("BackupMethod");
  const strategy = params.get("BackupStrategy");
  const dbNames = params.get("DBName");
  const givenType = params.get("BackupType");
  const retention = params.get("BackupRetentionPeriod");
  if (givenMethod !== undefined && !METHOD_SET.has(givenMethod)) return "backup-method.invalid-value";
  if (strategy !== undefined && !STRATEGY_SET.has(strategy)) return "backup-strategy.invalid-value";
  if (givenType !== undefined && !TYPE_SET.has(givenType)) return "backup-type.invalid-value";
  if (dbNames !== undefined && !isDbNameList(dbNames)) return "db-name.malformed";
  if (retention !== undefined && !isRetentionText(retention)) return "retention.invalid-value";
  return businessRule(state, ctx, instanceId, givenMethod ?? "Physical", givenType ?? "Auto", strategy, dbNames, retention);
}

function businessRule(
  state: InstanceState,
  ctx: NonNullable<ReturnType<typeof readContext>>,
  instanceId: string,
  method: string,
  backupType: string,
  strategy: string | undefined,
  dbNames: string | undefined,
  retention: string | undefined,
): CreateBackupRuleId | null {
  const { engine } = state;
  const local = isLocal(state.storageType);
  if (instanceId !== state.instanceId) return "instance-id.not-found";
  const keyed = keyedJob(state, ctx.idempotencyKey);
  if (keyed !== undefined) return differsFromJob(keyed, method, backupType, strategy, dbNames, retention) ? "idempotency-key.reused" : null;
  if (state.status !== "Running") return "instance.not-running";
  if (method === "Logical" && engine !== "MySQL") return "backup-method.logical-requires-mysql";
  if (method === "Logical" && !local) return "backup-method.logical-requires-local-disk";
  if (method === "Snapshot" && engine === "MariaDB") return "backup-method.mariadb-snapshot-uses-physical";
  if (method === "Snapshot" && local) return "backup-method.snapshot-requires-cloud-disk";
  if (method === "Physical" && engine === "MySQL" && !local) return "backup-method.mysql-cloud-disk-uses-snapshot";
  if (backupType === "FullBackup" && method !== "Physical") return "backup-type.requires-physical";
  const sqlServerFull = engine === "SQLServer" && method === "Physical" && backupType === "FullBackup";
  if (strategy !== undefined && !(engine === "MySQL" && method === "Logical") && !sqlServerFull) return "backup-strategy.scope";
  if (strategy === "db" && engine === "MySQL" && isUndocumentedSingleDatabaseVersion(state.engineVersion))
    return "backup-strategy.mysql-version";
  if (dbNames !== undefined && strategy !== "db") return "db-name.requires-db-strategy";
  if (strategy === "db" && dbNames === undefined) return "db-name.missing";
  if (retention !== undefined && engine !== "MySQL" && !(sqlServerFull && strategy === "db")) return "retention.scope";
  if (method === "Logical" && state.databases.length === 0) return "backup-method.logical-requires-database";
  if (dbNames !== undefined && hasMissingDatabase(state, dbNames)) return "db-name.not-found";
  if (ongoingJobCount(state) > 0) return "instance.backup-in-progress";
  if (jobsToday(state, ctx) >= ctx.dailyBackupLimit) return "instance.daily-limit-reached";
  return null;
}
