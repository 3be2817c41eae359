import { describe, expect, it } from "vitest";
import { expectAtMost, expectEqual, expectIs, expectOneOf } from "./expect-cheaply";

describe("the cheap assertions pass and fail as their expect forms do", () => {
  it("expectIs is toBe", () => {
    expect(() => expectIs(NaN, NaN)).not.toThrow();
    expect(() => expectIs("a", "a")).not.toThrow();
    expect(() => expectIs(0, -0)).toThrow();
    expect(() => expectIs({}, {})).toThrow();
  });

  it("expectEqual is toEqual, including where strict equality is stricter", () => {
    expect(() => expectEqual({ a: [1, new Set(["x"])] }, { a: [1, new Set(["x"])] })).not.toThrow();
    expect(() => expectEqual({ a: 1, b: undefined }, { a: 1 })).not.toThrow();
    expect(() => expectEqual(Object.assign(Object.create(null), { a: 1 }), { a: 1 })).not.toThrow();
    expect(() => expectEqual({ a: 1 }, { a: 2 })).toThrow();
    expect(() => expectEqual([1, 2], [2, 1])).toThrow();
  });

  it("expectAtMost is toBeLessThanOrEqual, and expectOneOf is toContain", () => {
    expect(() => expectAtMost(2, 2)).not.toThrow();
    expect(() => expectAtMost(3, 2)).toThrow();
    expect(() => expectAtMost(NaN, 2)).toThrow();
    expect(() => expectOneOf("b", ["a", "b"])).not.toThrow();
    expect(() => expectOneOf("c", ["a", "b"])).toThrow();
  });
});
