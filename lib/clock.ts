import { env } from "./env";

/**
 * The one wall clock. "Now" is read once at the edge (an action, a route
 * handler, a page's data function, the seed, a job) and passed down as a Date:
 * nothing that decides money or periods reads the clock on its own, so tests
 * fix the date by passing one.
 *
 * LINEAGE_CLOCK_START (tests and demos) makes the clock show that instant at
 * the whole minute the process started, and run on from there, so a browser
 * suite sees the same month whatever today's date. Anchored on the process's
 * start, not on this module's load, so every bundle of the server reads one
 * clock; on a whole minute, so its seconds tick with the machine's (a test can
 * tell where a per-minute rate-limit window begins).
 */
export function now(): Date {
  const start = env.clockStart;
  if (!start) return new Date();
  return new Date(start.getTime() + (Date.now() - processStartMinute));
}

// Several workers of one server (server.mjs, WEB_CONCURRENCY) all run from their primary's start.
const processStartMinute = Math.floor((env.clockAnchorMs ?? performance.timeOrigin) / 60_000) * 60_000;
