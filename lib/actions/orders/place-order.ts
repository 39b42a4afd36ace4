"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { getCheckoutOptions } from "@/lib/data/shop";
import { createOrder } from "@/lib/orders/create";
import { OrderError } from "@/lib/orders/errors";
import { beginPayment } from "@/lib/payments/begin";
import { noProviderMessage } from "@/lib/payments/config";
import { PaymentError } from "@/lib/payments/provider";
import { requestSiteOrigin } from "@/lib/http/request";
import { addressValues, parseShippingAddress, type AddressField } from "@/lib/validation/address";
import { placeOrderSchema } from "@/lib/validation/orders";
import type { FormResult } from "../result";

/**
 * Checkout for the signed-in distributor's personal order: records the order
 * (unpaid, with its shipping address) and sends them to pay it. It counts only
 * once the payment provider confirms it.
 */
export async function placePersonalOrder(_prev: FormResult<AddressField>, formData: FormData): Promise<FormResult<AddressField>> {
  const viewer = await requireUser();
  const values = addressValues(formData);
  if (viewer.distributorId === null) {
    const message = viewer.awaitingVerification
      ? "Confirm your email before ordering: open the link we emailed you."
      : "Only distributors can place personal orders.";
    return { ok: false, values, message };
  }
  const cart = placeOrderSchema.safeParse({ items: formData.getAll("items"), idempotencyKey: formData.get("idempotencyKey") });
  if (!cart.success) return { ok: false, values, message: cart.error.issues[0]?.message };
  const options = await getCheckoutOptions();
  if (!options.provider) return { ok: false, values, message: noProviderMessage };
  const address = parseShippingAddress(values, new Set(options.shipping.map((s) => s.country)));
  if (!address.ok) return { ok: false, values, fieldErrors: address.fieldErrors, message: "Check the shipping address." };
  const db = await getDb();
  const at = now();
  let orderId: number;
  try {
    const made = await createOrder(db, {
      sellerId: viewer.distributorId,
      kind: "personal",
      items: cart.data.items.map(([productId, quantity]) => ({ productId, quantity })),
      idempotencyKey: cart.data.idempotencyKey,
      shippingAddress: address.address,
      provider: options.provider,
      at,
    });
    orderId = made.orderId;
  } catch (error) {
    if (error instanceof OrderError) return { ok: false, values, message: error.message };
    throw error;
  }
  const pay = `/dashboard/orders/${orderId}/pay`;
  const origin = requestSiteOrigin(await headers());
  if (options.provider === "stripe" && origin) {
    try {
      const start = await beginPayment(db, orderId, { success: `${origin}/dashboard/orders/${orderId}?paid=1`, cancel: `${origin}${pay}` }, at);
      if (start.kind === "redirect") redirect(start.url);
    } catch (error) {
      // The order is kept: its payment page says what failed and offers to try again.
      if (!(error instanceof PaymentError || error instanceof OrderError)) throw error;
    }
  }
  redirect(pay);
}
