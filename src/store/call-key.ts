/**
 * What tells one call from others racing for the same instance, for the default backoff's spread:
 * the instance id and the context's `requestId`, `idempotencyKey` and `jobId`. Never throws.
 *
 * @example
 * ```ts
 * import { callKeyOf } from "./call-key";
 *
 * expect(callKeyOf("rm-1", { requestId: "a" })).not.toBe(callKeyOf("rm-1", { requestId: "b" }));
 * expect(callKeyOf("rm-1", null)).toBe(callKeyOf("rm-1", {}));
 * ```
 */
export function callKeyOf(instanceId: string, context: unknown): string {
  try {
    const { requestId, idempotencyKey, jobId } = (typeof context === "object" && context !== null ? context : {}) as Record<
      string,
      unknown
    >;
    return [instanceId, requestId, idempotencyKey, jobId].map((part) => (typeof part === "string" ? part : "")).join("\u0000");
  } catch {
    return instanceId;
  }
}
