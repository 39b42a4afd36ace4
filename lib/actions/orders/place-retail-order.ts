"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { scheduleRecompute } from "@/lib/ledger/background";
import { settleTeamRollups } from "@/lib/ledger/rollups";
import { OrderError } from "@/lib/orders/errors";
import { placeOrder } from "@/lib/orders/place";
import { resolveReferralCode } from "@/lib/referrals/codes";
import { joinPath } from "@/lib/referrals/display";
import { customerSchema, placeOrderSchema } from "@/lib/validation/orders";
import type { FormResult } from "../result";

type Field = "customerName" | "customerEmail";

/**
 * A retail customer's purchase on a distributor's referral shop. Public: the
 * seller comes from the code bound on the server, never from the form, and
 * prices and volumes from the catalog.
 */
export async function placeRetailOrder(code: string, _prev: FormResult<Field>, formData: FormData): Promise<FormResult<Field>> {
  const text = (name: Field) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.slice(0, 200) : "";
  };
  const values = { customerName: text("customerName"), customerEmail: text("customerEmail") };
  const customer = customerSchema.safeParse(values);
  if (!customer.success) {
    const errors = z.flattenError(customer.error).fieldErrors;
    return { ok: false, values, fieldErrors: { customerName: errors.customerName?.[0], customerEmail: errors.customerEmail?.[0] } };
  }
  const cart = placeOrderSchema.safeParse({ items: formData.getAll("items"), idempotencyKey: formData.get("idempotencyKey") });
  if (!cart.success) return { ok: false, values, message: cart.error.issues[0]?.message };
  const db = await getDb();
  const resolved = await resolveReferralCode(db, code);
  if (resolved.kind === "invalid") return { ok: false, values, message: "This shop is no longer available." };
  let orderId: number;
  try {
    const placed = await placeOrder(db, {
      sellerId: resolved.sponsor.distributorId,
      kind: "retail",
      items: cart.data.items.map(([productId, quantity]) => ({ productId, quantity })),
      idempotencyKey: cart.data.idempotencyKey,
      customer: { name: customer.data.customerName, email: customer.data.customerEmail },
      at: now(),
    });
    orderId = placed.orderId;
    if (placed.deferred) after(() => scheduleRecompute(db, placed.periodId));
  } catch (error) {
    if (error instanceof OrderError) return { ok: false, values, message: error.message };
    throw error;
  }
  // The team pages only read the rollups: this order is folded in before the seller's next page.
  await settleTeamRollups(db);
  redirect(`${joinPath(resolved.sponsor.code)}/shop/thanks?order=${orderId}`);
}
