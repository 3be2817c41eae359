/**
 * `timeZoneContext` as a process meets it for the first time. A zone's context, its offsets and
 * the names asked about are kept for the life of the process, so the first call builds what every
 * later call answers with: a mistake there would go unseen by tests that run after another test
 * asked about the same zone. Each test here imports a fresh copy of the module (nothing kept yet),
 * as a new process does. Found by mutation run 11 (docs/verification.md): UTC's offset and the
 * count of what is remembered were only ever read after the first call.
 */
import { describe, expect, it, vi } from "vitest";

/** The module as a new process loads it: no zone built, no name remembered. */
async function freshTimeZones(): Promise<typeof import("../../src/time/time-zone")> {
  vi.resetModules();
  return import("../../src/time/time-zone");
}

const INSTANTS = [Date.UTC(1850, 0, 1), 0, Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 9, 25, 1), Date.UTC(2099, 11, 31, 23, 59, 59, 999)];

describe("the first zone context a process builds", () => {
  it("UTC, by any of its names, is 0 from UTC at every instant", async () => {
    const { timeZoneContext } = await freshTimeZones();
    const utc = timeZoneContext("UTC");
    expect(utc?.timeZone).toBe("UTC");
    expect(INSTANTS.map((at) => utc?.offsetMs(at))).toEqual(INSTANTS.map(() => 0));
    expect(timeZoneContext("Etc/UTC")).toBe(utc);
    expect(timeZoneContext("utc")).toBe(utc);
  });

  it("a zone first met at an instant of zero offset reads its other offsets too (London, winter then summer)", async () => {
    const { timeZoneContext } = await freshTimeZones();
    const london = timeZoneContext("Europe/London");
    expect(london?.offsetMs(Date.UTC(2026, 0, 15))).toBe(0);
    expect(london?.offsetMs(Date.UTC(2026, 6, 15))).toBe(3_600_000);
    expect(london?.offsetMs(Date.UTC(2026, 0, 16))).toBe(0);
  });
});

describe("what timeZoneContext remembers, counted by rememberedZoneNames", () => {
  it("each name asked once, known or not, with its length; names refused before Intl never", async () => {
    const { timeZoneContext, rememberedZoneNames } = await freshTimeZones();
    expect(rememberedZoneNames()).toEqual({ names: 0, characters: 0 });
    timeZoneContext("Asia/Tokyo");
    timeZoneContext("Asia/Tokyo");
    expect(rememberedZoneNames()).toEqual({ names: 1, characters: 10 });
    timeZoneContext("asia/tokyo");
    expect(timeZoneContext("Mars/Olympus_Mons")).toBeUndefined();
    expect(rememberedZoneNames()).toEqual({ names: 3, characters: 10 + 10 + 17 });
    // Not of the letters zone names are made of, or longer than 64 characters: refused, not kept.
    for (const name of [
      "+05:45",
      "9Asia/Tokyo",
      "/Asia/Tokyo",
      "Asia/Tokyo!",
      "Asia/Tokyo\n",
      "Asia/Tokyo ",
      `Mars/${"x".repeat(60)}`,
      `Asia/${"x".repeat(1 << 20)}`,
    ]) {
      expect(timeZoneContext(name), JSON.stringify(name.slice(0, 20))).toBeUndefined();
    }
    expect(rememberedZoneNames()).toEqual({ names: 3, characters: 37 });
    // 64 characters is the longest name asked about, and kept.
    timeZoneContext(`Mars/${"x".repeat(59)}`);
    expect(rememberedZoneNames()).toEqual({ names: 4, characters: 37 + 64 });
  });

  it("at most 1,024 names, and every name is still answered once that many are kept", async () => {
    const { timeZoneContext, rememberedZoneNames } = await freshTimeZones();
    for (let index = 0; index < 1100; index++) timeZoneContext(`Mars/Crater_${String(index).padStart(4, "0")}`);
    expect(rememberedZoneNames()).toEqual({ names: 1024, characters: 1024 * 16 });
    expect(timeZoneContext("Asia/Kathmandu")?.offsetMs(Date.UTC(2026, 0, 1))).toBe((5 * 60 + 45) * 60_000);
    expect(timeZoneContext("Mars/Crater_1099")).toBeUndefined();
    expect(rememberedZoneNames().names).toBe(1024);
  });
});
