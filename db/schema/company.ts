import { sql } from "drizzle-orm";
import { check, integer, pgTable, text } from "drizzle-orm/pg-core";

// One company per deployment: its name and the currency every amount is in.
export const company = pgTable(
  "company",
  {
    id: integer("id").primaryKey().default(1),
    name: text("name").notNull(),
    currency: text("currency").notNull().default("USD"),
    // The accent colour of the company's emails (#rrggbb).
    brandColor: text("brand_color").notNull().default("#047857"),
    // The IANA zone of public pages and of the periods' boundaries as stated (periods themselves stay UTC months).
    timeZone: text("time_zone").notNull().default("UTC"),
  },
  (t) => [
    check("company_singleton", sql`${t.id} = 1`),
    check("company_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("company_brand_color_check", sql`${t.brandColor} ~ '^#[0-9a-f]{6}$'`),
  ],
);
