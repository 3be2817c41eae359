/**
 * The README's links to its own headings (`[…](#anchor)`) land on a heading, as GitHub and npm
 * make its anchors: lower case, punctuation dropped, spaces as hyphens, a repeat numbered `-1`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");

/** The anchors of a markdown text's headings, as GitHub makes them. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```$/gm, "");
  for (const [, title] of withoutCode.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = title!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  return anchors;
}

describe("README.md's links to its own headings", () => {
  const anchors = headingAnchors(readme);
  const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor!);

  it("makes anchors as GitHub does", () => {
    expect(headingAnchors("## The store layer: several replicas, one state store\n## `check` --trace\n## Install\n## Install")).toEqual(
      new Set(["the-store-layer-several-replicas-one-state-store", "check---trace", "install", "install-1"]),
    );
  });

  it("each land on a heading", () => {
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
    expect(links).toContain("install");
  });
});
