// Whether this process's job worker is alive, for the readiness check
// (lib/ops/readiness.ts). Kept on globalThis: the worker runs in the
// instrumentation bundle, the check in a route handler's.
const key = Symbol.for("lineage.jobs.status");

interface WorkerStatus {
  /** When the worker last started a tick or finished a job. */
  lastSeenAt: Date | null;
}

function status(): WorkerStatus {
  const g = globalThis as { [key]?: WorkerStatus };
  return (g[key] ??= { lastSeenAt: null });
}

export function markWorkerSeen(at: Date): void {
  status().lastSeenAt = at;
}

export function workerLastSeen(): Date | null {
  return status().lastSeenAt;
}
