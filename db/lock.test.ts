import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDirLock, currentHolder, DatabaseLockedError, processStart } from "./lock";

const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lineage-lock-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Runs tests/fixtures/lock-holder-child.ts (in a new PID namespace with `unshare`) and resolves with its first line. */
function holdLock(dir: string, options: { namespace?: boolean } = {}): Promise<{ child: ChildProcess; line: string }> {
  const node = [process.execPath, "--import", "tsx", "tests/fixtures/lock-holder-child.ts", dir, String(WATCH_MS)];
  const [cmd, ...args] = options.namespace ? ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child", ...node] : node;
  const child = spawn(cmd!, args, { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve({ child, line: out.split("\n")[0]! });
    });
    child.once("exit", (code) => {
      if (!out.includes("\n")) reject(new Error(`the lock holder exited (${code}) before answering`));
    });
  });
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** How long a lock from another PID namespace is watched for a heartbeat here (the default is 10 s). */
const WATCH_MS = 2_500;
const canUnshare = spawnSync("unshare", ["--pid", "--fork", "--mount-proc", "true"]).status === 0;
const hasProc = processStart(process.pid) !== null;

describe("the PGlite folder lock", () => {
  it("gives a second opener in this process a clear error, and frees the folder on release", async () => {
    const dir = tempDir();
    const release = await acquireDirLock(dir);
    await expect(acquireDirLock(dir)).rejects.toThrow(DatabaseLockedError);
    await expect(acquireDirLock(dir)).rejects.toThrow(/already open in this process/);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    (await acquireDirLock(dir))();
  });

  it("refuses a folder held by another live process, and says which", async () => {
    const dir = tempDir();
    const { child, line } = await holdLock(dir);
    expect(line).toBe(`locked ${child.pid}`);
    await expect(acquireDirLock(dir)).rejects.toThrow(new RegExp(`in use by process ${child.pid}`));
    // A lock written before holders were recorded (a bare pid) of a live process is honoured too.
    const legacy = tempDir();
    fs.writeFileSync(`${legacy}.lock`, "1");
    await expect(acquireDirLock(legacy)).rejects.toThrow(/in use by process 1/);
  });

  it("takes over a lock whose process is gone (killed with -9)", async () => {
    const dir = tempDir();
    const { child } = await holdLock(dir);
    await killHard(child);
    const release = await acquireDirLock(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8"))).toEqual({ ...currentHolder(), beat: 0 });
    release();
  });

  it.runIf(hasProc)("is not fooled by pid reuse: a live pid that started at another time, or another boot, holds nothing", async () => {
    const dir = tempDir();
    const me = currentHolder();
    // Our own pid, recorded by a process that started earlier (a container's previous life).
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ ...me, start: String(Number(me.start) - 1) }));
    (await acquireDirLock(dir))();
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ ...me, pid: 1, boot: "another-boot", start: processStart(1) }));
    (await acquireDirLock(dir))();
    // A bare pid that is our own was written by an earlier process too.
    fs.writeFileSync(`${dir}.lock`, String(process.pid));
    (await acquireDirLock(dir))();
  });

  it.runIf(canUnshare)(
    "a server killed with -9 in a container starts again in a fresh PID namespace with the same pid; a live one in another namespace keeps it",
    async () => {
      const dir = tempDir();
      const first = await holdLock(dir, { namespace: true });
      expect(first.line).toMatch(/^locked \d+$/);
      await killHard(first.child);
      const second = await holdLock(dir, { namespace: true });
      // Same pid inside its namespace as the lock recorded, and still it starts (once the old heartbeat is seen to be still).
      expect(second.line).toBe(first.line);
      // While it runs, a server in yet another namespace (a second container on the volume) is refused.
      const third = await holdLock(dir, { namespace: true });
      expect(third.line).toMatch(/^refused .* in use by process/);
    },
  );
});
