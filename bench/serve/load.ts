/**
 * One bounded autocannon run on loopback: `amount` GET requests over a few connections, the i-th
 * to `path(i)`, stopped after `timeoutSeconds` whatever is left.
 */
import autocannon from "autocannon";

/** What one run measured. */
export interface LoadResult {
  readonly requests: number;
  /** Requests divided by the time from the first request sent to the last answer. */
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Answers by class (`2xx`, `4xx`, …) and failures (`errors`, `timeouts`). */
  readonly statuses: Readonly<Record<string, number>>;
  readonly seconds: number;
}

export const CONNECTIONS = 8;

export async function load(
  base: string,
  amount: number,
  path: (index: number) => string,
  onResponse: (index: number, status: number, body: string) => void = () => undefined,
  timeoutSeconds = 60,
): Promise<LoadResult> {
  let next = 0;
  let firstSent = 0;
  let lastAnswered = 0;
  const run = autocannon({
    url: base,
    connections: CONNECTIONS,
    amount,
    timeout: 10,
    requests: [
      {
        setupRequest: (request: autocannon.Request, context: object) => {
          const index = next++;
          if (index === 0) firstSent = performance.now();
          (context as { index?: number }).index = index;
          return { ...request, method: "GET", path: path(index) };
        },
        onResponse: (status: number, body: string, context: object) => {
          lastAnswered = performance.now();
          onResponse(Number((context as { index?: number }).index), status, body);
        },
      },
    ],
  });
  const guard = setTimeout(() => (run as unknown as { stop: () => void }).stop(), timeoutSeconds * 1000);
  const result = await run;
  clearTimeout(guard);
  // From the first request sent to the last answer: autocannon's own duration ends on its next one-second tick.
  const seconds = (lastAnswered - firstSent) / 1000;
  const statuses: Record<string, number> = {};
  for (const key of ["1xx", "2xx", "3xx", "4xx", "5xx", "errors", "timeouts"] as const) {
    const value = (result as unknown as Record<string, number>)[key];
    if (typeof value === "number" && value > 0) statuses[key] = value;
  }
  const total = result.requests.total;
  return { requests: total, rps: total / seconds, p50: result.latency.p50, p99: result.latency.p99, statuses, seconds };
}
