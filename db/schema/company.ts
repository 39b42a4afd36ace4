import { sql } from "drizzle-orm";
import { check, integer, pgTable, text } from "drizzle-orm/pg-core";

// One company per deployment: its name and the currency every amount is in.
export const company = pgTable(
  "company",
  {
    id: integer("id").primaryKey().default(1),
    name: text("name").notNull(),
    currency: text("currency").notNull().default("USD"),
  },
  (t) => [check("company_singleton", sql`${t.id} = 1`), check("company_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`)],
);
