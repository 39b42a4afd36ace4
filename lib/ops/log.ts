import pino, { type Logger } from "pino";
import { env } from "@/lib/env";

// The server's log: one JSON line per event on stdout (pino), for a log
// collector to index. A failure is one line: the request id, the route (its
// pattern, never the path: paths carry receipt and reset tokens), the digest
// the user sees as the error page's reference, and the cause. Never SQL, query
// parameters, or anything a user typed: a database error is told by its code
// and its message with every quoted value cut out.

/** One logger per process, however many copies of this module Next loads (one per server bundle). */
const key = Symbol.for("lineage.log");
type WithLogger = typeof globalThis & { [key]?: Logger };

export function log(): Logger {
  const g = globalThis as WithLogger;
  g[key] ??= pino({
    base: { service: "lineage" },
    level: env.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    // A stray object with these names never reaches the log.
    redact: { paths: ["password", "*.password", "email", "*.email", "params", "*.params", "query", "*.query"], censor: "[redacted]" },
  });
  return g[key];
}

export type FailureKind = "database-unreachable" | "storage-full" | "error";

export interface ErrorCause {
  /** What failed, for alerting: the database gone, storage full, or anything else. */
  kind: FailureKind;
  /** The innermost error's class name ("DatabaseError", "Error"). */
  name: string;
  /** PostgreSQL's SQLSTATE or Node's system error code, when there is one. */
  code?: string;
  /** The innermost cause's message, first line only, quoted values cut. */
  message: string;
}

const unreachableCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
]);
const unreachableMessages =
  /Connection terminated|connection (?:is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect|PGlite is closed|not currently accepting connections|the database system is (?:starting up|shutting down|in recovery mode)/i;
const storageCodes = new Set(["ENOSPC", "EDQUOT", "EROFS", "53100", "53000"]);
const storageMessages = /No space left on device|could not extend file|disk full|read-only file system/i;

/** The innermost error of a `cause` chain (drizzle wraps the driver's error, whose message is the useful one). */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 8; depth++) {
    const cause = current instanceof Error ? current.cause : undefined;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return current;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = error.code;
  return typeof code === "string" && /^[A-Z0-9_]{1,32}$/i.test(code) ? code : undefined;
}

/** First line, without what a user may have typed: quoted values, and what follows "Key (" in a constraint's detail. */
export function scrub(message: string): string {
  const first = message.split("\n", 1)[0] ?? "";
  return first
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\([^)]*\)=\([^)]*\)/g, "(…)=(…)")
    .slice(0, 300);
}

/** What went wrong, safe to log: the kind, the innermost cause's name, code and scrubbed message. */
export function errorCause(error: unknown): ErrorCause {
  const inner = innermost(error);
  // Drizzle's "Failed query: <sql> params: <values>" is never logged: its cause is.
  const rawMessage = inner instanceof Error ? inner.message : typeof inner === "string" ? inner : "a non-error value was thrown";
  const message = /^Failed query:/.test(rawMessage) ? "a query failed" : scrub(rawMessage);
  const codes = [codeOf(inner), codeOf(error)].filter((c): c is string => c !== undefined);
  const code = codes[0];
  const kind: FailureKind =
    codes.some((c) => storageCodes.has(c)) || storageMessages.test(rawMessage)
      ? "storage-full"
      : codes.some((c) => unreachableCodes.has(c) || c.startsWith("08")) || unreachableMessages.test(rawMessage)
        ? "database-unreachable"
        : "error";
  return { kind, name: inner instanceof Error ? inner.name : typeof inner, ...(code ? { code } : {}), message };
}
