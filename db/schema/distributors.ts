import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./users";

export const distributorStatuses = ["active", "terminated"] as const;
export type DistributorStatus = (typeof distributorStatuses)[number];

export const enrolmentSources = ["link", "cookie", "direct", "seed", "admin"] as const;
export type EnrolmentSource = (typeof enrolmentSources)[number];

export const distributors = pgTable(
  "distributors",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    // Adjacency is the truth; path and depth are derived from it by a trigger.
    sponsorId: integer("sponsor_id").references((): AnyPgColumn => distributors.id),
    referralCode: text("referral_code").notNull(),
    // Since when the current code has pointed to this distributor without a
    // break (set when they sign up or claim a code; a retired code of their own
    // taken back keeps its own). Null: since before migration 0019, when no code
    // could have been anyone else's. A referral cookie set before it was not for them.
    referralCodeSince: timestamp("referral_code_since", { withTimezone: true }),
    // Enrolment standing, not the plan's PV-based "active" (that is per period).
    status: text("status", { enum: distributorStatuses }).notNull().default("active"),
    // Materialised path of ids from the root down to this distributor, dot-separated
    // ("1.17.342"): downline = path LIKE '<mine>.%', generation = depth - my depth.
    path: text("path").notNull().default(""),
    depth: integer("depth").notNull().default(0),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    // ISO 3166-1 alpha-2.
    country: text("country"),
    // How the sponsor was chosen: a referral link, the attribution cookie, or
    // nothing (a direct signup lands under the root).
    enrolledVia: text("enrolled_via", { enum: enrolmentSources }).notNull().default("seed"),
    agreementVersion: text("agreement_version"),
    agreementAcceptedAt: timestamp("agreement_accepted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("distributors_user_idx").on(t.userId),
    uniqueIndex("distributors_referral_code_lower_idx").on(sql`lower(${t.referralCode})`),
    index("distributors_sponsor_idx").on(t.sponsorId),
    index("distributors_path_idx").on(t.path.op("text_pattern_ops")),
    check("distributors_status_check", sql`${t.status} in ('active', 'terminated')`),
    check("distributors_not_own_sponsor", sql`${t.sponsorId} is null or ${t.sponsorId} <> ${t.id}`),
    check("distributors_enrolled_via_check", sql`${t.enrolledVia} in ('link', 'cookie', 'direct', 'seed', 'admin')`),
    check("distributors_country_check", sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
    check("distributors_referral_code_format", sql`${t.referralCode} ~ '^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$'`),
  ],
);
