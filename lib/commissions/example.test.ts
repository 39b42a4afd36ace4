import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeInterchange, formatInterchange } from "./index";

// The worked example of the plan (docs/commissions.md), output compared exactly. The fixtures are copies of
// the company's spec examples (shared/spec/examples), so the test runs on the repository alone; when shared/ sits beside the
// repository, the copies are also checked against it.

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const sharedDir = path.resolve(repoRoot, "../shared/spec/examples");
const fixturesDir = path.resolve(here, "fixtures");
const read = (dir: string, name: string): unknown => JSON.parse(readFileSync(path.join(dir, name), "utf8"));

describe("spec worked example (examples/basic)", () => {
  it("computeInterchange gives basic.output.json exactly", () => {
    expect(computeInterchange(read(fixturesDir, "basic.input.json"))).toStrictEqual(read(fixturesDir, "basic.output.json"));
  });

  it("the formatted document parses to basic.output.json, keys in spec order, one trailing newline", () => {
    const text = formatInterchange(read(fixturesDir, "basic.input.json"));
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.indexOf("\n}")).toBe(-1);
    const doc: unknown = JSON.parse(text);
    expect(doc).toStrictEqual(read(fixturesDir, "basic.output.json"));
    expect(JSON.stringify(doc)).toBe(JSON.stringify(read(fixturesDir, "basic.output.json")));
  });

  it.skipIf(!existsSync(sharedDir))("the fixtures are the spec's current examples", () => {
    for (const name of ["basic.input.json", "basic.output.json"]) expect(read(fixturesDir, name)).toStrictEqual(read(sharedDir, name));
    expect(computeInterchange(read(sharedDir, "basic.input.json"))).toStrictEqual(read(sharedDir, "basic.output.json"));
  });
});
