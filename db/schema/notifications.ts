import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

// What the portal tells a user (lib/notifications): shown under the bell, and
// emailed at once, in a daily digest or not at all, as the user prefers.
export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    // One notification per event and user: a retried action adds nothing.
    eventKey: text("event_key").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    href: text("href"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    // Waiting for the user's next daily digest email (null once in one, or when not digested).
    digestDueAt: timestamp("digest_due_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_user_event_idx").on(t.userId, t.eventKey),
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
    index("notifications_digest_idx")
      .on(t.digestDueAt)
      .where(sql`${t.digestDueAt} is not null`),
  ],
);

export const notificationChannels = ["in_app", "email"] as const;
export const notificationModes = ["instant", "digest", "off"] as const;

// A user's choice per kind and channel; a missing row means the kind's default.
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    channel: text("channel", { enum: notificationChannels }).notNull(),
    mode: text("mode", { enum: notificationModes }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind, t.channel] }),
    check("notification_preferences_channel_check", sql`${t.channel} in ('in_app', 'email')`),
    check("notification_preferences_mode_check", sql`${t.mode} in ('instant', 'digest', 'off')`),
  ],
);

// The admin's announcements to every distributor (sent by a fan-out job).
export const announcements = pgTable("announcements", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  createdBy: integer("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
