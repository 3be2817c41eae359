import { createBackup, type InstanceState } from "../../src/index";

/** The clock of the message cases. */
export const MESSAGE_NOW = { now: "2026-03-08T12:00:00Z" };

/** A running MySQL 8.0 instance `rm-msg` on local disks with database `orders`, with `overrides`. */
export function messageInstance(overrides: Partial<InstanceState>): InstanceState {
  return {
    instanceId: "rm-msg",
    engine: "MySQL",
    engineVersion: "8.0",
    storageType: "local_ssd",
    status: "Running",
    databases: ["orders"],
    jobs: [],
    ...overrides,
  };
}

/** The violation `createBackup` refuses a request of `parameters` on `state` with; throws on acceptance. */
export function refusal(state: InstanceState, parameters: Record<string, string>) {
  const decision = createBackup(state, { Action: "CreateBackup", DBInstanceId: state.instanceId, ...parameters }, MESSAGE_NOW);
  if (decision.ok) throw new Error("expected a refusal");
  return decision.error;
}
