import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

export const emailStatuses = ["queued", "sent", "failed"] as const;
export type EmailStatus = (typeof emailStatuses)[number];

// Every message the portal sends (lib/mail): queued with its template and data
// in the transaction of its event, once per event (`event_key`), rendered and
// delivered by the worker (over SMTP, or kept here as the outbox when no SMTP
// server is configured). The rendered subject, HTML and text are what went out.
export const emails = pgTable(
  "emails",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    eventKey: text("event_key").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    template: text("template").notNull(),
    data: jsonb("data").notNull().default({}),
    // A notification kind (lib/notifications) the recipient can turn off, or null for account mail that always goes.
    category: text("category"),
    status: text("status", { enum: emailStatuses }).notNull().default("queued"),
    subject: text("subject"),
    html: text("html"),
    text: text("text"),
    // 'smtp' or 'outbox': where it went.
    transport: text("transport"),
    messageId: text("message_id"),
    // Set just before the SMTP conversation, cleared by its recorded outcome: a
    // delivery that finds it set died in between (the server may have the message).
    sendingSince: timestamp("sending_since", { withTimezone: true }),
    possibleDuplicate: boolean("possible_duplicate").notNull().default(false),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("emails_event_key_idx").on(t.eventKey),
    index("emails_created_idx").on(t.createdAt),
    index("emails_user_idx").on(t.userId),
    check("emails_status_check", sql`${t.status} in ('queued', 'sent', 'failed')`),
  ],
);
