import "server-only";
import { connection } from "next/server";
import { cache } from "react";
import { getDb } from "@/db/client";
import { company } from "@/db/schema";

export interface CompanyDto {
  name: string;
  currency: string;
  /** The company's IANA zone: public pages show times in it. */
  timeZone: string;
}

const fallback: CompanyDto = { name: "Lineage", currency: "USD", timeZone: "UTC" };

/** The company's public identity: shown to everyone, including the signed-out. Read once per request (layout, page and panels ask). */
export const getCompany = cache(async (): Promise<CompanyDto> => {
  // Request time only: a build must never prerender (and so open) the database.
  await connection();
  const db = await getDb();
  const [row] = await db.select({ name: company.name, currency: company.currency, timeZone: company.timeZone }).from(company).limit(1);
  return row ?? fallback;
});

export async function getCompanyName(): Promise<string> {
  return (await getCompany()).name;
}
