import { tz } from "@date-fns/tz";

/** An IANA zone name: letters first, then letters, digits, `_`, `+`, `-` and `/` (no bare offsets). */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** Bound on the cache below: `Intl` accepts any letter case, so spellings are not a finite set. */
const MAX_CACHED_NAMES = 1024;

/** A date-fns `in` context that does calendar arithmetic in one time zone, and that zone's canonical name. */
export type ZoneContext = ReturnType<typeof tz> & { readonly timeZone: string };

/** Zone contexts by the name as given (`null`: not a zone), and by canonical name, so each zone is built once. */
const byName = new Map<string, ZoneContext | null>();
const byCanonicalName = new Map<string, ZoneContext>();

/**
 * The date-fns `in` context of a known IANA time zone, built once per zone and reused; `undefined`
 * when the name is not a zone this runtime knows (including offsets such as `+05:00`).
 *
 * @example
 * ```ts
 * expect(timeZoneContext("Asia/Kathmandu")).toBeTypeOf("function");
 * expect(timeZoneContext("asia/kathmandu")).toBe(timeZoneContext("Asia/Kathmandu"));
 * expect(timeZoneContext("europe/berlin")?.timeZone).toBe("Europe/Berlin");
 * expect(timeZoneContext("Mars/Olympus_Mons")).toBeUndefined();
 * expect(timeZoneContext("+05:45")).toBeUndefined();
 * ```
 */
export function timeZoneContext(name: string): ZoneContext | undefined {
  const cached = byName.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const canonical = canonicalZoneName(name);
  if (canonical === undefined) {
    // An unknown name is looked up again and again by a misconfigured caller; Intl is slow to say no.
    if (byName.size < MAX_CACHED_NAMES) byName.set(name, null);
    return undefined;
  }
  let context = byCanonicalName.get(canonical);
  if (context === undefined) {
    context = Object.assign(tz(canonical), { timeZone: canonical });
    byCanonicalName.set(canonical, context);
  }
  if (byName.size < MAX_CACHED_NAMES) byName.set(name, context);
  return context;
}

function canonicalZoneName(name: string): string | undefined {
  if (!IANA_NAME.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
