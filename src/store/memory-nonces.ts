import { readNonceCall, type NonceOutcome, type NonceStore } from "./nonce-store";

/** How many unexpired nonces `memoryNonces` holds by default: 200,000 (about 60 MB with 128-character nonces). */
export const DEFAULT_NONCE_CAPACITY = 200_000;

/** A nonce store in this process's memory; `size()` counts the nonces it holds. */
export interface MemoryNonces extends NonceStore {
  readonly size: () => number;
}

/** One remembered nonce in the heap: its key and when it expires (ms). */
interface Entry {
  readonly key: string;
  readonly at: number;
}

/**
 * Nonces remembered in this process, each until it expires, at most `capacity` of them (a positive
 * integer, default 200,000). Expired ones are dropped as calls arrive (a heap ordered by expiry: no
 * call scans them all); when the memory is full of unexpired nonces, a new nonce is `full` (refuse
 * its call) rather than an unexpired one forgotten early. Answers as `postgresNonces` does, but
 * for `full`. Rejects with a `RangeError` what `readNonceCall` refuses.
 *
 * @example
 * ```ts
 * import { memoryNonces } from "rds-backup-rules/store";
 *
 * const nonces = memoryNonces({ capacity: 1 });
 * const now = new Date("2026-03-02T08:00:00Z");
 * const until = new Date("2026-03-02T08:15:00Z");
 * expect(await nonces.remember("AK", "n-1", until, now)).toBe("fresh");
 * expect(await nonces.remember("AK", "n-1", until, now)).toBe("used");
 * expect(await nonces.remember("AK", "n-2", until, now)).toBe("full");
 * expect(await nonces.remember("AK", "n-2", new Date("2026-03-02T08:31:00Z"), new Date("2026-03-02T08:16:00Z"))).toBe("fresh");
 * expect(nonces.size()).toBe(1);
 * await expect(nonces.remember("AK", "n".repeat(15_000), until, now)).rejects.toThrow(RangeError);
 * ```
 */
export function memoryNonces(options: { readonly capacity?: number } = {}): MemoryNonces {
  const capacity =
    Number.isSafeInteger(options.capacity) && (options.capacity as number) > 0 ? (options.capacity as number) : DEFAULT_NONCE_CAPACITY;
  const until = new Map<string, number>();
  const heap: Entry[] = [];
  const dropExpired = (now: number) => {
    while (heap.length > 0 && heap[0]!.at <= now) until.delete(pop(heap).key);
  };
  return {
    size: () => until.size,
    remember: async (accessKeyId: string, nonce: string, expiresAt: Date, now: Date): Promise<NonceOutcome> => {
      const call = readNonceCall(accessKeyId, nonce, expiresAt, now);
      if (call instanceof RangeError) throw call;
      dropExpired(call.now);
      // A nonce and key id are each at most 256 characters: the length prefix keeps the pair apart.
      const key = `${accessKeyId.length}:${accessKeyId}${nonce}`;
      if (until.has(key)) return "used";
      if (call.expiresAt <= call.now) return "fresh"; // expired already: nothing to remember
      if (until.size >= capacity) return "full";
      until.set(key, call.expiresAt);
      push(heap, { key, at: call.expiresAt });
      return "fresh";
    },
  };
}

/** Adds `entry` to a binary min-heap ordered by `at`. */
function push(heap: Entry[], entry: Entry): void {
  heap.push(entry);
  for (let index = heap.length - 1; index > 0;) {
    const parent = (index - 1) >> 1;
    if (heap[parent]!.at <= heap[index]!.at) break;
    [heap[parent], heap[index]] = [heap[index]!, heap[parent]!];
    index = parent;
  }
}

/** Removes and returns the entry with the smallest `at` of a non-empty heap. */
function pop(heap: Entry[]): Entry {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length === 0) return top;
  heap[0] = last;
  for (let index = 0; ;) {
    const left = 2 * index + 1;
    const right = left + 1;
    let smallest = index;
    if (left < heap.length && heap[left]!.at < heap[smallest]!.at) smallest = left;
    if (right < heap.length && heap[right]!.at < heap[smallest]!.at) smallest = right;
    if (smallest === index) return top;
    [heap[smallest], heap[index]] = [heap[index]!, heap[smallest]!];
    index = smallest;
  }
}
