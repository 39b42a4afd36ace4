import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

// The browser tests' server: server.mjs on the production build, with its own
// database. playwright.config.ts starts the suite's one server from here, and
// a spec that needs other settings starts its own (startServer).

const root = path.resolve(__dirname, "..");

/** The suite's embedded database folder (a fresh one each run). */
export const e2ePgliteDir = process.env.E2E_PGLITE_DIR ?? ".data/e2e/pglite";

/** The environment of a browser-test server whose embedded database is `pgliteDir` (unless given a PostgreSQL URL). */
export function e2eServerEnv(pgliteDir: string, databaseUrl?: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
    // The suite sees the same month whatever today's date: the server's clock (and
    // so the demo company's months) starts mid-month, on a fixed day.
    LINEAGE_CLOCK_START: process.env.E2E_CLOCK_START ?? "2026-06-15T12:00:00Z",
    PGLITE_DIR: pgliteDir,
    // NODE_ENV=production on PostgreSQL would skip the demo company the specs sign in as.
    SEED_DEMO: "always",
    // e2e/error-pages.spec.ts asks for injected errors (lib/e2e-faults.ts); never set outside these servers.
    LINEAGE_E2E_FAULTS: "1",
    // The browser suite pays with demo cards on both databases (on PostgreSQL they are off unless asked for).
    LINEAGE_DEMO_PAYMENTS: "1",
    // One process, even on PostgreSQL: e2e/instances.spec.ts runs several on purpose.
    WEB_CONCURRENCY: "1",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

export interface RunningServer {
  /** The origin to browse, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Sends the server process a signal; resolves with its exit code once it has exited. */
  signal(signal: NodeJS.Signals): Promise<number | null>;
  /** Everything the server printed so far. */
  output(): string;
  /** Stops it (SIGTERM, as a deployment would) and removes its database. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts another server.mjs on a free port and a fresh embedded database
 * (`<suite's folder>-<name>`, seeded with the demo company), with `env` over
 * the suite's settings, and waits until it answers.
 */
export async function startServer(name: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const pgliteDir = path.resolve(root, `${e2ePgliteDir}-${name}`);
  fs.rmSync(pgliteDir, { recursive: true, force: true });
  fs.rmSync(`${pgliteDir}.lock`, { force: true });
  // Only the basics of this environment pass: a DATABASE_URL or TRUST_PROXY in the shell must not reach it.
  const basics = Object.fromEntries(["PATH", "HOME", "TMPDIR", "TZ", "LANG"].flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]])));
  const child = spawn(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    env: { NODE_ENV: "production", ...basics, ...e2eServerEnv(pgliteDir), LINEAGE_SITE_URL: `http://127.0.0.1:${port}`, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(pgliteDir, { recursive: true, force: true });
    fs.rmSync(`${pgliteDir}.lock`, { force: true });
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The ${name} server stopped while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/api/auth/providers`)).ok) {
        const signal = async (name: NodeJS.Signals) => {
          child.kill(name);
          await exited;
          return child.exitCode;
        };
        return { url, output: () => output, stop, signal };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The ${name} server did not answer within 2 minutes:\n${output}`);
}
