import type { BackupJob, CreateBackupResponse, InstanceState } from "../domain/types";
import type { RuleId, ViolationDetails } from "./catalog";

/** The fields every violation has, whatever its rule. */
interface ViolationFields<Id extends string> {
  /** The rule id, e.g. `"instance.not-running"`: a `switch` on it is checked by the compiler. */
  readonly rule: Id;
  /** The Alibaba Cloud error code, e.g. `"IncorrectDBInstanceState"`. */
  readonly code: string;
  readonly httpStatus: number;
  /** What is wrong and how to fix it; built from `details` where the rule has them. */
  readonly message: string;
  /** The request parameter (or the context/state path, or update field) the violation is about. */
  readonly parameter?: string;
}

/**
 * Why a decision refused: the rule, its code and HTTP status, and a message that says what to fix;
 * for the rules of `ViolationDetails`, the typed `details` the message is built from. Generic over
 * its rule id (the core's `RuleId` by default), so the outcomes of layers above the core (the
 * store's `store.contention`…) are violations of their own ids.
 */
export type Violation<Id extends string = RuleId> = Id extends keyof ViolationDetails
  ? ViolationFields<Id> & { readonly details: ViolationDetails[Id] }
  : ViolationFields<Id>;

/** The outcome of `createBackup`. */
export type BackupDecision =
  | {
      readonly ok: true;
      readonly state: InstanceState;
      readonly job: BackupJob;
      readonly response: CreateBackupResponse;
      /**
       * `true` when the request replays the job created under the same `context.idempotencyKey`:
       * `state` is then the input state itself and `job` that existing job. Absent otherwise.
       */
      readonly replayed?: boolean;
    }
  | { readonly ok: false; readonly error: Violation };

/** The outcome of `advanceBackupJob`. */
export type JobDecision =
  | {
      readonly ok: true;
      readonly state: InstanceState;
      readonly job: BackupJob;
      /**
       * `false` for an idempotent repeat (the job already has that status): `state` is then the
       * input state itself and there is nothing to write; `true` when `state` is a new state.
       */
      readonly changed: boolean;
    }
  | { readonly ok: false; readonly error: Violation };
