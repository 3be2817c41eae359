/**
 * memoryStore(): what it stores is its own copy, and its outcomes render like any rule's through
 * toErrorResponse.
 */
import { describe, expect, it } from "vitest";
import { toErrorResponse, type InstanceState } from "../../src/index";
import { createBackupIn, memoryStore, STORE_RULES, type StateStore } from "../../src/store/index";

const STATE: InstanceState = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
  jobs: [],
  version: 1,
};

describe("memoryStore", () => {
  it("keeps its own copy: changing a written or loaded object changes nothing stored", async () => {
    const store = memoryStore();
    const written = structuredClone(STATE) as unknown as { databases: string[] };
    await store.compareAndSet("rm-1", null, written as unknown as InstanceState);
    written.databases.push("later");
    const loaded = (await store.load("rm-1")) as { databases: string[] };
    loaded.databases.push("mine");
    expect(await store.load("rm-1")).toEqual(STATE);
  });

  it("compares with the stored version, a missing version counting as 0", async () => {
    const { version: _, ...unversioned } = STATE;
    const store = memoryStore({ "rm-1": unversioned });
    expect(await store.compareAndSet("rm-1", 1, STATE)).toBe(false);
    expect(await store.compareAndSet("rm-1", 0, STATE)).toBe(true);
    expect(await store.compareAndSet("rm-1", 1, { ...STATE, version: 2 })).toBe(true);
  });

  it("refuses a compare-and-set on a version for an instance it does not hold, and counts a version that is not a number as 0", async () => {
    expect(await memoryStore().compareAndSet("rm-absent", 1, STATE)).toBe(false);
    const store = memoryStore({ "rm-text": { ...STATE, version: "3" }, "rm-null": null, "rm-string": "damaged" });
    for (const id of ["rm-text", "rm-null", "rm-string"]) {
      expect(await store.compareAndSet(id, 3, STATE)).toBe(false);
      expect(await store.compareAndSet(id, 0, STATE)).toBe(true);
    }
  });

  it("rejects (never throws synchronously) a state it cannot store as JSON", async () => {
    const cyclic = { ...STATE } as Record<string, unknown>;
    cyclic.self = cyclic;
    await expect(memoryStore().compareAndSet("rm-1", null, cyclic as unknown as InstanceState)).rejects.toThrow(TypeError);
  });
});

describe("store outcomes through toErrorResponse", () => {
  it("render with their code, status and rule id", async () => {
    const down: StateStore = { load: () => Promise.reject(new Error("timeout")), compareAndSet: async () => false };
    const decision = await createBackupIn(down, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-03-02T08:00:00Z" });
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    const response = toErrorResponse(decision.error, "r-1");
    expect(response).toMatchObject({ RequestId: "r-1", Code: "ServiceUnavailable", HttpStatus: 503 });
    expect(response.Message).toMatch(
      /^The state store failed during load of instance "rm-1" in createBackupIn \(Error: timeout\): nothing was written; retry once the store is back \(rule store\.unavailable\)$/,
    );
    expect(
      STORE_RULES.map(
        (rule) => toErrorResponse({ rule: rule.id, code: rule.code, httpStatus: rule.httpStatus, message: "m" }, "r").HttpStatus,
      ),
    ).toEqual([409, 503]);
  });
});
