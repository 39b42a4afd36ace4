import { format } from "node:util";
import type { Instrumentation } from "next";
import { now } from "@/lib/clock";
import { noteFailure } from "./availability";
import { errorCause, log, scrub } from "./log";

/** The request id server.mjs gives every request (and echoes in the response's X-Request-Id). */
export const requestIdHeader = "x-request-id";

/**
 * Next's report of a request that failed (a page, a route handler, a server
 * action, the proxy): one log line with the request id, the method, the route
 * pattern, the digest the error page shows as its reference, and the cause.
 */
export const reportRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const cause = errorCause(error);
  noteFailure(cause.kind, now());
  const id = request.headers[requestIdHeader];
  const digest = typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  log().error(
    { requestId: typeof id === "string" ? id : undefined, method: request.method, route: context.routePath, routeType: context.routeType, digest, cause },
    `${request.method} ${context.routePath} failed: ${cause.kind === "error" ? cause.message : cause.kind}`,
  );
};

/**
 * Next also prints each failure itself (the error with its stack, and for a
 * database error drizzle's SQL with its parameters), and the code's own
 * warnings go to the console: from here on, console.error and console.warn
 * write one log line each instead. An error Next gave a digest is left out:
 * reportRequestError has logged it with its request.
 */
export function routeConsoleToLog(): void {
  const toLine = (level: "error" | "warn") => {
    return (...args: unknown[]) => {
      const errors = args.filter((a): a is Error => a instanceof Error);
      if (errors.some((e) => typeof (e as { digest?: unknown }).digest === "string")) return;
      const words = args.filter((a) => !(a instanceof Error));
      const text = words.length > 0 ? format(...words) : "";
      // Scrubbed like an error's message: code may have built a value into its text.
      const message = scrub(text);
      if (errors[0]) {
        const cause = errorCause(errors[0]);
        noteFailure(cause.kind, now());
        log()[level]({ cause }, message || cause.message);
      } else {
        log()[level](message);
      }
    };
  };
  console.error = toLine("error");
  console.warn = toLine("warn");
}
