import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
}

/**
 * Who holds a lock. A pid alone is fooled by reuse: a container restarted
 * after kill -9 starts a new PID namespace where the new server often gets the
 * very pid the old one recorded. So, where the system tells (Linux /proc), the
 * lock also records the boot, the PID namespace and the process's start time,
 * and its holder rewrites it every second (`beat`), which is how a holder in
 * another PID namespace (another container on the same volume) shows it is alive.
 */
export interface LockHolder {
  pid: number;
  /** /proc/sys/kernel/random/boot_id: a lock from another boot is stale. */
  boot: string | null;
  /** /proc/self/ns/pid: pids and start times are only comparable within one namespace. */
  ns: string | null;
  /** Field 22 of /proc/<pid>/stat: when that process started, in clock ticks since boot. */
  start: string | null;
}

/** How often a holder rewrites its lock file. */
const BEAT_MS = 1_000;
/** How long a lock from another PID namespace is watched for a beat before it counts as stale. */
const WATCH_MS = 10_000;

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** The start time of `pid` as /proc shows it (null where there is no /proc, or no such process). */
export function processStart(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // "pid (comm) state ppid ...": the command may hold spaces and parentheses, so count from the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? null;
}

function pidNamespace(): string | null {
  try {
    return fs.readlinkSync("/proc/self/ns/pid");
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function currentHolder(): LockHolder {
  return { pid: process.pid, boot: readOrNull("/proc/sys/kernel/random/boot_id")?.trim() || null, ns: pidNamespace(), start: processStart(process.pid) };
}

/** A lock file's holder; a file of a bare pid (written before holders were recorded) has nothing else. */
export function parseHolder(text: string): LockHolder | null {
  const trimmed = text.trim();
  if (/^[0-9]+$/.test(trimmed)) return { pid: Number(trimmed), boot: null, ns: null, start: null };
  try {
    const value = JSON.parse(trimmed) as Partial<Record<keyof LockHolder, unknown>>;
    if (typeof value.pid !== "number" || !Number.isSafeInteger(value.pid)) return null;
    const text = (v: unknown) => (typeof v === "string" ? v : null);
    return { pid: value.pid, boot: text(value.boot), ns: text(value.ns), start: text(value.start) };
  } catch {
    return null;
  }
}

/**
 * What can be told about a holder at once: "live" or "stale" when it shares
 * our PID namespace (or is from another boot), "unknown" when it is in another
 * namespace, where only its heartbeat can tell.
 */
export function judgeHolder(holder: LockHolder, me: LockHolder = currentHolder()): "live" | "stale" | "unknown" {
  if (holder.boot !== null && me.boot !== null && holder.boot !== me.boot) return "stale";
  if (holder.ns !== me.ns && holder.ns !== null) return "unknown";
  if (holder.start !== null && me.start !== null) return processStart(holder.pid) === holder.start ? "live" : "stale";
  // A bare pid that is our own was written by an earlier process (we write full holders).
  return holder.pid !== me.pid && isAlive(holder.pid) ? "live" : "stale";
}

function same(a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.boot === b.boot && a.ns === b.ns && a.start === b.start;
}

function lockedError(dir: string, holder: LockHolder): DatabaseLockedError {
  return new DatabaseLockedError(
    `The embedded database at ${dir} is in use by process ${holder.pid}. PGlite serves one process: stop that process, or point PGLITE_DIR at another folder.`,
  );
}

/**
 * Takes an exclusive lock on a PGlite folder: a `<dir>.lock` file naming its
 * holder. PGlite has no cross-process locking, and two processes on one folder
 * silently lose writes, so a second process gets a clear error instead. A lock
 * whose holder no longer runs (killed, from before a reboot, or from a
 * container's earlier life, whatever pid the new process got) is taken over:
 * at once when that can be told, else once its heartbeat has been still for
 * `watchMs` (10 s).
 */
export async function acquireDirLock(dir: string, options: { watchMs?: number } = {}): Promise<() => void> {
  const lockFile = `${dir}.lock`;
  const me = currentHolder();
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(lockFile, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const text = readOrNull(lockFile);
      const holder = text === null ? null : parseHolder(text);
      if (holder && same(holder, me)) throw new DatabaseLockedError(`The embedded database at ${dir} is already open in this process.`);
      const verdict = holder ? judgeHolder(holder, me) : "stale";
      if (verdict === "live") throw lockedError(dir, holder!);
      if (verdict === "unknown") {
        await sleep(options.watchMs ?? WATCH_MS);
        if (readOrNull(lockFile) !== text) throw lockedError(dir, holder!);
      }
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    let beat = 0;
    const write = (target: number | string) => fs.writeFileSync(target, JSON.stringify({ ...me, beat }));
    write(fd);
    fs.closeSync(fd);
    const mine = () => {
      const holder = parseHolder(readOrNull(lockFile) ?? "");
      return holder !== null && same(holder, me);
    };
    const heartbeat = setInterval(() => {
      beat++;
      try {
        if (mine()) write(lockFile);
      } catch {
        // A beat missed (the disk is full, say) only risks a slower takeover, never a shared folder.
      }
    }, BEAT_MS);
    heartbeat.unref();
    const release = () => {
      clearInterval(heartbeat);
      process.off("exit", release);
      try {
        if (mine()) fs.unlinkSync(lockFile);
      } catch {
        // Already gone: nothing to release.
      }
    };
    process.on("exit", release);
    return release;
  }
  throw new DatabaseLockedError(`Could not lock the embedded database at ${dir}.`);
}
