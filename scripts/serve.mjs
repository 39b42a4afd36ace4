// npm start / npm run dev: builds when the build is missing or older than the
// sources, then runs server.mjs (Next behind a server that tells the app each
// request's TCP peer; see lib/http/client-address.ts) on PORT (default 3000).
// Migrations and the demo seed run inside the server at startup (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const port = process.env.PORT ?? "3000";
const env = { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1" };

const sourceRoots = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

if (mode === "start") {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...sourceRoots.map((p) => newestMtime(path.join(root, p))));
  if (built < sources) {
    console.info(built ? "[lineage] Sources changed since the last build: rebuilding…" : "[lineage] First start: building the app (about a minute)…");
    const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

// server.mjs says "Ready on http://localhost:PORT" once it listens.
const child = spawn(process.execPath, [path.join(root, "server.mjs"), ...(mode === "dev" ? ["--dev"] : [])], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
// npm does not always pass its signal on: under `npm start`, once npm is gone (we were
// re-parented) the server is stopped as if by SIGTERM rather than left holding the port.
// Run directly (`nohup node scripts/serve.mjs &`), it outlives the shell as asked.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) child.kill("SIGTERM");
  }, 1_000).unref();
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
