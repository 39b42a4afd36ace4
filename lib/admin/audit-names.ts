import { eq, inArray } from "drizzle-orm";
import { commissionPeriods, compensationPlans, distributors, products, users } from "@/db/schema";
import type { Executor } from "@/lib/ledger/db";
import type { AuditRefs } from "./audit-format";
import type { AuditNames } from "./audit-values";

/** The names a page of audit entries needs: one query per kind of record, none for a kind the page does not name. */
export async function loadAuditNames(db: Executor, refs: AuditRefs): Promise<AuditNames> {
  const [dists, prods, periods, plans] = await Promise.all([
    refs.distributors.length === 0
      ? []
      : db
          .select({ id: distributors.id, name: users.name })
          .from(distributors)
          .innerJoin(users, eq(users.id, distributors.userId))
          .where(inArray(distributors.id, refs.distributors)),
    refs.products.length === 0 ? [] : db.select({ id: products.id, name: products.name }).from(products).where(inArray(products.id, refs.products)),
    refs.periods.length === 0
      ? []
      : db
          .select({ id: commissionPeriods.id, startsOn: commissionPeriods.startsOn })
          .from(commissionPeriods)
          .where(inArray(commissionPeriods.id, refs.periods)),
    refs.plans.length === 0
      ? []
      : db.select({ id: compensationPlans.id, version: compensationPlans.version }).from(compensationPlans).where(inArray(compensationPlans.id, refs.plans)),
  ]);
  return {
    distributors: new Map(dists.map((r) => [r.id, r.name])),
    products: new Map(prods.map((r) => [r.id, r.name])),
    periods: new Map(periods.map((r) => [r.id, r.startsOn])),
    plans: new Map(plans.map((r) => [r.id, r.version])),
  };
}
