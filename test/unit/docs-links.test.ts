// Every relative link in README.md and docs/*.md points at a file that exists,
// and a link's #anchor at a heading of that file (GitHub's heading ids).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/process.ts";

const documents = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** The lines outside fenced code blocks. */
function outsideFences(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").filter((line) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    else return !fenced;
    return false;
  });
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces as dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  for (const line of outsideFences(markdown)) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1] as string);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

function relativeLinks(markdown: string): string[] {
  const links: string[] = [];
  for (const line of outsideFences(markdown)) {
    for (const match of line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] as string;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push(target);
    }
  }
  return links;
}

describe("documentation links", () => {
  it("finds the documents", () => {
    expect(documents.length).toBeGreaterThan(5);
  });

  it.each(documents)("%s links only to what exists", (document) => {
    const text = readFileSync(join(ROOT, document), "utf8");
    const broken: string[] = [];
    for (const link of relativeLinks(text)) {
      const [path = "", anchor] = link.split("#");
      const target = path === "" ? join(ROOT, document) : join(ROOT, dirname(document), path);
      if (!existsSync(target)) {
        broken.push(`${link} (no ${relative(ROOT, target)})`);
        continue;
      }
      if (anchor === undefined || statSync(target).isDirectory()) continue;
      if (!anchors(readFileSync(target, "utf8")).has(anchor)) {
        broken.push(`${link} (no heading #${anchor} in ${relative(ROOT, target)})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
