import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as locks from "./advisory-locks";

// The ids are named in one place only if nothing else writes one out: SQL
// (which cannot import them) may use the named numbers, code only the names.

const takes = /pg_(try_)?advisory(_xact)?_lock(_shared)?\s*\(\s*(\d+)/g;

function files(dir: string, ext: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => ext.test(f) && !f.includes("node_modules"))
    .map((f) => path.join(dir, f));
}

describe("advisory lock ids", () => {
  it("are distinct", () => {
    const ids = Object.values(locks);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("are the only ones SQL takes by number", () => {
    const named = new Set<number>(Object.values(locks));
    const sqlFiles = [...files("db/migrations", /\.sql$/), ...files("db/functions", /\.sql$/)];
    expect(sqlFiles.length).toBeGreaterThan(0);
    const unnamed = sqlFiles.flatMap((f) =>
      [...fs.readFileSync(f, "utf8").matchAll(takes)].filter((m) => !named.has(Number(m[4]))).map((m) => `${f}: ${m[0]}`),
    );
    expect(unnamed).toEqual([]);
  });

  it("are never written out in code", () => {
    const code = ["app", "db", "lib", "scripts", "tests"].flatMap((d) => files(d, /\.tsx?$/));
    const literal = code.flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(takes)].map((m) => `${f}: ${m[0]}`));
    expect(literal).toEqual([]);
  });
});
