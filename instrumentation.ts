import type { Instrumentation } from "next";

// Runs once when the server starts, before it serves a request.
export async function register(): Promise<void> {
  // `next build` may load this in its workers too: a build must never open (and
  // lock) the embedded database, nor mint a secret.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.NEXT_RUNTIME === "nodejs") {
    let startup: typeof import("./lib/startup");
    try {
      startup = await import("./lib/startup");
    } catch (error) {
      // lib/env.ts checks the environment as it loads: a bad value (TRUST_PROXY=true, say)
      // stops the server with its reason, instead of a server that fails every request.
      if (error instanceof Error && error.name === "ConfigError") {
        console.error(`[lineage] Cannot start: ${error.message}`);
        process.exit(1);
      }
      throw error;
    }
    await startup.startServer();
    // Started: from here on the log is structured (lib/ops/log.ts). Development keeps Next's own readable output.
    if (process.env.NODE_ENV === "production") (await import("./lib/ops/request-errors")).routeConsoleToLog();
  }
}

/** Every failed request: one log line with its request id, route and cause (lib/ops/request-errors.ts). */
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./lib/ops/request-errors")).reportRequestError(...args);
};
