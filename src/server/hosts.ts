/**
 * Whether a host name or address is the loopback interface (127.0.0.0/8, ::1, localhost).
 *
 * @example
 * ```ts
 * import { isLoopback } from "rds-backup-rules/server";
 *
 * expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"].every(isLoopback)).toBe(true);
 * expect(["0.0.0.0", "::", "10.0.0.5", "example.com"].some(isLoopback)).toBe(false);
 * ```
 */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

/** An address that stands for every interface, which no caller names as a Host. */
export function isWildcard(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  return bare === "0.0.0.0" || bare === "::" || bare === "";
}

/**
 * The host name of a `Host` header or an address, for comparing: without its port and brackets,
 * lower case, without a trailing dot, an IPv4-mapped IPv6 address as IPv4; undefined when it
 * cannot be a host.
 */
export function hostName(text: string): string | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)|([0-9a-fA-F:.]*:[0-9a-fA-F:.]*))(?::(\d{1,5}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const name = (match[1] ?? match[2] ?? match[3] ?? "")
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/, "$1");
  return name === "" ? undefined : name;
}
