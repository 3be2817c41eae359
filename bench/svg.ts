/** One bar of the chart. */
export interface Bar {
  readonly series: string;
  readonly value: number;
}

/** A group of bars (one per series) under a label. */
export interface BarGroup {
  readonly label: string;
  readonly bars: readonly Bar[];
}

const COLORS = ["#2563eb", "#ea580c", "#6b7280", "#16a34a"];
const WIDTH = 760;
const LEFT = 150;
const RIGHT = 110;
const BAR = 20;
const GAP = 6;
const GROUP_GAP = 22;
const TOP = 64;

/**
 * A horizontal grouped bar chart on a logarithmic axis, as a standalone SVG document. Values that
 * differ by orders of magnitude stay readable; each bar is labelled with its value.
 */
export function barChartSvg(title: string, unit: string, groups: readonly BarGroup[]): string {
  const series = [...new Set(groups.flatMap((group) => group.bars.map((bar) => bar.series)))];
  const values = groups.flatMap((group) => group.bars.map((bar) => bar.value)).filter((value) => value > 0);
  const low = Math.floor(Math.log10(Math.min(...values)));
  const high = Math.ceil(Math.log10(Math.max(...values)));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (value: number): number => LEFT + ((Math.log10(Math.max(value, 10 ** low)) - low) / Math.max(high - low, 1)) * plotWidth;
  const groupHeight = series.length * (BAR + GAP) + GROUP_GAP;
  const height = TOP + groups.length * groupHeight + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${escape(title)}</text>`,
  ];
  series.forEach((name, index) => {
    const legendX = LEFT + index * 170;
    parts.push(
      `<rect x="${legendX}" y="34" width="12" height="12" fill="${color(index)}"/>`,
      `<text x="${legendX + 18}" y="44">${escape(name)}</text>`,
    );
  });
  for (let power = low; power <= high; power++) {
    const tick = x(10 ** power).toFixed(1);
    parts.push(
      `<line x1="${tick}" y1="${TOP - 6}" x2="${tick}" y2="${height - 34}" stroke="#e5e7eb"/>`,
      `<text x="${tick}" y="${height - 20}" text-anchor="middle" fill="#374151">${escape(formatPowerOfTen(power))}</text>`,
    );
  }
  parts.push(
    `<text x="${LEFT + plotWidth / 2}" y="${height - 4}" text-anchor="middle" fill="#374151">${escape(unit)} (logarithmic scale)</text>`,
  );
  groups.forEach((group, groupIndex) => {
    const groupTop = TOP + groupIndex * groupHeight;
    const middle = groupTop + (series.length * (BAR + GAP) - GAP) / 2;
    parts.push(`<text x="${LEFT - 10}" y="${middle + 4}" text-anchor="end" font-weight="600">${escape(group.label)}</text>`);
    series.forEach((name, index) => {
      const bar = group.bars.find((candidate) => candidate.series === name);
      if (bar === undefined) return;
      const top = groupTop + index * (BAR + GAP);
      const end = x(bar.value);
      parts.push(
        `<rect x="${LEFT}" y="${top}" width="${Math.max(end - LEFT, 1).toFixed(1)}" height="${BAR}" fill="${color(index)}"><title>${escape(`${name}: ${formatCount(bar.value)} ${unit}`)}</title></rect>`,
        `<text x="${(end + 6).toFixed(1)}" y="${top + BAR / 2 + 4}">${escape(formatCount(bar.value))}</text>`,
      );
    });
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

/** A count for people: 950, 12.3k, 4.56M. */
export function formatCount(value: number): string {
  if (value >= 1e6) return `${trim(value / 1e6)}M`;
  if (value >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

/** 10 to a power, for an axis: 100, 1k, 10k, 1M. */
function formatPowerOfTen(power: number): string {
  const units: ReadonlyArray<readonly [number, string]> = [
    [6, "M"],
    [3, "k"],
  ];
  const unit = units.find(([exponent]) => power >= exponent);
  return unit === undefined ? String(10 ** power) : `${10 ** (power - unit[0])}${unit[1]}`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function color(index: number): string {
  return COLORS[index % COLORS.length] as string;
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
