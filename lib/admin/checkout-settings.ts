import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { checkoutSettings, shippingRates } from "@/db/schema";
import type { Executor } from "@/lib/ledger/db";
import type { CheckoutSettingsInput } from "@/lib/validation/admin-payments";
import { recordAudit } from "./audit";
import { AdminError } from "./errors";

// What checkout charges and allows, set by admins on /admin/payments: the flat
// shipping rate per country (a country without one is not offered) and the
// checkout settings row (the payment window, the caps on a guest's order).
// Every change is audited in its own transaction.

export type CheckoutSettingsDto = CheckoutSettingsInput;

export interface ShippingRateDto {
  country: string;
  rateCents: number;
}

/** The one settings row (the migration inserts it; the defaults stand in if it is ever missing). */
export async function getCheckoutSettings(db: Executor): Promise<CheckoutSettingsDto> {
  const [row] = await db
    .select({
      pendingOrderMinutes: checkoutSettings.pendingOrderMinutes,
      guestMaxTotalCents: checkoutSettings.guestMaxTotalCents,
      guestMaxUnits: checkoutSettings.guestMaxUnits,
    })
    .from(checkoutSettings)
    .where(eq(checkoutSettings.id, 1));
  return row ?? { pendingOrderMinutes: 1440, guestMaxTotalCents: 100_000, guestMaxUnits: 10 };
}

/** Every country checkout offers, by country code. */
export async function listShippingRates(db: Executor): Promise<ShippingRateDto[]> {
  return db.select({ country: shippingRates.country, rateCents: shippingRates.rateCents }).from(shippingRates).orderBy(asc(shippingRates.country));
}

/** Adds a country at `rateCents`, or changes its rate. Orders already made keep the shipping they were made with. */
export async function setShippingRate(db: Database, actorUserId: number, country: string, rateCents: number): Promise<{ created: boolean; changed: boolean }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ rateCents: shippingRates.rateCents }).from(shippingRates).where(eq(shippingRates.country, country)).for("update");
    if (before?.rateCents === rateCents) return { created: false, changed: false };
    await tx.insert(shippingRates).values({ country, rateCents }).onConflictDoUpdate({ target: shippingRates.country, set: { rateCents } });
    await recordAudit(tx, {
      actorUserId,
      action: "shipping.set_rate",
      entity: "shipping_rate",
      entityId: country,
      before: before ? { country, rateCents: before.rateCents } : null,
      after: { country, rateCents },
    });
    return { created: !before, changed: true };
  });
}

/** Stops shipping to a country: checkout no longer offers it. Orders already made keep their address and shipping. */
export async function removeShippingRate(db: Database, actorUserId: number, country: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(shippingRates).where(eq(shippingRates.country, country)).returning();
    if (!removed) throw new AdminError("Checkout does not offer this country: there is nothing to remove.");
    await recordAudit(tx, { actorUserId, action: "shipping.remove_rate", entity: "shipping_rate", entityId: country, before: { ...removed } });
  });
}

/**
 * Saves the checkout settings. A new payment window applies to orders made
 * from then on (each order keeps the expiry it was made with); the guest caps
 * apply to the next guest checkout.
 */
export async function updateCheckoutSettings(db: Database, actorUserId: number, input: CheckoutSettingsInput): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        pendingOrderMinutes: checkoutSettings.pendingOrderMinutes,
        guestMaxTotalCents: checkoutSettings.guestMaxTotalCents,
        guestMaxUnits: checkoutSettings.guestMaxUnits,
      })
      .from(checkoutSettings)
      .where(eq(checkoutSettings.id, 1))
      .for("update");
    const after = { pendingOrderMinutes: input.pendingOrderMinutes, guestMaxTotalCents: input.guestMaxTotalCents, guestMaxUnits: input.guestMaxUnits };
    if (before && JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
    await tx
      .insert(checkoutSettings)
      .values({ id: 1, ...after })
      .onConflictDoUpdate({ target: checkoutSettings.id, set: after });
    await recordAudit(tx, { actorUserId, action: "checkout.update", entity: "checkout_settings", entityId: null, before: before ?? null, after });
    return { changed: true };
  });
}
