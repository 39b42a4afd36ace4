import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { COMPUTE_USAGE, computeCommand } from "./cli";

// End to end: the real command, spawned. Each spawn costs about half a second, so only
// a few cases here; the rules and the validation are covered in-process elsewhere.

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
const fixture = (name: string): string => path.join(here, "fixtures", name);
const tmp = mkdtempSync(path.join(tmpdir(), "commissions-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], stdin?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(tsx, ["scripts/commissions.ts", ...args], { cwd: repoRoot, input: stdin ?? "", encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const expected: unknown = JSON.parse(readFileSync(fixture("basic.output.json"), "utf8"));

describe("commissions CLI", () => {
  it("compute FILE prints the spec's output document and nothing else", () => {
    const r = cli(["compute", fixture("basic.input.json")]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.endsWith("\n")).toBe(true);
    expect(JSON.parse(r.stdout)).toStrictEqual(expected);
  });

  it("compute - reads standard input", () => {
    const r = cli(["compute", "-"], readFileSync(fixture("basic.input.json"), "utf8"));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual(expected);
  });

  it.each([
    [
      "a sponsor cycle",
      '{"plan":{"activeMinPv":1,"personalBps":0,"levelsBps":[],"compression":true,"ranks":[]},"distributors":[{"id":"A","sponsorId":"B"},{"id":"B","sponsorId":"A"}],"orders":[]}',
      /^cycle in the sponsor tree at distributor "A"/,
    ],
    ["invalid JSON", '{"plan": [', /^invalid JSON/],
  ])("bad input (%s): exit 2, one line on stderr, nothing on stdout", (name, text, message) => {
    const r = cli(["compute", file(`${name}.json`, text)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.endsWith("\n")).toBe(true);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it.each([[[]], [["frobnicate"]]])("usage errors exit 2 with a usage line: %j", (args) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/usage: commissions/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("compute command (in-process)", () => {
  async function run(args: string[], files: Record<string, string> = {}) {
    let stdout = "";
    const stderr: string[] = [];
    const code = await computeCommand(args, {
      readInput: async (p) => {
        const text = files[p];
        if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
        return text;
      },
      stdout: (chunk) => {
        stdout += chunk;
      },
      stderr: (line) => {
        stderr.push(line);
      },
    });
    return { code, stdout, stderr };
  }

  it("reads standard input when FILE is missing", async () => {
    const r = await run([], { "-": readFileSync(fixture("basic.input.json"), "utf8") });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual(expected);
  });

  it.each([[["a.json", "b.json"]], [["--pretty"]]])("refuses extra arguments or options: %j", async (args) => {
    const r = await run(args);
    expect(r).toEqual({ code: 2, stdout: "", stderr: [COMPUTE_USAGE] });
  });

  it("an unreadable file is exit 2 naming the file", async () => {
    const r = await run(["nope.json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^cannot read "nope\.json": ENOENT/);
  });

  it("bad input is exit 2 with the validation message", async () => {
    const doc = JSON.parse(readFileSync(fixture("basic.input.json"), "utf8")) as Record<string, unknown>;
    doc.orders = [{ id: "x1", sellerId: "Nobody", kind: "retail", pv: 1, cvCents: 1, status: "paid" }];
    const r = await run(["in.json"], { "in.json": JSON.stringify(doc) });
    expect(r).toEqual({ code: 2, stdout: "", stderr: ['order "x1": unknown seller "Nobody"'] });
  });
});
