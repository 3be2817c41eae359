/**
 * The hand-written parts of `docs/performance.md`: the fixes made from profiles (with the numbers
 * measured when each was made) and the explanation of what remains. The rest of the report is
 * generated from the bench's measurements.
 */
import type { GroupName } from "./implementations";
import type { BenchResults } from "./report";

/** One performance fix in `src/`. */
export interface Fix {
  readonly title: string;
  readonly detail: string;
  readonly effect: string;
}

export const FIXES: readonly Fix[] = [];

/** The measured ratios the explanation quotes. */
export interface Ratios {
  readonly overJsonRulesEngine: (group: GroupName) => number;
  readonly overFloor: (group: GroupName) => number;
  readonly floorOverJsonRulesEngine: (group: GroupName) => number;
}

export function REMAINING(_results: BenchResults, _ratios: Ratios): string {
  return "To be written.";
}
