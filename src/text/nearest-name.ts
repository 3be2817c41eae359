/** Names longer than this get no suggestion: they are not a typo of a parameter name. */
const MAX_NAME_LENGTH = 64;

/**
 * The known name nearest to `name` by edit distance (ignoring case), when it is near enough to be
 * a plausible typo; otherwise `undefined`. The rule set's "did you mean" uses it; a tool built on
 * the rule set can suggest its own names alike (the CLI's commands, options and rule ids).
 *
 * @example
 * ```ts
 * import { nearestName } from "rds-backup-rules";
 *
 * expect(nearestName("BackupMehtod", ["BackupMethod", "BackupType"])).toBe("BackupMethod");
 * expect(nearestName("Colour", ["BackupMethod", "BackupType"])).toBeUndefined();
 * ```
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return undefined;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const lowerCandidate = candidate.toLowerCase();
    // The distance is at least the difference in length: such a candidate cannot do better.
    if (Math.abs(lowerCandidate.length - lower.length) >= bestDistance) continue;
    const distance = editDistance(lower, lowerCandidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/**
 * Levenshtein distance with adjacent transpositions counted as one edit (optimal string alignment),
 * keeping only the three rows the recurrence reads, in typed arrays.
 */
function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  let beforePrevious = new Uint32Array(width);
  let previous = new Uint32Array(width);
  let row = new Uint32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    row[0] = i;
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        best = Math.min(best, (beforePrevious[j - 2] as number) + 1);
      }
      row[j] = best;
    }
    [beforePrevious, previous, row] = [previous, row, beforePrevious];
  }
  return previous[b.length] as number;
}
