"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { getCheckoutOptions } from "@/lib/data/shop";
import { createOrder } from "@/lib/orders/create";
import { OrderError } from "@/lib/orders/errors";
import { flagUnusualGuestOrder } from "@/lib/orders/flags";
import { consumeGuestCheckout } from "@/lib/orders/guest-limits";
import { receiptPath, receiptTokenFor } from "@/lib/orders/receipts";
import { beginPayment } from "@/lib/payments/begin";
import { noProviderMessage } from "@/lib/payments/config";
import { PaymentError } from "@/lib/payments/provider";
import { resolveReferralCode } from "@/lib/referrals/codes";
import { requestClientAddress, requestSiteOrigin } from "@/lib/http/request";
import { addressValues, parseShippingAddress, type AddressField } from "@/lib/validation/address";
import { customerSchema, placeOrderSchema } from "@/lib/validation/orders";
import type { FormResult } from "../result";

type Field = "customerName" | "customerEmail" | AddressField;

/**
 * A retail customer's checkout on a distributor's referral shop. Public: the
 * seller comes from the code bound on the server, never from the form, and
 * prices and volumes from the catalog. Records the order unpaid, within the
 * guest caps and abuse limits, and sends the customer to pay it; their receipt
 * link (an unguessable token) shows it paid once the provider confirms it.
 */
export async function placeRetailOrder(code: string, _prev: FormResult<Field>, formData: FormData): Promise<FormResult<Field>> {
  const text = (name: "customerName" | "customerEmail") => {
    const value = formData.get(name);
    return typeof value === "string" ? value.slice(0, 200) : "";
  };
  const values: Partial<Record<Field, string>> = { customerName: text("customerName"), customerEmail: text("customerEmail"), ...addressValues(formData) };
  const customer = customerSchema.safeParse(values);
  const options = await getCheckoutOptions();
  const address = parseShippingAddress(values, new Set(options.shipping.map((s) => s.country)));
  if (!customer.success || !address.ok) {
    const errors = customer.success ? {} : z.flattenError(customer.error).fieldErrors;
    return {
      ok: false,
      values,
      message: "Check the highlighted fields.",
      fieldErrors: { customerName: errors.customerName?.[0], customerEmail: errors.customerEmail?.[0], ...(address.ok ? {} : address.fieldErrors) },
    };
  }
  const cart = placeOrderSchema.safeParse({ items: formData.getAll("items"), idempotencyKey: formData.get("idempotencyKey") });
  if (!cart.success) return { ok: false, values, message: cart.error.issues[0]?.message };
  if (!options.provider) return { ok: false, values, message: noProviderMessage };
  const db = await getDb();
  const at = now();
  const resolved = await resolveReferralCode(db, code, at);
  if (resolved.kind === "invalid") return { ok: false, values, message: "This shop is no longer available." };
  const requestHeaders = await headers();
  const limited = await consumeGuestCheckout(
    db,
    { address: requestClientAddress(requestHeaders), shopId: resolved.sponsor.distributorId, email: customer.data.customerEmail },
    at,
  );
  if (limited) return { ok: false, values, message: limited };
  // Derived from the page's idempotency key: a resubmitted form opens the same receipt, and the receipt email can carry the link.
  const receipt = receiptTokenFor(cart.data.idempotencyKey);
  let orderId: number;
  let created: boolean;
  try {
    const made = await createOrder(db, {
      sellerId: resolved.sponsor.distributorId,
      kind: "retail",
      items: cart.data.items.map(([productId, quantity]) => ({ productId, quantity })),
      idempotencyKey: cart.data.idempotencyKey,
      customer: { name: customer.data.customerName, email: customer.data.customerEmail },
      shippingAddress: address.address,
      provider: options.provider,
      receiptTokenHash: receipt.hash,
      limits: { maxTotalCents: options.guestMaxTotalCents, maxUnits: options.guestMaxUnits },
      at,
    });
    orderId = made.orderId;
    created = made.created;
  } catch (error) {
    if (error instanceof OrderError) return { ok: false, values, message: error.message };
    throw error;
  }
  if (created) after(() => flagUnusualGuestOrder(db, orderId, at));
  const receiptUrl = receiptPath(receipt.token);
  const origin = requestSiteOrigin(requestHeaders);
  if (options.provider === "stripe" && origin) {
    try {
      const start = await beginPayment(db, orderId, { success: `${origin}${receiptUrl}?paid=1`, cancel: `${origin}${receiptUrl}` }, at);
      if (start.kind === "redirect") redirect(start.url);
    } catch (error) {
      // The order is kept: its receipt page says what failed and offers to try again.
      if (!(error instanceof PaymentError || error instanceof OrderError)) throw error;
    }
  }
  redirect(receiptUrl);
}
