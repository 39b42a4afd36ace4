import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors } from "./distributors";
import { users } from "./users";

// Codes a distributor used before changing theirs: old links keep redirecting
// to them for ALIAS_GRACE_DAYS after `retired_at` (lib/referrals/code-policy.ts);
// then the code no longer resolves, and the row stays until someone else claims
// the code (it is deleted then).
export const referralCodeAliases = pgTable(
  "referral_code_aliases",
  {
    code: text("code").notNull(),
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    // When the grace period began: the change that retired the code (or, for codes
    // retired before migration 0019, the migration itself).
    retiredAt: timestamp("retired_at", { withTimezone: true }).notNull().defaultNow(),
    // Since when the code had pointed to this distributor (their referral_code_since
    // at retirement); null: since before migration 0019.
    heldSince: timestamp("held_since", { withTimezone: true }),
  },
  (t) => [uniqueIndex("referral_code_aliases_code_lower_idx").on(sql`lower(${t.code})`)],
);

// Every change of a distributor's code: the rolling limit counts these (an
// alias can disappear when its owner takes it back, a change never does).
export const referralCodeChanges = pgTable(
  "referral_code_changes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    distributorId: integer("distributor_id")
      .notNull()
      .references(() => distributors.id),
    fromCode: text("from_code").notNull(),
    toCode: text("to_code").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("referral_code_changes_distributor_idx").on(t.distributorId, t.changedAt)],
);

export const reservedWordKinds = ["word", "brand"] as const;

// Words admins reserve on /admin/referrals, on top of the built-in ones
// (lib/referrals/reserved.ts): a "word" is refused as a hyphen-separated part of
// a code, a "brand" anywhere in it.
export const reservedReferralWords = pgTable(
  "reserved_referral_words",
  {
    word: text("word").primaryKey(),
    kind: text("kind", { enum: reservedWordKinds }).notNull(),
    addedBy: integer("added_by").references(() => users.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("reserved_referral_words_kind_check", sql`${t.kind} in ('word', 'brand')`),
    check("reserved_referral_words_word_check", sql`${t.word} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(${t.word}) between 2 and 32`),
    check("reserved_referral_words_brand_check", sql`${t.kind} <> 'brand' or ${t.word} ~ '^[a-z0-9]{4,32}$'`),
  ],
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
