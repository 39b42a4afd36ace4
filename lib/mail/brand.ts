import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";
import { env } from "@/lib/env";

/** What every email is dressed in: the company's name and colour, and where links point. */
export interface Brand {
  name: string;
  color: string;
  /** The portal's origin, no trailing slash. */
  siteUrl: string;
}

export async function loadBrand(db: Executor): Promise<Brand> {
  const [row] = await queryRows<{ name: string; brand_color: string }>(db, sql`select name, brand_color from company limit 1`);
  return { name: row?.name ?? "Lineage", color: row?.brand_color ?? "#047857", siteUrl: env.siteUrl };
}

/** An absolute link into the portal. */
export function siteLink(path: string): string {
  return `${env.siteUrl}${path.startsWith("/") ? path : `/${path}`}`;
}

/** "Name <address>": MAIL_FROM, else the company's name at no-reply@ the portal's host. */
export function fromAddress(brand: Brand): string {
  if (env.mailFrom) return env.mailFrom;
  const name = brand.name.replace(/["\\\r\n]/g, "");
  return `"${name}" <no-reply@${new URL(brand.siteUrl).hostname}>`;
}
