import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { distributors, enrolmentSources } from "./distributors";
import { users } from "./users";

export const accountTokenPurposes = ["verify_email", "reset_password", "change_email"] as const;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];

// Single-use links sent by email (verification, password reset, email change).
// Only the SHA-256 of the token is kept: a leaked table opens nothing.
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: accountTokenPurposes }).notNull(),
    tokenHash: text("token_hash").notNull(),
    // The address being confirmed by a change_email token.
    newEmail: text("new_email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_idx").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.purpose),
    check("account_tokens_purpose_check", sql`${t.purpose} in ('verify_email', 'reset_password', 'change_email')`),
  ],
);

// A signup waiting for its email to be verified: the account exists (it can
// sign in and see its own dashboard) but it has no place in the tree yet, so it
// counts in no one's team and cannot buy. Verification places it under this
// sponsor (lib/accounts/verify.ts); an unverified signup expires.
export const pendingEnrolments = pgTable(
  "pending_enrolments",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    sponsorId: integer("sponsor_id").references(() => distributors.id),
    enrolledVia: text("enrolled_via", { enum: enrolmentSources }).notNull(),
    country: text("country"),
    agreementVersion: text("agreement_version"),
    agreementAcceptedAt: timestamp("agreement_accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("pending_enrolments_expires_idx").on(t.expiresAt)],
);
