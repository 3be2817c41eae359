import { tz } from "@date-fns/tz";

/** An IANA zone name: letters first, then letters, digits, `_`, `+`, `-` and `/` (no bare offsets). */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** Zone contexts built so far, keyed by the name as given. Only known zones are cached, so the
 * cache is bounded by the size of the IANA database. */
const zoneContexts = new Map<string, ZoneContext>();

/** A date-fns `in` context that does calendar arithmetic in one time zone. */
export type ZoneContext = ReturnType<typeof tz>;

/**
 * The date-fns `in` context of a known IANA time zone, built once per zone and reused; `undefined`
 * when the name is not a zone this runtime knows (including offsets such as `+05:00`).
 *
 * @example
 * ```ts
 * expect(timeZoneContext("Asia/Kathmandu")).toBeTypeOf("function");
 * expect(timeZoneContext("Mars/Olympus_Mons")).toBeUndefined();
 * expect(timeZoneContext("+05:45")).toBeUndefined();
 * ```
 */
export function timeZoneContext(name: string): ZoneContext | undefined {
  const cached = zoneContexts.get(name);
  if (cached !== undefined) return cached;
  if (!IANA_NAME.test(name)) return undefined;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
  } catch {
    return undefined;
  }
  const context = tz(name);
  zoneContexts.set(name, context);
  return context;
}
