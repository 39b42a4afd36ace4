// npm test: every check and every test suite, on PGlite and, when
// TEST_DATABASE_URL is set, on PostgreSQL too. Ends with one line
// "N passed, N failed" summed from the runners' JSON reports, and exits
// non-zero on any failure.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".ci-out");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const pgUrl = process.env.TEST_DATABASE_URL;
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", VITE_CONFIG_NATIVE_IGNORE_WARNING: "true" };

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...baseEnv, ...env } });
  console.log(`--- ${label}: ${result.status === 0 ? "ok" : `exit ${result.status ?? result.signal}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    problems.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Runs vitest, behind `wrapper` (a command and its arguments that take vitest's command line) when given. */
function vitest(label, args, env = {}, wrapper) {
  const file = path.join(out, `${label.replace(/\W+/g, "-")}.json`);
  const command = [bin("vitest"), "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`];
  const [program, ...rest] = [...(wrapper ?? []), ...command];
  const ok = run(label, program, rest, env);
  const report = readJson(file);
  if (!report) {
    totals.failed += 1;
    problems.push(`${label} (no report)`);
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (!ok || report.numFailedTests > 0) problems.push(label);
}

function playwright(label, env) {
  const file = path.join(out, `${label.replace(/\W+/g, "-")}.json`);
  const ok = run(label, bin("playwright"), ["test", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const report = readJson(file);
  if (!report?.stats) {
    totals.failed += 1;
    problems.push(`${label} (no report)`);
    return;
  }
  totals.passed += report.stats.expected + report.stats.flaky;
  totals.failed += report.stats.unexpected;
  totals.skipped += report.stats.skipped;
  if (!ok || report.stats.unexpected > 0) problems.push(label);
}

/** Runs fn against a fresh PostgreSQL database, dropped afterwards. */
async function withPgDatabase(fn) {
  const { default: pg } = await import("pg");
  const name = `lineage_e2e_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new URL(pgUrl);
  admin.pathname = "/postgres";
  const query = async (sql) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await query(`CREATE DATABASE "${name}"`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  try {
    fn(url.toString());
  } finally {
    await query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

check("typecheck", bin("tsc"), ["--noEmit"]);
check("lint", bin("eslint"), [".", "--max-warnings=0"]);
check("format", bin("prettier"), ["--check", "."]);
vitest("vitest (PGlite)", []);
// The suite passes on any date: the integration tests again with the whole
// process's clock (Node and the embedded database alike) set by faketime to a
// month's last second (the run crosses into the next month and year) and to
// 1 January, a month with no data.
const faketime = spawnSync("faketime", ["-f", "+0", "true"]).status === 0;
for (const at of ["2026-12-31 23:59:59", "2027-01-01 00:00:00"]) {
  const label = `vitest integration at ${at} (PGlite)`;
  if (faketime) vitest(label, ["--project", "integration"], { FAKETIME_DONT_RESET: "1", TZ: "UTC" }, ["faketime", "-f", `@${at}`]);
  else if (process.env.CI) {
    totals.failed += 1;
    problems.push(`${label} (faketime is not installed)`);
  } else console.log(`\nfaketime is not installed (apt-get install -y faketime): skipped ${label}.`);
}
if (pgUrl) vitest("vitest integration (PostgreSQL)", ["--project", "integration"], { TEST_DATABASE_URL: pgUrl });
else console.log("\nTEST_DATABASE_URL is not set: the integration tests ran on PGlite only.");

// The build must never open the embedded database (it would lock it, and bake
// build-time data into pages): build against a folder that must stay absent.
const buildProbe = path.join(root, ".data", "build-probe");
fs.rmSync(buildProbe, { recursive: true, force: true });
const built = run("next build", process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
  PGLITE_DIR: path.join(buildProbe, "pglite"),
});
if (built && fs.existsSync(buildProbe)) {
  totals.failed += 1;
  problems.push("next build opened the embedded database");
} else if (built) totals.passed += 1;
if (built) {
  playwright("e2e (PGlite)", { E2E_PGLITE_DIR: ".data/e2e/pglite" });
  if (pgUrl) await withPgDatabase((url) => playwright("e2e (PostgreSQL)", { E2E_DATABASE_URL: url, E2E_PORT: "3201" }));
} else {
  totals.failed += 1;
  problems.push("next build");
}

if (problems.length) console.log(`\nFailed: ${problems.join(", ")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);
