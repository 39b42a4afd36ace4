import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "./http/trust-proxy";

// The one place that reads process.env: everything else imports `env`.
const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => value === "" || /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
      message: "must be a PostgreSQL URL, like postgres://user:password@host:5432/database",
    })
    .transform((value) => value || undefined)
    .optional(),
  PGLITE_DIR: z.string().trim().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SEED_DEMO: z.enum(["auto", "never", "always"]).default("auto"),
  LINEAGE_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  // Set by server.mjs for its workers (WEB_CONCURRENCY): the primary's start, from which their clocks run.
  LINEAGE_CLOCK_ANCHOR_MS: z.coerce.number().int().positive().optional(),
  // Off unless set to exactly "1": a deployment gets it only by asking for it (see lib/e2e-faults.ts).
  LINEAGE_E2E_FAULTS: z.enum(["0", "1"]).default("0"),
  STRIPE_SECRET_KEY: z.string().trim().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().trim().min(1).optional(),
  // Where the Stripe SDK sends its API calls: unset for Stripe itself; the tests set a local stand-in.
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Demo payments on PostgreSQL: off unless set to exactly "1" (a real deployment must not fake payment).
  LINEAGE_DEMO_PAYMENTS: z.enum(["0", "1"]).default("0"),
  // Set by server.mjs for the app it serves (every request carries the peer header it controls); never by hand.
  LINEAGE_PEER_HEADER: z.enum(["0", "1"]).default("0"),
  // Mail: SMTP when set (smtp:// or smtps://, credentials in the URL); else every message is kept in the outbox.
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  // The From header, "Name <address>" or an address; default: the company's name at no-reply@ the site's host.
  MAIL_FROM: z.string().trim().min(3).optional(),
  // The portal's public address, for links in emails (sent by a worker, away from any request).
  LINEAGE_SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // The structured log's level (lib/ops/log.ts).
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  // Days a signup may wait for its email to be verified before it is deleted.
  LINEAGE_UNVERIFIED_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // Jobs this process's worker runs side by side (lib/jobs/worker.ts).
  LINEAGE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  // The pace of a day's autoship runs, for the whole deployment (lib/autoship/schedule.ts); 0: as fast as the workers go.
  LINEAGE_AUTOSHIP_RUNS_PER_SECOND: z.coerce.number().int().min(0).max(1000).default(10),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface Env {
  databaseUrl: string | undefined;
  pgliteDir: string;
  nodeEnv: "development" | "production" | "test";
  seedDemo: "auto" | "never" | "always";
  /** For tests and demos: the instant the clock shows when the process starts (it then runs as usual). */
  clockStart: Date | undefined;
  /** When the demo clock starts running: this process's start, or its primary's (server.mjs). */
  clockAnchorMs: number | undefined;
  /** For the e2e suite only: a request may ask for an injected error (lib/e2e-faults.ts). */
  e2eFaults: boolean;
  logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
  /** Stripe's keys, when set (lib/payments/config.ts picks the provider). */
  stripe: { secretKey: string; webhookSecret: string; apiUrl: string | undefined } | undefined;
  /** LINEAGE_DEMO_PAYMENTS=1: the demo provider even on PostgreSQL. */
  demoPayments: boolean;
  /** Which reverse proxies' X-Forwarded-* headers are believed (lib/http/client-address.ts). */
  trustProxy: TrustProxy;
  /** Served by server.mjs: the peer header on each request is the TCP peer, never a client's value. */
  peerHeader: boolean;
  /** The SMTP server's URL, when mail goes out (lib/mail/transport.ts); else the outbox keeps it. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /** The portal's public origin (no trailing slash), for links in emails. */
  siteUrl: string;
  /** Days an unverified signup is kept (lib/accounts/verify.ts). */
  unverifiedDays: number;
  /** Jobs the worker of this process runs side by side. */
  workerConcurrency: number;
  /** A day's autoship runs are started at most this many a second (0: no pacing). */
  autoshipRunsPerSecond: number;
}

function parse(): Env {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Invalid environment: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const e = result.data;
  if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError(
      "STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY: orders are confirmed paid by Stripe's signed webhooks (docs/payments.md).",
    );
  }
  return {
    databaseUrl: e.DATABASE_URL,
    pgliteDir: path.resolve(e.PGLITE_DIR),
    nodeEnv: e.NODE_ENV,
    seedDemo: e.SEED_DEMO,
    clockStart: e.LINEAGE_CLOCK_START === undefined ? undefined : new Date(e.LINEAGE_CLOCK_START),
    clockAnchorMs: e.LINEAGE_CLOCK_ANCHOR_MS,
    e2eFaults: e.LINEAGE_E2E_FAULTS === "1",
    logLevel: e.LOG_LEVEL,
    stripe: e.STRIPE_SECRET_KEY ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET!, apiUrl: e.STRIPE_API_URL } : undefined,
    demoPayments: e.LINEAGE_DEMO_PAYMENTS === "1",
    trustProxy: e.TRUST_PROXY,
    peerHeader: e.LINEAGE_PEER_HEADER === "1",
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    siteUrl: new URL(e.LINEAGE_SITE_URL ?? `http://localhost:${e.PORT}`).origin,
    unverifiedDays: e.LINEAGE_UNVERIFIED_DAYS,
    workerConcurrency: e.LINEAGE_WORKER_CONCURRENCY,
    autoshipRunsPerSecond: e.LINEAGE_AUTOSHIP_RUNS_PER_SECOND,
  };
}

export const env: Env = parse();

let cachedSecret: string | undefined;

/**
 * The Auth.js signing secret. A real deployment (DATABASE_URL set) must provide
 * AUTH_SECRET of at least 32 characters; the embedded database generates one on
 * first start and keeps it next to the data, so sessions survive restarts.
 */
export function authSecret(): string {
  if (cachedSecret) return cachedSecret;
  const given = process.env.AUTH_SECRET?.trim();
  if (given && given.length >= 32) return (cachedSecret = given);
  if (env.databaseUrl) {
    throw new ConfigError("AUTH_SECRET must be set to at least 32 characters when DATABASE_URL is set (generate one with `openssl rand -base64 32`).");
  }
  if (given) throw new ConfigError("AUTH_SECRET is too short: use at least 32 characters.");
  const file = path.join(path.dirname(env.pgliteDir), "auth-secret");
  if (fs.existsSync(file)) {
    cachedSecret = fs.readFileSync(file, "utf8").trim();
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    cachedSecret = randomBytes(32).toString("base64url");
    fs.writeFileSync(file, cachedSecret + "\n", { mode: 0o600 });
    console.info(`[lineage] No AUTH_SECRET set: generated one into ${file}`);
  }
  return cachedSecret;
}
