/**
 * Totality of the store layer: any value in any argument of createBackupIn, advanceBackupJobIn and
 * registerInstance (the store, the options included) never throws or rejects; every outcome is
 * `{ ok, attempts }` with a state, or with a violation that names a rule of RULES or STORE_RULES.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RULES } from "../src/index";
import { advanceBackupJobIn, createBackupIn, memoryStore, registerInstance, STORE_RULES, type StateStore } from "../src/store/index";
import { runs, SEED } from "./settings";

const KNOWN: ReadonlySet<string> = new Set([...RULES, ...STORE_RULES].map((rule) => rule.id));
const INSTANCE = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
};

const anything = fc.oneof(
  fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }),
  fc.constant(
    new Proxy(
      {},
      {
        get: () => {
          throw new Error("trap");
        },
        ownKeys: () => {
          throw new Error("trap");
        },
      },
    ),
  ),
);
const store = fc.oneof(
  fc.constant(null),
  anything,
  fc.constant<StateStore>({
    load: () => {
      throw new Error("sync");
    },
    compareAndSet: () => Promise.reject(new Error("async")),
  }),
  fc.constant("memory" as const),
);

function wellFormed(outcome: unknown): void {
  const decision = outcome as { ok: unknown; attempts: unknown; state?: unknown; error?: { rule: string } };
  expect(typeof decision.attempts).toBe("number");
  if (decision.ok === true) expect(decision.state).toBeTypeOf("object");
  else expect(KNOWN.has(decision.error!.rule)).toBe(true);
}

describe("the store layer is total", () => {
  it("never throws or rejects, whatever it is given", async () => {
    await fc.assert(
      fc.asyncProperty(store, anything, anything, anything, anything, async (given, request, context, update, options) => {
        const target = (given === "memory" ? memoryStore({ "rm-1": { ...INSTANCE, jobs: [] } }) : given) as StateStore;
        wellFormed(await createBackupIn(target, request, context as never, options as never));
        wellFormed(await createBackupIn(target, "Action=CreateBackup&DBInstanceId=rm-1", context as never, options as never));
        wellFormed(await advanceBackupJobIn(target, "rm-1", update as never, context as never, options as never));
        wellFormed(await advanceBackupJobIn(target, request as never, update as never, context as never, options as never));
        wellFormed(await registerInstance(target, request as never, options as never));
        wellFormed(await registerInstance(target, { ...INSTANCE, status: update } as never, options as never));
      }),
      { seed: SEED, numRuns: runs(200) },
    );
  });
});
