/**
 * A short summary of how a committed file differs from what the generator writes: the first
 * differing line of each and how many lines differ, or `undefined` when they are equal.
 */
export function describeDifference(committed: string, generated: string): string | undefined {
  if (committed === generated) return undefined;
  const before = committed.split("\n");
  const after = generated.split("\n");
  const length = Math.max(before.length, after.length);
  const differing: number[] = [];
  for (let line = 0; line < length; line++) if (before[line] !== after[line]) differing.push(line);
  const first = differing[0] ?? 0;
  return [
    `${differing.length} of ${length} lines differ (committed ${before.length} lines, generated ${after.length}); first at line ${first + 1}:`,
    `  committed: ${show(before[first])}`,
    `  generated: ${show(after[first])}`,
  ].join("\n");
}

function show(line: string | undefined): string {
  if (line === undefined) return "(no such line)";
  return line.length > 160 ? `${JSON.stringify(line.slice(0, 160))}…` : JSON.stringify(line);
}
