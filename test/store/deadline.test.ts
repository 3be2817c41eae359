/**
 * A call's deadline: store calls raced against the time left, waits cut short by it, its one timer
 * released when the call is answered, and an abandoned call's late rejection never unhandled.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { startDeadline } from "../../src/store/deadline";

afterEach(() => vi.useRealTimers());

const never = () => new Promise<never>(() => undefined);

describe("startDeadline", () => {
  it("answers what the work answers before the deadline, and a TimeoutError once it has passed", async () => {
    vi.useFakeTimers();
    const deadline = startDeadline(100);
    expect(await deadline.race(async () => 7)).toBe(7);
    await expect(deadline.race(() => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    const hanging = deadline.race(never);
    const settled = expect(hanging).rejects.toMatchObject({ name: "TimeoutError", message: "no answer within the deadline of 100 ms" });
    await vi.advanceTimersByTimeAsync(100);
    await settled;
    let started = false;
    await expect(deadline.race(async () => (started = true))).rejects.toMatchObject({ name: "TimeoutError" });
    expect(started).toBe(false);
    deadline.end();
  });

  it("counts from its start, not from each call: two calls share the time", async () => {
    vi.useFakeTimers();
    const deadline = startDeadline(100);
    const first = deadline.race(() => new Promise((resolve) => setTimeout(() => resolve("first"), 60)));
    await vi.advanceTimersByTimeAsync(60);
    expect(await first).toBe("first");
    const second = deadline.race(() => new Promise((resolve) => setTimeout(() => resolve("second"), 60)));
    const refused = expect(second).rejects.toMatchObject({ name: "TimeoutError" });
    await vi.advanceTimersByTimeAsync(40);
    await refused;
    deadline.end();
  });

  it("turns a store that throws instead of rejecting into a rejection", async () => {
    const deadline = startDeadline(100);
    await expect(
      deadline.race(() => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    deadline.end();
  });

  it("waits on a timer only when there is something to wait, and no longer than the deadline", async () => {
    vi.useFakeTimers();
    const deadline = startDeadline(50);
    expect(vi.getTimerCount()).toBe(1);
    for (const ms of [0, -1]) {
      const pending = deadline.wait(ms);
      expect(vi.getTimerCount()).toBe(1);
      await pending;
    }
    let woke = false;
    void deadline.wait(5).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(4);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
    woke = false;
    void deadline.wait(10_000).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(45);
    expect(woke).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await deadline.wait(10); // past the deadline: at once
    deadline.end();
  });

  it("leaves no timer once ended, and an abandoned call's late rejection is handled", async () => {
    vi.useFakeTimers();
    const deadline = startDeadline(10);
    let reject: (error: Error) => void = () => undefined;
    const abandoned = deadline.race(() => new Promise((_resolve, fail) => (reject = fail)));
    const refused = expect(abandoned).rejects.toMatchObject({ name: "TimeoutError" });
    await vi.advanceTimersByTimeAsync(10);
    await refused;
    reject(new Error("late")); // an unhandled rejection would fail the run
    deadline.end();
    const other = startDeadline(1_000);
    other.end();
    expect(vi.getTimerCount()).toBe(0);
  });
});
