import type { Almanac } from "json-rules-engine";
import type { InstanceState } from "../../src/index";
import {
  KNOWN_PARAMETER_SET,
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
  type PlainContext,
} from "../plain/checks";
import { decodeRequest, type DecodedRequest } from "../plain/decode-request";

/** The runtime facts each run is given: the decision's three arguments, untouched. */
export interface RawArguments {
  readonly rawState: unknown;
  readonly rawRequest: unknown;
  readonly rawContext: unknown;
}

/** A dynamic fact: computed from other facts on first use in a run, then cached by the almanac. */
export type FactDefinition = (almanac: Almanac) => Promise<unknown>;

const read = <T>(almanac: Almanac, fact: string): Promise<T> => almanac.factValue<T>(fact);
const state = (almanac: Almanac) => read<InstanceState>(almanac, "state");
const parameters = async (almanac: Almanac) => {
  const request = await read<DecodedRequest>(almanac, "decodedRequest");
  return request.ok ? request.values : new Map<string, string>();
};
const parameter =
  (name: string): FactDefinition =>
  async (almanac) =>
    (await parameters(almanac)).get(name) ?? null;

/** The CreateBackup parameters a rule condition reads by name; `null` when absent. */
const PARAMETER_FACTS = ["Action", "DBInstanceId", "BackupMethod", "BackupStrategy", "DBName", "BackupType", "BackupRetentionPeriod"];

/**
 * The facts of the json-rules-engine encoding. The input checks that json-rules-engine cannot
 * express as conditions (the shape of the state, ISO instants, time zones, DBName syntax, the
 * policy day) are facts computed by the same plain functions the floor calls; every decision the
 * 31 rules make on them is a condition in `rules.ts`.
 */
export const FACTS: Readonly<Record<string, FactDefinition>> = {
  context: async (almanac) => readContext(await read(almanac, "rawContext")) ?? null,
  contextValid: async (almanac) => (await read<PlainContext | null>(almanac, "context")) !== null,
  stateValid: async (almanac) => isValidState(await read(almanac, "rawState")),
  state: (almanac) => read(almanac, "rawState"),
  jobIdTaken: async (almanac) => {
    const [context, valid] = await Promise.all([read<PlainContext | null>(almanac, "context"), read<boolean>(almanac, "stateValid")]);
    return context !== null && valid && isJobIdTaken(await state(almanac), context.jobId, context.idempotencyKey);
  },
  decodedRequest: async (almanac) => decodeRequest(await read(almanac, "rawRequest")),
  requestForm: async (almanac) => ((await read<DecodedRequest>(almanac, "decodedRequest")).ok ? "parameters" : "invalid"),
  parameterMalformed: async (almanac) => {
    const request = await read<DecodedRequest>(almanac, "decodedRequest");
    return request.ok && request.malformed;
  },
  unknownParameter: async (almanac) => [...(await parameters(almanac)).keys()].some((name) => !KNOWN_PARAMETER_SET.has(name)),
  ...Object.fromEntries(PARAMETER_FACTS.map((name) => [name, parameter(name)])),
  dbNameWellFormed: async (almanac) => {
    const dbNames = await read<string | null>(almanac, "DBName");
    return dbNames === null || isDbNameList(dbNames);
  },
  retentionWellFormed: async (almanac) => {
    const retention = await read<string | null>(almanac, "BackupRetentionPeriod");
    return retention === null || isRetentionText(retention);
  },
  method: async (almanac) => (await read<string | null>(almanac, "BackupMethod")) ?? "Physical",
  backupType: async (almanac) => (await read<string | null>(almanac, "BackupType")) ?? "Auto",
  instanceId: async (almanac) => (await state(almanac)).instanceId,
  engine: async (almanac) => (await state(almanac)).engine,
  engineVersion: async (almanac) => (await state(almanac)).engineVersion,
  status: async (almanac) => (await state(almanac)).status,
  localDisk: async (almanac) => isLocal((await state(almanac)).storageType),
  undocumentedSingleDatabaseVersion: async (almanac) => isUndocumentedSingleDatabaseVersion((await state(almanac)).engineVersion),
  keyMatch: async (almanac) => {
    const job = keyedJob(await state(almanac), (await read<PlainContext>(almanac, "context")).idempotencyKey);
    if (job === undefined) return "none";
    const [method, backupType, strategy, dbNames, retention] = await Promise.all(
      ["method", "backupType", "BackupStrategy", "DBName", "BackupRetentionPeriod"].map((fact) => read<string | null>(almanac, fact)),
    );
    const differs = differsFromJob(
      job,
      method as string,
      backupType as string,
      strategy ?? undefined,
      dbNames ?? undefined,
      retention ?? undefined,
    );
    return differs ? "reused" : "replay";
  },
  databaseCount: async (almanac) => (await state(almanac)).databases.length,
  missingDatabase: async (almanac) => {
    const dbNames = await read<string | null>(almanac, "DBName");
    return dbNames !== null && hasMissingDatabase(await state(almanac), dbNames);
  },
  ongoingJobs: async (almanac) => ongoingJobCount(await state(almanac)),
  jobsToday: async (almanac) => jobsToday(await state(almanac), await read<PlainContext>(almanac, "context")),
  dailyBackupLimit: async (almanac) => (await read<PlainContext>(almanac, "context")).dailyBackupLimit,
};
