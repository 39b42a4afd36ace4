// The pages suite: the production server (`node server.mjs` after `next build`)
// with the demo company, driven over HTTP by concurrent clients, as browsers
// would: the main pages of a distributor, a prospect and an admin, each loaded
// `requests` times by `clients` keep-alive clients at once. Each line carries
// the latency percentiles seen by the clients (server time plus a loopback hop)
// and the page views per second. One measurement per database: the embedded one
// (a fresh folder) and PostgreSQL (a fresh database, with the server's default
// workers: one per core). Run `npm run build` first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { queryRows } from "../../db/rows";
import type { TeamLeader } from "../../db/seed/large";
import { percentile, placeOrders } from "./db-orders";
import { admin, dropTarget, exists, keepDatabases, openTarget, seedFresh, targetUrl, type Driver, type Target } from "./db-target";
import { peakRssMb, type Measurement, type MeasurementLine, type Suite } from "./types";

const root = path.resolve(__dirname, "../..");
const password = "lineage-demo";

interface PageFigures {
  path: string;
  clients: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  pagesPerSecond: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Starts the built server on a free port; resolves once `readyPath` (the demo company's join page) answers. */
async function startServer(env: Record<string, string>, readyPath = "/join/dana-rivers"): Promise<{ base: string; stop: () => Promise<void> }> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
      SEED_DEMO: "always",
      LINEAGE_DEMO_PAYMENTS: "1",
      LINEAGE_SITE_URL: `http://127.0.0.1:${port}`,
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = performance.now() + 180_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting:\n${stderr}`);
    const ok = await fetch(`${base}${readyPath}`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { base, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error("the server did not answer within 3 minutes");
}

/** Signs in through Auth.js's credentials endpoint; the Cookie header a browser would send afterwards. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; "), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  const set = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (!set.some((c) => c.startsWith("authjs.session-token="))) throw new Error(`signing in as ${email} failed (${res.status})`);
  // Every cookie a browser would now hold (the CSRF and callback cookies too): without them Auth.js mints new ones on each page.
  const jar = new Map([...cookies, ...set].map((c) => [c.slice(0, c.indexOf("=")), c] as const));
  return [...jar.values()].join("; ");
}

/**
 * One page load as a browser sends it (its cookies, gzip accepted), on a
 * keep-alive connection; the body is read to its end but not decompressed, so
 * the clients, which share the machine with the server, cost little of it
 * (fetch's decompression took about a sixth of a page's server CPU).
 */
function get(agent: http.Agent, url: URL, cookie: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: "text/html,application/xhtml+xml", "accept-encoding": "gzip, deflate, br" };
    if (cookie) headers.cookie = cookie;
    const req = http.get(url, { agent, headers }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/** `requests` loads of `url` by `clients` concurrent clients, each on its own connection; every answer must be a 200. */
async function load(base: string, pagePath: string, cookie: string | null, clients: number, requests: number): Promise<PageFigures> {
  const latencies: number[] = [];
  let next = 0;
  const url = new URL(pagePath, base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        next++;
        const begun = performance.now();
        const status = await get(agent, url, cookie);
        if (status !== 200) throw new Error(`${pagePath} answered ${status}`);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const wall = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    path: pagePath,
    clients,
    requests,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    pagesPerSecond: Math.round((requests / wall) * 10_000) / 10,
  };
}

/**
 * The pages measured, as `memberEmail` (whose referral code is `code`) and the
 * admin, each first loaded `warm` times by 10 clients: the figures are a running
 * server's, not a fresh one's. V8 optimises the server's code over its first
 * few hundred requests (measured on /dashboard: 28 ms of server CPU per view over
 * the first 400, 22 ms after 1,200), and every worker warms up on its own.
 */
async function drive(base: string, memberEmail = "demo@example.com", code = "dana-rivers", warm = 400): Promise<PageFigures[]> {
  const member = await signIn(base, memberEmail);
  const admin = await signIn(base, "admin@example.com");
  const pages: [string, string | null][] = [
    ["/dashboard", member],
    ["/dashboard/team", member],
    ["/dashboard/earnings", member],
    [`/join/${code}`, null],
    ["/admin/orders", admin],
  ];
  const figures: PageFigures[] = [];
  for (const [pagePath, cookie] of pages) {
    await load(base, pagePath, cookie, 10, warm); // warm: optimised code, caches, connections
    figures.push(await load(base, pagePath, cookie, 1, 100));
    figures.push(await load(base, pagePath, cookie, 10, 400));
  }
  return figures;
}

function result(
  name: string,
  figures: PageFigures[],
  extra: Record<string, unknown>,
  size = { distributors: 200, orders: 1_122 },
): MeasurementLine & Record<string, unknown> {
  const dashboard10 = figures.find((f) => f.path === "/dashboard" && f.clients === 10)!;
  // `ms`: the dashboard's p95 with 10 clients.
  return { name, ...size, ms: dashboard10.p95Ms, rssMb: peakRssMb(), pages: figures, ...extra };
}

const pglite: Measurement = {
  name: "pages.pglite.demo",
  async run() {
    const dir = path.join(root, ".data", "bench", "pages-pglite");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.lock`, { force: true });
    const server = await startServer({ PGLITE_DIR: dir });
    try {
      return result("pages.pglite.demo", await drive(server.base), { database: "pglite", workers: 1 });
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(`${dir}.lock`, { force: true });
    }
  },
};

const postgres: Measurement = {
  name: "pages.postgres.demo",
  async run() {
    const database = "lineage_bench_pages";
    const target: Target = { driver: "postgres", distributors: 200, orders: 1_122, seed: 0, name: database };
    await dropTarget(target);
    await admin((c) => c.query(`create database ${database}`));
    const server = await startServer({ DATABASE_URL: targetUrl(target) });
    try {
      return result("pages.postgres.demo", await drive(server.base), { database: "postgres", workers: "one per core (WEB_CONCURRENCY unset)" });
    } finally {
      await server.stop();
      await dropTarget(target);
    }
  },
};

// A leader of 100,000: the large synthetic company (db/seed/large.ts) of 100,001
// distributors, whose root has everyone else below them, and 300,000 orders in
// the open period. Seeded into a fresh database of the db suite's naming (kept
// with --keep), then served without the demo company.
const LEADER_COMPANY = { distributors: 100_001, orders: 300_000 };

function leaderTarget(driver: Driver, seed: number): Target {
  return {
    driver,
    ...LEADER_COMPANY,
    seed,
    name: driver === "postgres" ? `lineage_bench_pages_leader_${seed}` : path.join(root, ".data", "bench", `pages-leader-${seed}`),
  };
}

/** The leader company's largest leader, seeding the company first when it is missing. */
async function ensureLeader(target: Target): Promise<TeamLeader> {
  if (await exists(target)) {
    const handle = await openTarget(target);
    try {
      return await largestLeader(handle);
    } finally {
      await handle.close();
    }
  }
  const { handle, seeded } = await seedFresh(target);
  await handle.close();
  return seeded.leaders[0]!;
}

const serverEnv = (target: Target): Record<string, string> =>
  target.driver === "postgres" ? { DATABASE_URL: targetUrl(target), SEED_DEMO: "never" } : { PGLITE_DIR: target.name, SEED_DEMO: "never" };

function leaderMeasurement(driver: Driver): Measurement {
  const name = `pages.${driver}.leader`;
  return {
    name,
    async run(o) {
      const target = leaderTarget(driver, o.seed);
      const leader = await ensureLeader(target);
      const server = await startServer(serverEnv(target), "/sign-in");
      try {
        // Fewer warm-up loads: a leader's page costs ten times a demo member's.
        const figures = await drive(server.base, `rep-${leader.id}@example.com`, `rep-${leader.id}`, 100);
        return result(
          name,
          figures,
          { database: driver, leaderDownline: leader.downline, workers: driver === "postgres" ? "one per core" : 1 },
          LEADER_COMPANY,
        );
      } finally {
        await server.stop();
        if (!keepDatabases()) await dropTarget(target);
      }
    },
  };
}

interface ReaderFigures {
  pageViews: number;
  pagesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * `clients` keep-alive clients loading `pagePaths` in turn until stopped; every
 * answer must be a 200. Only loads begun after `measure()` count.
 */
function startReaders(
  base: string,
  pagePaths: readonly string[],
  cookie: string,
  clients: number,
): { measure: () => void; stop: () => Promise<ReaderFigures> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let running = true;
  let started: number | null = null;
  const loops = Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; running; i++) {
        const begun = performance.now();
        const pagePath = pagePaths[i % pagePaths.length]!;
        const status = await get(agent, new URL(pagePath, base), cookie);
        if (status !== 200) throw new Error(`${pagePath} answered ${status}`);
        if (started !== null && begun >= started) latencies.push(performance.now() - begun);
      }
    }),
  );
  // A failed page is thrown by stop(); until then it must not end the process as an unhandled rejection.
  loops.catch(() => undefined);
  return {
    measure() {
      started = performance.now();
    },
    async stop() {
      const wall = performance.now() - (started ?? performance.now());
      running = false;
      await loops;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      return {
        pageViews: latencies.length,
        pagesPerSecond: Math.round((latencies.length / wall) * 10_000) / 10,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
      };
    },
  };
}

/**
 * Waits (at most 10 minutes) until the server's job worker has no job due: the
 * demo seed leaves mails and notices to send, which would otherwise load the
 * first phase measured and not the second.
 */
async function jobsDrained(handle: DatabaseHandle): Promise<void> {
  const deadline = performance.now() + 600_000;
  for (;;) {
    const [row] = await queryRows<{ due: number }>(
      handle.db,
      sql`select count(*)::int as due from jobs where status in ('queued', 'running') and run_at <= now()`,
    );
    if ((row?.due ?? 0) === 0) return;
    if (performance.now() > deadline) throw new Error(`the job worker still has ${row?.due} jobs due after 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Orders while 10 readers load pages (issue 21: "orders keep their targets while
 * 10 readers load pages"), at the demo company on PostgreSQL, the company of
 * the fault test that found orders falling from 14-16 a second to 1 or 2 (its
 * orders went through the server; these do not): payments
 * confirmed as the db suite confirms them (lib/orders/confirm.ts, what a
 * provider's confirmation runs) on the database the server reads, one caller
 * then 8, first with no reader, then while 10 clients load a member's
 * dashboard, team and earnings from the production server (two workers), all
 * on the same 2 cores. `ms`: the sequential p95 with readers.
 */
const ordersWhileReading: Measurement = {
  name: "pages.postgres.orders-while-reading",
  async run(o) {
    const database = "lineage_bench_pages_orders";
    const target: Target = { driver: "postgres", distributors: 200, orders: 1_122, seed: 0, name: database };
    await dropTarget(target);
    await admin((c) => c.query(`create database ${database}`));
    let server: Awaited<ReturnType<typeof startServer>> | null = null;
    let handle: DatabaseHandle | null = null;
    try {
      server = await startServer({ DATABASE_URL: targetUrl(target) });
      handle = await openTarget(target);
      const db = handle;
      const cookie = await signIn(server.base, "demo@example.com");
      const orders = async (tag: string) => ({
        sequential: await placeOrders(db, { count: 300, concurrency: 1, seed: o.seed, tag: `${tag}-1` }),
        concurrent8: await placeOrders(db, { count: 400, concurrency: 8, seed: o.seed + 1, tag: `${tag}-8` }),
      });
      await placeOrders(db, { count: 40, concurrency: 1, seed: o.seed + 2, tag: "warm" });
      await jobsDrained(db);
      const quiet = await orders("quiet");
      const readers = startReaders(server.base, ["/dashboard", "/dashboard/team", "/dashboard/earnings"], cookie, 10);
      await new Promise((resolve) => setTimeout(resolve, 10_000)); // the readers' warm-up (optimised server code), not counted
      readers.measure();
      const reading = await orders("reading");
      const pages = await readers.stop();
      return {
        name: "pages.postgres.orders-while-reading",
        distributors: 200,
        orders: 1_122,
        ms: reading.sequential.p95,
        rssMb: peakRssMb(),
        quiet,
        reading,
        readers: { clients: 10, ...pages },
      };
    } finally {
      await handle?.close();
      await server?.stop();
      await dropTarget(target);
    }
  },
};

/** The distributor with the largest team in a kept company (the root). */
async function largestLeader(handle: DatabaseHandle): Promise<TeamLeader> {
  const [row] = await queryRows<{ id: number; downline: number }>(
    handle.db,
    sql`select ancestor_id as id, sum(members)::int as downline from team_generation_members group by ancestor_id order by 2 desc limit 1`,
  );
  if (!row) throw new Error("the kept leader company has no team");
  return row;
}

export const pagesSuite: Suite = {
  name: "pages",
  measurements: [pglite, postgres, leaderMeasurement("pglite"), leaderMeasurement("postgres"), ordersWhileReading],
};
