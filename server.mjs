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
import http from "node:http";

/** The request header that carries the TCP peer's address; lib/http/client-address.ts reads it. */
const peerHeader = "x-lineage-peer";

const dev = process.argv.includes("--dev");
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[lineage] Cannot start: PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}
// As `next start` and `next dev` do: the mode's NODE_ENV unless one is set.
// Before Next (and React) load: they choose their builds by it.
process.env.NODE_ENV ||= dev ? "development" : "production";
// Tells the app (lib/env.ts) that the peer header is ours: without it the app believes no such header.
process.env.LINEAGE_PEER_HEADER = "1";
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
  // Whatever the client sent under this name is replaced, never appended to.
  req.headers[peerHeader] = peerAddress(req.socket);
  if (!trustsProxy) ignoreForwarding(req);
  handle(req, res).catch((error) => {
    console.error("[lineage] Request failed:", error);
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
/** Stops taking connections, lets requests in flight finish (10 s at most), closes Next, and exits as `next start` does. */
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const closed = new Promise((resolve) => server.close(() => resolve()));
  if (dev) server.closeAllConnections();
  const timer = setTimeout(() => server.closeAllConnections(), 10_000);
  await closed;
  clearTimeout(timer);
  await app.close().catch((error) => console.error("[lineage] While stopping:", error));
  process.exit(signal === "SIGINT" ? 130 : 143);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stop(signal));

try {
  await app.prepare();
} catch (error) {
  console.error("[lineage] Cannot start:", error);
  process.exit(1);
}
server.on("error", (error) => {
  console.error(`[lineage] Cannot serve on port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, () => console.info(`[lineage] Ready on http://localhost:${port}${dev ? " (development)" : ""}`));
