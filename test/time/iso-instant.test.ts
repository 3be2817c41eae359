/**
 * `parseIsoInstant` at the edges of each field: the clock (`now`) and every job's `createdAt` are
 * read by it, so an impossible date accepted would be a job on a day that never was, and a valid
 * one refused would refuse the whole state. The differential property (property 10) compares it
 * with a reference on random texts; under the mutation budget those reach a century's leap day,
 * the 31st of a 30-day month or an offset of 24 hours too rarely (mutation run 7 left 19 mutants
 * alive there), so each edge is named here, with the instant `Date.UTC` gives for the valid side.
 */
import { describe, expect, it, vi } from "vitest";
import { parseIsoInstant } from "../../src/time/iso-instant";

describe("dates", () => {
  it("February has 29 days in leap years: every fourth year, but not centuries other than every fourth", () => {
    for (const year of [2024, 2000, 2400, 1600, 4]) {
      const text = `${String(year).padStart(4, "0")}-02-29T00:00Z`;
      expect(parseIsoInstant(text), text).toBe(Date.parse(`${text.slice(0, 16)}:00Z`));
    }
    for (const year of [2023, 1900, 2100, 2200, 1800, 2026]) {
      expect(parseIsoInstant(`${year}-02-29T00:00Z`), String(year)).toBeUndefined();
      expect(parseIsoInstant(`${year}-02-28T23:59:59.999Z`)).toBe(Date.UTC(year, 1, 28, 23, 59, 59, 999));
    }
    expect(parseIsoInstant("2024-02-30T00:00Z")).toBeUndefined();
  });

  it("April, June, September and November have 30 days; the other months 31", () => {
    for (let month = 1; month <= 12; month++) {
      const mm = String(month).padStart(2, "0");
      const days = [4, 6, 9, 11].includes(month) ? 30 : month === 2 ? 28 : 31;
      expect(parseIsoInstant(`2026-${mm}-${days}T12:00Z`), `${mm}-${days}`).toBe(Date.UTC(2026, month - 1, days, 12));
      expect(parseIsoInstant(`2026-${mm}-${days + 1}T12:00Z`), `${mm}-${days + 1}`).toBeUndefined();
      expect(parseIsoInstant(`2026-${mm}-01T00:00Z`)).toBe(Date.UTC(2026, month - 1, 1));
    }
    for (const text of [
      "2026-00-10T00:00Z",
      "2026-13-10T00:00Z",
      "2026-01-00T00:00Z",
      "2026-1a-10T00:00Z",
      "2026-01-1 T00:00Z",
      "20x6-01-10T00:00Z",
    ]) {
      expect(parseIsoInstant(text), text).toBeUndefined();
    }
  });
});

describe("times of day", () => {
  it("hours 00-23, minutes and seconds 00-59; 24:00 and leap seconds are not read", () => {
    expect(parseIsoInstant("2026-03-08T23:59:59Z")).toBe(Date.UTC(2026, 2, 8, 23, 59, 59));
    expect(parseIsoInstant("2026-03-08T00:00:00Z")).toBe(Date.UTC(2026, 2, 8));
    for (const text of [
      "2026-03-08T24:00Z",
      "2026-03-08T24:00:00Z",
      "2026-03-08T12:60Z",
      "2026-03-08T12:00:60Z",
      "2026-03-08T2a:00Z",
      "2026-03-08T12:0aZ",
      "2026-03-08T12:00:5aZ",
    ]) {
      expect(parseIsoInstant(text), text).toBeUndefined();
    }
  });

  it("a fraction of 1 to 9 digits, read to the millisecond (truncated); none or 10 are refused", () => {
    const second = Date.UTC(2026, 2, 8, 7);
    expect(parseIsoInstant("2026-03-08T07:00:00.5Z")).toBe(second + 500);
    expect(parseIsoInstant("2026-03-08T07:00:00.05Z")).toBe(second + 50);
    expect(parseIsoInstant("2026-03-08T07:00:00.005Z")).toBe(second + 5);
    expect(parseIsoInstant("2026-03-08T07:00:00.123999999Z")).toBe(second + 123);
    expect(parseIsoInstant("2026-03-08T07:00:00.1239999999Z")).toBeUndefined();
    expect(parseIsoInstant("2026-03-08T07:00:00.Z")).toBeUndefined();
    expect(parseIsoInstant("2026-03-08T07:00.5Z")).toBeUndefined();
  });
});

describe("the zone designator", () => {
  it("Z, or an offset up to ±23:59 east positive; ±24:00, minute 60 and other shapes are refused", () => {
    const at = Date.UTC(2026, 2, 8, 12);
    expect(parseIsoInstant("2026-03-08T12:00Z")).toBe(at);
    expect(parseIsoInstant("2026-03-08T12:00+00:00")).toBe(at);
    expect(parseIsoInstant("2026-03-08T12:00-00:00")).toBe(at);
    expect(parseIsoInstant("2026-03-08T12:00+23:59")).toBe(at - (23 * 60 + 59) * 60_000);
    expect(parseIsoInstant("2026-03-08T12:00-23:59")).toBe(at + (23 * 60 + 59) * 60_000);
    expect(parseIsoInstant("2026-03-08T12:00:30+05:45")).toBe(at + 30_000 - (5 * 60 + 45) * 60_000);
    for (const zone of [
      "+24:00",
      "-24:00",
      "+00:60",
      "+0545",
      "+05",
      "+05:4",
      "+05:450",
      "+5:45",
      "*05:45",
      "+05-45",
      "+0a:00",
      "+05:a5",
      "z",
      "ZZ",
      "Z ",
      "",
    ]) {
      expect(parseIsoInstant(`2026-03-08T12:00${zone}`), zone).toBeUndefined();
      expect(parseIsoInstant(`2026-03-08T12:00:00.250${zone}`), `with seconds ${zone}`).toBeUndefined();
    }
  });
});

/**
 * What `createdAtInstant` remembers, counted by `rememberedCreatedAts` in a fresh copy of the module
 * (as a new process loads it). Every decision reads every job's `createdAt`, so the texts are kept;
 * a service's process lives for months, so what is kept is bounded. Found by mutation run 18: the
 * bound, and which texts are kept, could be changed without any test failing.
 */
describe("createdAtInstant: the texts it remembers", () => {
  async function fresh(): Promise<typeof import("../../src/time/iso-instant")> {
    vi.resetModules();
    return import("../../src/time/iso-instant");
  }

  it("keeps each valid text once, answers it as parseIsoInstant does, and keeps no invalid text", async () => {
    const { createdAtInstant, rememberedCreatedAts } = await fresh();
    expect(rememberedCreatedAts()).toBe(0);
    const longest = "2026-03-08T02:00:00.123456789+05:00";
    expect(longest).toHaveLength(35);
    for (let round = 0; round < 2; round++) {
      expect(createdAtInstant(longest)).toBe(Date.UTC(2026, 2, 7, 21, 0, 0, 123));
      expect(createdAtInstant("2026-03-08T07:00:00Z")).toBe(Date.UTC(2026, 2, 8, 7));
      expect(createdAtInstant("2026-02-30T00:00:00Z")).toBeUndefined();
      expect(createdAtInstant("2026-03-08T02:00:00.1234567890+05:00")).toBeUndefined();
      expect(rememberedCreatedAts()).toBe(2);
    }
  });

  it("keeps at most 4,096 texts, then starts over, and answers every text the same before and after", async () => {
    const { createdAtInstant, rememberedCreatedAts } = await fresh();
    const text = (minute: number): string => new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString();
    for (let minute = 0; minute < 4096; minute++) createdAtInstant(text(minute));
    expect(rememberedCreatedAts()).toBe(4096);
    expect(createdAtInstant(text(4096))).toBe(Date.UTC(2026, 0, 1) + 4096 * 60_000);
    expect(rememberedCreatedAts()).toBe(1);
    for (const minute of [0, 4095, 4096]) expect(createdAtInstant(text(minute))).toBe(parseIsoInstant(text(minute)));
  });
});

describe("the longest text read", () => {
  // What createdAtInstant's memory bound relies on. Property 10 shows the parser agrees with a
  // reference whose format (fixed-width fields, at most 9 fraction digits) allows nothing longer.
  it("is 35 characters: a 9-digit fraction and an offset", () => {
    expect(parseIsoInstant("2026-03-08T02:00:00.123456789+05:00")).toBe(Date.UTC(2026, 2, 7, 21, 0, 0, 123));
    for (const longer of [
      "2026-03-08T02:00:00.123456789+05:00 ",
      "2026-03-08T02:00:00.123456789+05:000",
      "2026-03-08T02:00:00.123456789Z0",
    ]) {
      expect(parseIsoInstant(longer), longer).toBeUndefined();
    }
  });
});
