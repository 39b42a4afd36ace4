import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";

// Codes a distributor used before changing theirs: old links keep working.
export const referralCodeAliases = pgTable(
  "referral_code_aliases",
  {
    code: text("code").notNull(),
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    retiredAt: timestamp("retired_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("referral_code_aliases_code_lower_idx").on(sql`lower(${t.code})`)],
);

// Daily counters of referral-link visits and signups per distributor (UTC days).
export const referralLinkStats = pgTable(
  "referral_link_stats",
  {
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    day: date("day", { mode: "string" }).notNull(),
    visits: integer("visits").notNull().default(0),
    signups: integer("signups").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.distributorId, t.day] }), check("referral_link_stats_counts_check", sql`${t.visits} >= 0 and ${t.signups} >= 0`)],
);

// Fixed-window counters for rate limits (e.g. signups per IP per minute), shared
// by every server process because they live in the database.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
