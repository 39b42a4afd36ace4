import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { company } from "@/db/schema";
import type { Executor } from "@/lib/ledger/db";
import type { CompanyIdentityInput } from "@/lib/validation/admin-company";
import { recordAudit } from "./audit";

export interface CompanyIdentityDto extends CompanyIdentityInput {
  currency: string;
}

export async function getCompanyIdentity(db: Executor): Promise<CompanyIdentityDto> {
  const [row] = await db
    .select({ name: company.name, brandColor: company.brandColor, currency: company.currency, timeZone: company.timeZone })
    .from(company)
    .where(eq(company.id, 1));
  return row ?? { name: "Lineage", brandColor: "#047857", currency: "USD", timeZone: "UTC" };
}

/** Saves the company's name, email colour and time zone, audited; emails rendered from then on use them. */
export async function updateCompanyIdentity(db: Database, actorUserId: number, input: CompanyIdentityInput): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: company.name, brandColor: company.brandColor, timeZone: company.timeZone })
      .from(company)
      .where(eq(company.id, 1))
      .for("update");
    if (before?.name === input.name && before.brandColor === input.brandColor && before.timeZone === input.timeZone) return { changed: false };
    const after = { name: input.name, brandColor: input.brandColor, timeZone: input.timeZone };
    // The seed creates the row; a company set up by hand may not have one yet.
    await tx
      .insert(company)
      .values({ id: 1, ...after })
      .onConflictDoUpdate({ target: company.id, set: after });
    await recordAudit(tx, { actorUserId, action: "company.update", entity: "company", entityId: null, before: before ?? null, after });
    return { changed: true };
  });
}
