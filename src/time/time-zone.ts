/** The longest name asked about: longer than any IANA zone name, and all that is remembered of one. */
const MAX_NAME_LENGTH = 64;

/** An IANA zone name: letters first, then letters, digits, `_`, `+`, `-` and `/` (no bare offsets). */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/** Bound on the cache below: `Intl` accepts any letter case, so spellings are not a finite set. */
const MAX_CACHED_NAMES = 1024;

/** One known time zone: its canonical name, and its UTC offset at any instant. */
export interface ZoneContext {
  /** The canonical IANA name (`Europe/Berlin` for `europe/berlin`). */
  readonly timeZone: string;
  /**
   * The zone's offset from UTC at an instant, in milliseconds, east positive. Historical offsets
   * keep their seconds (Monrovia's −00:44:30 until 1972).
   */
  readonly offsetMs: (epochMs: number) => number;
}

/**
 * Zone contexts by the name as given (`null`: not a zone), at most `MAX_CACHED_NAMES` names of at
 * most `MAX_NAME_LENGTH` characters; and by canonical name, so each zone is built once (a set as
 * small as the zones `Intl` knows).
 */
const byName = new Map<string, ZoneContext | null>();
const byCanonicalName = new Map<string, ZoneContext>();

/**
 * The context of a known IANA time zone, built once per zone and reused; `undefined` when the name
 * is not a zone this runtime knows (including offsets such as `+05:00`). A name longer than 64
 * characters, or not of the letters a zone name is made of, is refused before `Intl` is asked and
 * never remembered, so what is cached stays small whatever callers pass.
 *
 * @example
 * ```ts
 * import { timeZoneContext } from "./time-zone";
 *
 * expect(timeZoneContext("Asia/Kathmandu")?.offsetMs(Date.UTC(2026, 0, 1))).toBe((5 * 60 + 45) * 60_000);
 * expect(timeZoneContext("asia/kathmandu")).toBe(timeZoneContext("Asia/Kathmandu"));
 * expect(timeZoneContext("europe/berlin")?.timeZone).toBe("Europe/Berlin");
 * expect(timeZoneContext("Mars/Olympus_Mons")).toBeUndefined();
 * expect(timeZoneContext("+05:45")).toBeUndefined();
 * expect(timeZoneContext("Asia/" + "x".repeat(1_000_000))).toBeUndefined();
 * ```
 */
export function timeZoneContext(name: string): ZoneContext | undefined {
  if (name.length > MAX_NAME_LENGTH || !IANA_NAME.test(name)) return undefined;
  const cached = byName.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const canonical = canonicalZoneName(name);
  let context: ZoneContext | null = null;
  if (canonical !== undefined) {
    context = byCanonicalName.get(canonical) ?? zoneContext(canonical);
    byCanonicalName.set(canonical, context);
  }
  // An unknown name is looked up again and again by a misconfigured caller; Intl is slow to say no.
  if (byName.size < MAX_CACHED_NAMES) byName.set(name, context);
  return context ?? undefined;
}

/**
 * How much `timeZoneContext` remembers: the names cached and their total length. For tests of its
 * bounds (1,024 names of at most 64 characters).
 *
 * @example
 * ```ts
 * import { rememberedZoneNames, timeZoneContext } from "./time-zone";
 *
 * timeZoneContext("Asia/Tokyo");
 * expect(rememberedZoneNames().names).toBeGreaterThan(0);
 * expect(rememberedZoneNames().characters).toBeLessThanOrEqual(1024 * 64);
 * ```
 */
export function rememberedZoneNames(): { readonly names: number; readonly characters: number } {
  let characters = 0;
  for (const name of byName.keys()) characters += name.length;
  return { names: byName.size, characters };
}

function canonicalZoneName(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", options({ timeZone: name })).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * `Intl` options without a prototype: `Intl` reads every option it knows, inherited ones too, so
 * an `Object.prototype.numberingSystem` or `hour12` would otherwise change what it writes.
 */
function options(given: Intl.DateTimeFormatOptions): Intl.DateTimeFormatOptions {
  return Object.assign(Object.create(null) as Intl.DateTimeFormatOptions, given);
}

const MS_PER_SECOND = 1000;

/** The context of a canonical zone: UTC answers 0 without asking `Intl`. */
function zoneContext(timeZone: string): ZoneContext {
  if (timeZone === "UTC") return Object.freeze({ timeZone, offsetMs: () => 0 });
  const format = new Intl.DateTimeFormat("en-US", options({ timeZone, timeZoneName: "longOffset" }));
  // "1/31/2026, GMT+05:45", "GMT-00:44:30", or "GMT" at zero: parsed once per distinct offset.
  return Object.freeze({ timeZone, offsetMs: (epochMs: number) => offsetOf(format.format(epochMs)) });
}

/** Offsets by the text `Intl` writes for them (a few hundred distinct texts over every zone). */
const offsets = new Map<string, number>();

function offsetOf(formatted: string): number {
  const text = formatted.slice(formatted.lastIndexOf("GMT") + 3);
  let offset = offsets.get(text);
  if (offset === undefined) {
    offset = parseOffset(text);
    offsets.set(text, offset);
  }
  return offset;
}

/** `""`, `+05:45`, `-00:44:30` as milliseconds east of UTC. */
function parseOffset(text: string): number {
  if (text === "") return 0;
  const [hours = 0, minutes = 0, seconds = 0] = text.slice(1).split(":").map(Number);
  return (text[0] === "-" ? -1 : 1) * ((hours * 60 + minutes) * 60 + seconds) * MS_PER_SECOND;
}
