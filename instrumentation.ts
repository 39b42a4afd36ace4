// Runs once when the server starts, before it serves a request.
export async function register(): Promise<void> {
  // `next build` may load this in its workers too: a build must never open (and
  // lock) the embedded database, nor mint a secret.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/startup");
    await startServer();
  }
}
