/**
 * The instance: the right id, and running.
 *
 * | rule | id |
 * |---:|---|
 * | 14 | `instance-id.not-found` |
 * | 16 | `instance.not-running` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import { quote } from "../text/describe";
import type { DBInstanceStatus } from "../domain/vocabulary";
import { defineDetailedRule, defineRule } from "./rule";

/** Rule 14: the request is about the instance whose state was given. */
export const instanceIdNotFound = defineRule({
  id: "instance-id.not-found",
  code: "InvalidDBInstanceId.NotFound",
  httpStatus: 404,
  title: "DBInstanceId names this instance",
  description: "DBInstanceId equals the state's `instanceId` (case-sensitive).",
  requires: ["request", "state"],
  check: ({ request, state }) =>
    request.instanceId === state.instanceId
      ? undefined
      : {
          message: `The instance ${quote(request.instanceId)} is not found: the state given is of instance ${quote(state.instanceId)}; check DBInstanceId`,
          parameter: "DBInstanceId",
        },
});

/** The details of `instance.not-running`: the instance and the status it is in. */
export interface InstanceNotRunningDetails {
  readonly instanceId: string;
  readonly status: DBInstanceStatus;
}

/** Rule 16: the instance is Running. */
export const instanceNotRunning = defineDetailedRule({
  id: "instance.not-running",
  code: "IncorrectDBInstanceState",
  httpStatus: 403,
  title: "The instance is running",
  description: "A backup can be created only while the instance's status is `Running`.",
  requires: ["state"],
  check: ({ state }) => (state.status === "Running" ? undefined : { details: { instanceId: state.instanceId, status: state.status } }),
  message: ({ instanceId, status }: InstanceNotRunningDetails) =>
    `The instance ${quote(instanceId)} is ${status}, and a backup needs it Running; retry once it is Running`,
});
