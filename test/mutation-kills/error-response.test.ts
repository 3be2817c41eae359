/**
 * Mutation kills (docs/verification.md): `toErrorResponse` is total — given something that is not a
 * Violation it answers a 500 InternalError that says so (its TSDoc), and its RequestId is always a
 * string.
 */
import { describe, expect, it } from "vitest";
import { toErrorResponse } from "../../src/index";

const violation = { rule: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403, message: "The instance is Stopped" };

describe("toErrorResponse on values that are not violations", () => {
  it("answers InternalError 500, saying it was not given a Violation", () => {
    for (const notAViolation of [
      { ...violation, rule: 5 },
      { ...violation, code: null },
      { ...violation, message: ["The instance is Stopped"] },
      { ...violation, httpStatus: 403.5 },
      { ...violation, httpStatus: "403" },
      null,
      "instance.not-running",
    ]) {
      const response = toErrorResponse(notAViolation as never, "r-1");
      expect(response).toMatchObject({ RequestId: "r-1", Code: "InternalError", HttpStatus: 500 });
      expect(response.Message).toMatch(/not a Violation/);
    }
  });

  it("gives an empty RequestId, not an invented one, when the request id is not a string", () => {
    expect(toErrorResponse(violation, 42 as never).RequestId).toBe("");
    expect(toErrorResponse(violation, undefined as never)).toMatchObject({ RequestId: "", Code: "IncorrectDBInstanceState", HttpStatus: 403 });
  });
});
