/**
 * The finite domain of property 7: every class of input that the CreateBackup rules 2 and 9–31
 * tell apart, and replays. Shared by the oracle (which decides a combination from the spec) and the renderer
 * (which writes it as concrete arguments). Nothing here comes from `src/`.
 */

/**
 * MySQL on a version whose single-database backups are documented (5.6, 5.7, 8.0), MySQL on any
 * other (5.1, 5.5, 8.4, 9.1: older ones and ones released after the rule set), the other engines
 * (each at a version it has long had and a newer one).
 */
export const ENGINE_CLASSES = ["MySQL documented", "MySQL other", "SQLServer", "PostgreSQL", "MariaDB"] as const;
/** The two local disks apart, and the cloud disks (each written as one of the five cloud types). */
export const STORAGE_CLASSES = ["local_ssd", "ephemeral_ssd", "cloud"] as const;
export const METHOD_CLASSES = ["absent", "Logical", "Physical", "Snapshot", "invalid"] as const;
export const STRATEGY_CLASSES = ["absent", "db", "instance", "invalid"] as const;
export const TYPE_CLASSES = ["absent", "Auto", "FullBackup", "invalid"] as const;
/** DBName: absent; names of existing databases; the same names in another letter case; a name of no database; malformed. */
export const DB_NAME_CLASSES = ["absent", "existing", "existing-other-case", "not-existing", "malformed"] as const;
export const RETENTION_CLASSES = ["absent", "valid", "invalid"] as const;
/**
 * The idempotency key: none (or a key no job carries: a new backup); the key of a kept job that
 * the request repeats (a replay); the key of a kept job whose backup differs in one parameter.
 */
export const KEY_CLASSES = ["absent", "same", "differs"] as const;

export interface Combination {
  readonly engine: (typeof ENGINE_CLASSES)[number];
  readonly storage: (typeof STORAGE_CLASSES)[number];
  readonly running: boolean;
  readonly method: (typeof METHOD_CLASSES)[number];
  readonly strategy: (typeof STRATEGY_CLASSES)[number];
  readonly type: (typeof TYPE_CLASSES)[number];
  readonly dbName: (typeof DB_NAME_CLASSES)[number];
  readonly retention: (typeof RETENTION_CLASSES)[number];
  readonly hasDatabases: boolean;
  readonly ongoingJob: boolean;
  readonly quotaReached: boolean;
  readonly key: (typeof KEY_CLASSES)[number];
}

/**
 * Every combination of the domain. With no database, DBName cannot name existing ones, so those
 * two classes are left out there (they would be "not-existing" again).
 */
export function* allCombinations(): Generator<Combination> {
  for (const engine of ENGINE_CLASSES)
    for (const storage of STORAGE_CLASSES)
      for (const running of [true, false])
        for (const method of METHOD_CLASSES)
          for (const strategy of STRATEGY_CLASSES)
            for (const type of TYPE_CLASSES)
              for (const hasDatabases of [true, false])
                for (const dbName of DB_NAME_CLASSES) {
                  if (!hasDatabases && (dbName === "existing" || dbName === "existing-other-case")) continue;
                  for (const retention of RETENTION_CLASSES)
                    for (const ongoingJob of [true, false])
                      for (const quotaReached of [true, false])
                        for (const key of KEY_CLASSES)
                          yield {
                            engine,
                            storage,
                            running,
                            method,
                            strategy,
                            type,
                            dbName,
                            retention,
                            hasDatabases,
                            ongoingJob,
                            quotaReached,
                            key,
                          };
                }
}
