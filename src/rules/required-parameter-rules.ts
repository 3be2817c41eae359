/**
 * The parameters a request must carry, and the unknown ones.
 *
 * | rule | id |
 * |---:|---|
 * | 5 | `action.missing` |
 * | 6 | `action.unsupported` |
 * | 7 | `instance-id.missing` |
 * | 8 | `parameter.unknown` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import { COMMON_PARAMETERS, CREATE_BACKUP_ACTION, CREATE_BACKUP_PARAMETERS } from "../domain/vocabulary";
import { quote } from "../text/describe";
import { nearestName } from "../text/nearest-name";
import { firstInOrder } from "./parameter-order";
import { defineDetailedRule, defineRule } from "./rule";

/** The details of `parameter.unknown`: the unknown name and the nearest known one, if one is near. */
export interface ParameterUnknownDetails {
  readonly name: string;
  readonly suggestion: string | undefined;
}

/** Rule 5: the request names its Action. */
export const actionMissing = defineRule({
  id: "action.missing",
  code: "MissingParameter",
  httpStatus: 400,
  title: "Action is given",
  description: "The request carries `Action`; an empty value counts as missing.",
  requires: ["fields"],
  check: ({ fields }) =>
    fields.action.kind === "absent"
      ? { message: `The required parameter Action is missing; add Action=${CREATE_BACKUP_ACTION}`, parameter: "Action" }
      : undefined,
});

/** Rule 6: the Action is CreateBackup. */
export const actionUnsupported = defineRule({
  id: "action.unsupported",
  code: "InvalidAction.NotFound",
  httpStatus: 404,
  title: "Action is CreateBackup",
  description: "This rule set decides `Action=CreateBackup` only; names are case-sensitive.",
  requires: ["fields"],
  check: ({ fields }) =>
    fields.action.kind === "valid" && fields.action.value !== CREATE_BACKUP_ACTION
      ? {
          message: `Action ${quote(fields.action.value)} is not supported by this rule set; use Action=${CREATE_BACKUP_ACTION}`,
          parameter: "Action",
        }
      : undefined,
});

/** Rule 7: the request names the instance. */
export const instanceIdMissing = defineRule({
  id: "instance-id.missing",
  code: "MissingParameter",
  httpStatus: 400,
  title: "DBInstanceId is given",
  description: "The request carries `DBInstanceId`; an empty value counts as missing.",
  requires: ["fields"],
  check: ({ fields }) =>
    fields.instanceId.kind === "absent"
      ? {
          message: "The required parameter DBInstanceId is missing; add DBInstanceId=<the instance id, like rm-uf6wjk5xxxxxxx>",
          parameter: "DBInstanceId",
        }
      : undefined,
});

const KNOWN_PARAMETERS: readonly string[] = [...CREATE_BACKUP_PARAMETERS, ...COMMON_PARAMETERS];
const KNOWN_SET: ReadonlySet<string> = new Set(KNOWN_PARAMETERS);

/** Rule 8: every parameter is a CreateBackup parameter or a common one. */
export const parameterUnknown = defineDetailedRule({
  id: "parameter.unknown",
  code: "InvalidParameter",
  httpStatus: 400,
  title: "Every parameter is known",
  description:
    "Each parameter is a CreateBackup parameter or an Alibaba Cloud common parameter; names are case-sensitive. " +
    "The message suggests the nearest known name.",
  requires: ["rawParameters"],
  check: ({ rawParameters }) => {
    const name = firstInOrder(rawParameters, isUnknown);
    if (name === undefined) return undefined;
    return { details: { name, suggestion: nearestName(name, KNOWN_PARAMETERS) }, parameter: name };
  },
  message: ({ name, suggestion }: ParameterUnknownDetails) => {
    // The message ends with an instruction (the CLI shows it as "How to fix").
    const hint =
      suggestion === undefined
        ? `; remove it (CreateBackup takes ${CREATE_BACKUP_PARAMETERS.join(", ")} and the common parameters)`
        : ` (did you mean ${suggestion}?); rename it to ${suggestion}`;
    return `The parameter ${quote(name)} is not a CreateBackup parameter${hint}`;
  },
});

function isUnknown(_: unknown, name: string): boolean {
  return !KNOWN_SET.has(name);
}
