import { sql } from "drizzle-orm";
import { bigint, boolean, check, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const products = pgTable(
  "products",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    imageUrl: text("image_url"),
    // Minor units of the company currency.
    priceCents: bigint("price_cents", { mode: "number" }).notNull(),
    pv: integer("pv").notNull(),
    cvCents: bigint("cv_cents", { mode: "number" }).notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("products_sku_lower_idx").on(sql`lower(${t.sku})`),
    check("products_price_check", sql`${t.priceCents} >= 0`),
    check("products_pv_check", sql`${t.pv} >= 0`),
    check("products_cv_check", sql`${t.cvCents} >= 0`),
  ],
);
