import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const userRoles = ["admin", "distributor"] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: userRoles }).notNull().default("distributor"),
    passwordHash: text("password_hash").notNull(),
    // Sessions carry the version they were signed in under; raising it (sign-out,
    // termination, later a password change) ends every session of the user.
    sessionVersion: integer("session_version").notNull().default(1),
    // Null until the owner follows the verification link (or an admin verifies by hand).
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    // The IANA zone the person sees times in (lib/time-zone.ts validates it); set from the browser at signup.
    timeZone: text("time_zone").notNull().default("UTC"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emails are unique whatever their case: Ann@x.com and ann@x.com are one person.
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
    check("users_role_check", sql`${t.role} in ('admin', 'distributor')`),
  ],
);
