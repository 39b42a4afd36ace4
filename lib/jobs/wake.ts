// Workers poll for due jobs every few seconds; a job queued in this process
// also wakes them at once. The set lives on globalThis because Next.js loads
// this module once per bundle (the request handlers' and instrumentation's).
const key = Symbol.for("lineage.jobs.wakers");
type Registry = { [key]?: Set<() => void> };

function wakers(): Set<() => void> {
  const g = globalThis as Registry;
  return (g[key] ??= new Set());
}

/**
 * Called when a job is queued: each worker of this process looks for work
 * shortly. Not at once: the job is usually queued inside a transaction that
 * has not committed yet (a worker that missed it finds it at its next poll).
 */
export function wakeWorkers(): void {
  setTimeout(() => {
    for (const wake of wakers()) wake();
  }, 50).unref();
}

export function onWake(wake: () => void): () => void {
  wakers().add(wake);
  return () => wakers().delete(wake);
}
