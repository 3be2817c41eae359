const NONCE = /^[\x20-\x7e]{1,128}$/;

/**
 * Whether a signature nonce has the shape the server remembers: 1 to 128 printable ASCII
 * characters (space to `~`). Any other nonce is refused before it is remembered.
 *
 * @example
 * ```ts
 * import { isSignatureNonce } from "rds-backup-rules/server";
 *
 * expect(isSignatureNonce("3f8a2c1e-9b7d-4e6f-8a5b-0c1d2e3f4a5b")).toBe(true);
 * expect(isSignatureNonce("")).toBe(false);
 * expect(isSignatureNonce("n".repeat(129))).toBe(false);
 * expect(isSignatureNonce("tab\there")).toBe(false);
 * ```
 */
export function isSignatureNonce(text: string): boolean {
  return NONCE.test(text);
}
