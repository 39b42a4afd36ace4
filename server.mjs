// The HTTP server: Next's request handler behind a plain Node server, so the
// app knows which address each request came from. Next's own server (`next
// start`) never shows the socket to the app, and it fills X-Forwarded-For only
// when the client sent none, so a client could choose its own address. Here
// every request carries the TCP peer in a private header that this server sets
// (replacing any client's value); lib/http/client-address.ts starts from it and
// reads X-Forwarded-For only as far as TRUST_PROXY allows. With TRUST_PROXY
// unset no proxy is believed, and the client's X-Forwarded-* headers are
// removed before Next, Auth.js or the app can read them.
//
//   node server.mjs          the production build (run `next build` first)
//   node server.mjs --dev    the development server, with hot reload
//
// PORT (default 3000) is the port; it listens on every interface, as `next
// start` does. `npm start` and `npm run dev` (scripts/serve.mjs) run this file.
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";

/** The request header that carries the TCP peer's address; lib/http/client-address.ts reads it. */
const peerHeader = "x-lineage-peer";
/** Each request's id: in the log line of a failure (lib/ops/request-errors.ts) and in the response, to match the two. */
const requestIdHeader = "x-request-id";

const dev = process.argv.includes("--dev");
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[lineage] Cannot start: PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}
// As `next start` and `next dev` do: the mode's NODE_ENV unless one is set.
// Before Next (and React) load: they choose their builds by it.
process.env.NODE_ENV ||= dev ? "development" : "production";
// How long a stop may take before open requests are cut (SIGTERM, SIGINT).
const shutdownTimeoutRaw = (process.env.SHUTDOWN_TIMEOUT_MS ?? "10000").trim();
const shutdownTimeoutMs = Number(shutdownTimeoutRaw);
if (!/^\d{1,7}$/.test(shutdownTimeoutRaw)) {
  console.error(`[lineage] Cannot start: SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds, not "${process.env.SHUTDOWN_TIMEOUT_MS}".`);
  process.exit(1);
}
// Tells the app (lib/env.ts) that the peer header is ours: without it the app believes no such header.
process.env.LINEAGE_PEER_HEADER = "1";

// How many app processes share the port (docs/operations.md): on PostgreSQL, by default one per core;
// the embedded database serves one process, so there (and in development) one.
const workersRaw = (process.env.WEB_CONCURRENCY ?? "").trim();
if (workersRaw !== "" && !/^([1-9]|[1-5]\d|6[0-4])$/.test(workersRaw)) {
  console.error(`[lineage] Cannot start: WEB_CONCURRENCY must be a number of processes from 1 to 64, not "${process.env.WEB_CONCURRENCY}".`);
  process.exit(1);
}
const onPostgres = (process.env.DATABASE_URL ?? "").trim() !== "";
let workers = workersRaw === "" ? (onPostgres && !dev ? os.availableParallelism() : 1) : Number(workersRaw);
if (workers > 1 && (!onPostgres || dev)) {
  if (cluster.isPrimary)
    console.warn(`[lineage] WEB_CONCURRENCY=${workers} ignored: ${dev ? "the development server" : "the embedded database"} runs one process.`);
  workers = 1;
}
if (cluster.isPrimary && workers > 1) {
  // A demo clock (LINEAGE_CLOCK_START) runs from the primary's start, so every worker shows the same time.
  process.env.LINEAGE_CLOCK_ANCHOR_MS ??= String(Math.floor(performance.timeOrigin));
  const { runPrimary } = await import("./scripts/cluster-primary.mjs");
  // The primary serves nothing itself and never goes past this line: it ends by process.exit.
  await runPrimary({ workers, port, shutdownTimeoutMs });
}
const { default: next } = await import("next");

// TRUST_PROXY's full syntax is checked by the app at start (lib/http/trust-proxy.ts); here only "none or some".
const trustsProxy = !["", "0"].includes((process.env.TRUST_PROXY ?? "").trim().replace(/^0+$/, "0"));
const forwardingHeaders = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"];
let warnedForwarded = false;

/** The socket's address, an IPv4 client on a dual-stack socket as plain IPv4 ("::ffff:1.2.3.4" is 1.2.3.4). */
function peerAddress(socket) {
  const address = socket.remoteAddress ?? "";
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;
}

const app = next({ dev, dir: import.meta.dirname, hostname: "localhost", port });
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  if (stopping) {
    // A request on a keep-alive connection after the stop began: refused, and the connection closed.
    res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5", Connection: "close" });
    res.end("The server is restarting. Try again in a few seconds.\n");
    return;
  }
  // Whatever the client sent under this name is replaced, never appended to.
  req.headers[peerHeader] = peerAddress(req.socket);
  if (!trustsProxy) ignoreForwarding(req);
  // A trusted proxy's id is kept, so its log and ours name a request alike; a client's own is replaced.
  const given = req.headers[requestIdHeader];
  const id = trustsProxy && typeof given === "string" && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
  req.headers[requestIdHeader] = id;
  res.setHeader("X-Request-Id", id);
  handle(req, res).catch((error) => {
    console.error(`[lineage] Request ${id} failed:`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

/** No proxy is believed: forwarding headers are the client's own words. Next then fills its own from the socket. */
function ignoreForwarding(req) {
  if (!warnedForwarded && req.headers["x-forwarded-for"] !== undefined) {
    warnedForwarded = true;
    console.warn(
      `[lineage] A request from ${req.headers[peerHeader]} carried X-Forwarded-For, and TRUST_PROXY is not set: forwarding headers are ignored, ` +
        "and each client is known by the address that connected. If a reverse proxy stands in front of this server, set TRUST_PROXY (see README).",
    );
  }
  for (const name of forwardingHeaders) delete req.headers[name];
}

let stopping = false;
/**
 * SIGTERM or SIGINT: stops taking connections, answers requests that still
 * arrive on open keep-alive connections with 503 (and closes them), closes idle
 * connections, lets requests in flight finish, closes Next, and exits as `next
 * start` does; whatever is still open after SHUTDOWN_TIMEOUT_MS is cut and the
 * process exits anyway.
 */
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const code = signal === "SIGINT" ? 130 : 143;
  setTimeout(() => {
    console.error(`[lineage] Stopping took longer than ${shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS): exiting with requests still open.`);
    process.exit(code);
  }, shutdownTimeoutMs).unref();
  const closed = new Promise((resolve) => server.close(() => resolve()));
  // Keep-alive connections close as soon as their request in flight is answered.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  if (dev) server.closeAllConnections();
  await closed;
  clearInterval(idle);
  await app.close().catch((error) => console.error("[lineage] While stopping:", error));
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stop(signal));

try {
  await app.prepare();
} catch (error) {
  console.error("[lineage] Cannot start:", error);
  process.exit(1);
}
server.on("error", (error) => {
  process.stderr.write(`[lineage] Cannot serve on port ${port}: ${error.message}\n`);
  process.exit(1);
});
server.listen(port, () => {
  // A worker of several tells the primary, which says "Ready" once all listen (scripts/cluster-primary.mjs).
  if (cluster.isWorker) process.send?.({ lineage: "listening" });
  else console.info(`[lineage] Ready on http://localhost:${port}${dev ? " (development)" : ""}`);
});
