import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDirLock, DatabaseLockedError } from "./lock";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lineage-lock-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("the PGlite folder lock", () => {
  it("gives a second opener in this process a clear error, and frees the folder on release", () => {
    const dir = tempDir();
    const release = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(DatabaseLockedError);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    acquireDirLock(dir)();
  });

  it("refuses a folder held by another live process", () => {
    const dir = tempDir();
    // pid 1 always runs; it stands for the other server.
    fs.writeFileSync(`${dir}.lock`, "1");
    expect(() => acquireDirLock(dir)).toThrow(/in use by process 1/);
  });

  it("takes over a lock left by a process that is gone", () => {
    const dir = tempDir();
    fs.writeFileSync(`${dir}.lock`, "2147483646");
    const release = acquireDirLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });
});
