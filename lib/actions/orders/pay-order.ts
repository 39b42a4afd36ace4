"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb, type Database } from "@/db/client";
import { orders } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { settleAfterPayment } from "@/lib/orders/after-payment";
import { OrderError } from "@/lib/orders/errors";
import { hashReceiptToken, receiptPath, receiptTokenPattern } from "@/lib/orders/receipts";
import { beginPayment } from "@/lib/payments/begin";
import { checkDemoCard, payWithDemoCard, type DemoCardField } from "@/lib/payments/demo";
import { PaymentError } from "@/lib/payments/provider";
import { requestSiteOrigin } from "@/lib/http/request";
import type { FormResult } from "../result";

type Field = "cardNumber" | "cardExpiry" | "cardCvc";

const cardFields: Record<DemoCardField, Field> = { number: "cardNumber", expiry: "cardExpiry", cvc: "cardCvc" };
const keySchema = z.uuid();

/**
 * Pays an unpaid order through its provider: the demo card form's charge (the
 * order counts once it succeeds), or a redirect to the provider's checkout.
 * `done`: where the buyer lands once it is paid; `back`: where a provider's
 * checkout returns them when they give up.
 */
async function pay(db: Database, orderId: number, formData: FormData, urls: { done: string; back: string }): Promise<FormResult<Field>> {
  const [order] = await db.select({ provider: orders.paymentProvider }).from(orders).where(eq(orders.id, orderId));
  const at = now();
  if (order?.provider === "demo") {
    const text = (name: Field) => {
      const value = formData.get(name);
      return typeof value === "string" ? value.slice(0, 40) : "";
    };
    const values = { cardNumber: text("cardNumber"), cardExpiry: text("cardExpiry"), cardCvc: text("cardCvc") };
    const card = checkDemoCard({ number: values.cardNumber, expiry: values.cardExpiry, cvc: values.cardCvc }, at);
    // Like a provider's form, the card's number and code are never echoed back.
    const kept = { cardExpiry: values.cardExpiry };
    if (!card.ok) return { ok: false, values: kept, fieldErrors: { [cardFields[card.field]]: card.message } };
    const key = keySchema.safeParse(formData.get("idempotencyKey"));
    if (!key.success) return { ok: false, values: kept, message: "This payment form has expired. Reload the page and try again." };
    let result;
    try {
      result = await payWithDemoCard(db, { orderId, digits: card.digits, idempotencyKey: key.data, at });
    } catch (error) {
      if (error instanceof OrderError || error instanceof PaymentError) return { ok: false, values: kept, message: error.message };
      throw error;
    }
    if (result.kind === "declined") return { ok: false, values: kept, message: result.message };
    // The team pages only read the rollups: this order is folded in before anyone's next page.
    await settleAfterPayment(db, result.paid);
    revalidatePath("/dashboard", "layout");
    redirect(urls.done);
  }
  const origin = requestSiteOrigin(await headers());
  if (!origin) return { ok: false, message: "We could not work out this site's address to send you to the payment page. Please try again." };
  try {
    const start = await beginPayment(db, orderId, { success: `${origin}${urls.done}`, cancel: `${origin}${urls.back}` }, at);
    if (start.kind === "redirect") redirect(start.url);
  } catch (error) {
    if (error instanceof OrderError || error instanceof PaymentError) return { ok: false, message: error.message };
    throw error;
  }
  return { ok: false, message: "This order cannot be paid here." };
}

/** Pays one of the signed-in distributor's own unpaid personal orders. */
export async function payMyOrder(orderId: number, _prev: FormResult<Field>, formData: FormData): Promise<FormResult<Field>> {
  const viewer = await requireUser();
  const id = z.number().int().positive().max(999_999_999).safeParse(orderId);
  if (!id.success || viewer.distributorId === null) return { ok: false, message: "This order cannot be paid here." };
  const db = await getDb();
  // Bound arguments come back from the browser as sent: ownership is checked here, again.
  const [mine] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.id, id.data), eq(orders.sellerId, viewer.distributorId), eq(orders.kind, "personal")));
  if (!mine) return { ok: false, message: "This order cannot be paid here." };
  return pay(db, mine.id, formData, { done: `/dashboard/orders/${mine.id}?placed=1`, back: `/dashboard/orders/${mine.id}/pay` });
}

/** Pays a guest's unpaid order, found by its receipt link's token (the guest's only key). */
export async function payGuestOrder(token: string, _prev: FormResult<Field>, formData: FormData): Promise<FormResult<Field>> {
  if (typeof token !== "string" || !receiptTokenPattern.test(token)) return { ok: false, message: "This order cannot be paid here." };
  const db = await getDb();
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.receiptTokenHash, hashReceiptToken(token)));
  if (!order) return { ok: false, message: "This order cannot be paid here." };
  return pay(db, order.id, formData, { done: `${receiptPath(token)}?paid=1`, back: receiptPath(token) });
}
