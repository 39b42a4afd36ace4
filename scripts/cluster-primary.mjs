// WEB_CONCURRENCY > 1 (PostgreSQL only): server.mjs's primary process runs no
// app itself. It forks that many workers, each a whole server.mjs (Next, the
// job worker) sharing the port through node:cluster, and:
// - says "Ready" once every worker listens;
// - exits 1 if a first worker fails to start (its own line says why), as one server would;
// - once all have started, replaces a worker that dies (a crash, an out-of-memory kill),
//   and stops (exit 1) after 5 deaths within a minute;
// - passes SIGTERM and SIGINT to every worker, and exits (143 or 130) once all
//   have stopped, or after SHUTDOWN_TIMEOUT_MS and a grace second, cutting any left.
import cluster from "node:cluster";

/** A worker that dies this soon after its start again and again is not replaced for ever: the server stops. */
const CRASH_LOOP = { within: 60_000, times: 5 };

export function runPrimary({ workers, port, shutdownTimeoutMs }) {
  /** Set once stopping: the code to exit with when the last worker is gone. */
  let exitCode = null;
  /** Every first worker has listened: from then on a death is replaced, not a failed start. */
  let started = false;
  const ready = new Set();
  const recentDeaths = [];

  const fork = () => {
    const worker = cluster.fork();
    worker.on("message", (message) => {
      if (message?.lineage !== "listening" || ready.has(worker.id)) return;
      ready.add(worker.id);
      if (!started && ready.size === workers) {
        started = true;
        console.info(`[lineage] Ready on http://localhost:${port} (${workers} workers)`);
      }
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    ready.delete(worker.id);
    if (exitCode !== null) {
      if (living() === 0) process.exit(exitCode);
      return;
    }
    if (!started) {
      // A first worker that never served: a failed start (it printed the cause). Stop the rest and exit as one server would.
      stopAll("SIGTERM", 1);
      return;
    }
    const now = performance.now();
    recentDeaths.push(now);
    while (recentDeaths.length > 0 && recentDeaths[0] < now - CRASH_LOOP.within) recentDeaths.shift();
    if (recentDeaths.length >= CRASH_LOOP.times) {
      console.error(`[lineage] Workers died ${CRASH_LOOP.times} times within a minute: stopping.`);
      stopAll("SIGTERM", 1);
      return;
    }
    console.error(`[lineage] A worker died (${signal ?? `exit ${code}`}): starting another.`);
    fork();
  });

  const living = () => Object.keys(cluster.workers ?? {}).length;

  function stopAll(signal, code) {
    if (exitCode !== null) return;
    exitCode = code ?? (signal === "SIGINT" ? 130 : 143);
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(exitCode);
    }, shutdownTimeoutMs + 1_000).unref();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (living() === 0) process.exit(exitCode);
  }
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));

  for (let i = 0; i < workers; i++) fork();
  // The primary lives on its workers; every way out is a process.exit above.
  return new Promise(() => {});
}
