import type { FastifySchemaValidationError, FastifyServerOptions } from "fastify";

type SchemaErrorFormatter = NonNullable<FastifyServerOptions["schemaErrorFormatter"]>;

/** The fields of a registration (`PUT /admin/instances/{id}`); their values are the store layer's to parse (`state.invalid`). */
export const REGISTRATION_FIELDS = ["engine", "engineVersion", "storageType", "status", "databases"] as const;

/** The body of `PUT /admin/instances/{id}`: a JSON object with only the registration's fields. */
export const REGISTRATION_BODY = {
  type: "object",
  additionalProperties: false,
  properties: Object.fromEntries(REGISTRATION_FIELDS.map((field) => [field, {}])),
} as const;

/** The body of `POST /admin/instances/{id}/jobs/{jobId}`: `{ "status": "<job status>" }` (which status is the rule set's to judge). */
export const JOB_UPDATE_BODY = {
  type: "object",
  additionalProperties: false,
  required: ["status"],
  properties: { status: { type: "string" } },
} as const;

/**
 * Fastify's schema error formatter for an admin body: the first failure in words, naming the
 * fields the body takes (the error handler answers it as `http.body-malformed`, 400).
 */
export function adminBodyErrors(fields: readonly string[], example: string): SchemaErrorFormatter {
  return (errors) => new Error(describeFailure(errors[0], fields, example));
}

function describeFailure(error: FastifySchemaValidationError | undefined, fields: readonly string[], example: string): string {
  const shape = `The body must be a JSON object with ${fields.join(", ")}, like ${example}`;
  if (error === undefined) return shape;
  const field = error.instancePath.replace(/^\//, "");
  switch (error.keyword) {
    case "additionalProperties":
      return `The body has ${JSON.stringify(String(error.params.additionalProperty))}, which is not one of ${fields.join(", ")}`;
    case "required":
      return `The body needs ${JSON.stringify(String(error.params.missingProperty))}, like ${example}`;
    case "type":
      return field === "" ? shape : `The body's ${JSON.stringify(field)} must be a ${String(error.params.type)}, like ${example}`;
    default:
      return `The body${field === "" ? "" : `'s ${JSON.stringify(field)}`} ${error.message ?? "is not valid"}, like ${example}`;
  }
}
