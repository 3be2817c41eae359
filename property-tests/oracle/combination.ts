/**
 * The finite domain of property 7: every class of input that the CreateBackup rules 2 and 9–30
 * tell apart. Shared by the oracle (which decides a combination from the spec) and the renderer
 * (which writes it as concrete arguments). Nothing here comes from `src/`.
 */

export const ENGINE_CLASSES = ["MySQL 5.5", "MySQL 8.0", "SQLServer", "PostgreSQL", "MariaDB"] as const;
export const STORAGE_CLASSES = ["local", "cloud"] as const;
export const METHOD_CLASSES = ["absent", "Logical", "Physical", "Snapshot", "invalid"] as const;
export const STRATEGY_CLASSES = ["absent", "db", "instance", "invalid"] as const;
export const TYPE_CLASSES = ["absent", "Auto", "FullBackup", "invalid"] as const;
/** DBName: absent; names of existing databases; the same names in another letter case; a name of no database; malformed. */
export const DB_NAME_CLASSES = ["absent", "existing", "existing-other-case", "not-existing", "malformed"] as const;
export const RETENTION_CLASSES = ["absent", "valid", "invalid"] as const;

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
                        yield { engine, storage, running, method, strategy, type, dbName, retention, hasDatabases, ongoingJob, quotaReached };
                }
}
