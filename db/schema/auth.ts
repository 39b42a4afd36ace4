import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Failed sign-ins per account ("account:<email>", whether or not the account
// exists) and per client address ("ip:<address>"), shared by every server
// process: after a few failures a key is locked for a while that grows with
// each further failure (lib/auth/throttle.ts).
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
