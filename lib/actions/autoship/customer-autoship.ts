"use server";

import { sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb, type Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createCustomerSubscription, orderOfReceiptToken, customerOrigin, sendNewManageLink, subscriptionOfManageToken } from "@/lib/autoship/customer";
import { formatRunDate } from "@/lib/autoship/cycle";
import {
  AutoshipError,
  cancelSubscription,
  changeAddress,
  changeCard,
  changeDay,
  changeItems,
  describeCardChange,
  forgetUnusedCard,
  pauseSubscription,
  resumeSubscription,
  skipNextRun,
  type AutoshipOwner,
} from "@/lib/autoship/manage";
import { managePath, signManageToken } from "@/lib/autoship/manage-token";
import { now } from "@/lib/clock";
import { getCheckoutOptions } from "@/lib/data/shop";
import { authSecret } from "@/lib/env";
import { receiptPath } from "@/lib/orders/receipts";
import { noProviderMessage } from "@/lib/payments/config";
import { consumeRateLimit } from "@/lib/referrals/rate-limit";
import { addressValues, parseShippingAddress, type AddressField } from "@/lib/validation/address";
import { dayOfMonthSchema, parseAutoshipItems, subscriptionIdSchema } from "@/lib/validation/autoship";
import type { FormResult } from "../result";
import { autoshipRefusal, formText, openCardSavePage, saveDemoCardFromForm, type CardField } from "./form";

// A retail customer's autoship forms. A customer has no account: the receipt
// link of their paid order (to start one, or to have its link emailed again)
// and the signed manage link (to change it) are their keys, bound into each
// action by the page (action.bind(null, token)) and checked here on every
// submit; lib/autoship/manage.ts then changes only the autoship that key names.

const expiredLink = "This link does not work any more. Use the newest link we emailed you, or ask for a new one from your order's receipt.";

/** An email with a new manage link: a few per hour per autoship, so a receipt link cannot fill the customer's mailbox. */
const newLinkLimit = { limit: 3, windowMs: 60 * 60_000 };

/**
 * The card for this order's customer's autoship: with the demo, the card typed
 * into the form, saved now; with a provider that saves cards on its own page
 * (Stripe), the card saved there before, named by the form and checked to be
 * this order's customer's.
 */
async function saveCard(
  db: Database,
  orderId: number,
  formData: FormData,
  at: Date,
): Promise<{ ok: true; methodId: number } | { ok: false; result: FormResult<CardField> }> {
  const options = await getCheckoutOptions();
  if (options.provider === null) return { ok: false, result: { ok: false, message: noProviderMessage } };
  if (options.provider === "demo") return saveDemoCardFromForm(db, { orderId }, formData, at);
  const id = subscriptionIdSchema.safeParse(formData.get("paymentMethodId"));
  const [card] = id.success
    ? await queryRows<{ id: number }>(
        db,
        sql`select id from payment_methods where id = ${id.data} and order_id = ${orderId} and provider = ${options.provider} and removed_at is null`,
      )
    : [];
  if (!card) return { ok: false, result: { ok: false, message: "Save a card with Stripe first: it is the card your autoship is charged to." } };
  return { ok: true, methodId: card.id };
}

const cardSaveKeySchema = z.uuid();

/**
 * Sends the customer to the provider's page (Stripe) to save a card for their
 * autoship; they come back to `back`, which records it
 * (lib/data/customer-autoship.ts finishCustomerCardSave).
 */
async function saveCardWithProvider(owner: { orderId: number; subscriptionId: number | null }, back: string, formData: FormData): Promise<FormResult> {
  const key = cardSaveKeySchema.safeParse(formData.get("cardSaveKey"));
  if (!key.success) return { ok: false, message: "This form has expired. Reload the page." };
  const db = await getDb();
  const [order] = await queryRows<{ name: string | null; email: string | null }>(
    db,
    sql`select customer_name as name, customer_email as email from orders where id = ${owner.orderId}`,
  );
  if (!order?.email) return { ok: false, message: "This order has no email address to save a card for." };
  return openCardSavePage(
    db,
    { orderId: owner.orderId, email: order.email, name: order.name ?? "", subscriptionId: owner.subscriptionId, idempotencyKey: key.data },
    back,
  );
}

/** From a paid order's receipt, before starting its autoship: save the card on the provider's page. */
export async function customerSaveCardFromReceipt(receiptToken: string, _prev: FormResult, formData: FormData): Promise<FormResult> {
  const db = await getDb();
  const orderId = await orderOfReceiptToken(db, receiptToken);
  const origin = orderId === null ? null : await customerOrigin(db, orderId);
  if (!origin?.startable || origin.subscriptionId !== null) return { ok: false, message: "Autoship starts from a paid order without one. Reload the page." };
  return saveCardWithProvider({ orderId: origin.orderId, subscriptionId: null }, receiptPath(receiptToken), formData);
}

/** From the manage page: save another card on the provider's page; the autoship is switched to it once saved. */
export async function customerSaveCardWithProvider(token: string, _prev: FormResult, formData: FormData): Promise<FormResult> {
  const db = await getDb();
  const named = await subscriptionOfManageToken(db, token);
  if (!named) return { ok: false, message: expiredLink };
  return saveCardWithProvider({ orderId: named.sourceOrderId, subscriptionId: named.subscriptionId }, managePath(token), formData);
}

/** From a paid order's receipt: the same order every month, on a day and a card the customer chooses. Nothing is charged now. */
export async function startCustomerAutoship(
  receiptToken: string,
  _prev: FormResult<CardField | "dayOfMonth">,
  formData: FormData,
): Promise<FormResult<CardField | "dayOfMonth">> {
  const db = await getDb();
  const orderId = await orderOfReceiptToken(db, receiptToken);
  if (orderId === null) return { ok: false, message: "This receipt link does not work." };
  const day = dayOfMonthSchema.safeParse(formData.get("dayOfMonth"));
  const values = { dayOfMonth: formText(formData, "dayOfMonth"), cardExpiry: formText(formData, "cardExpiry") };
  if (!day.success) return { ok: false, values, fieldErrors: { dayOfMonth: day.error.issues[0]?.message }, message: "Check the highlighted fields." };
  const origin = await customerOrigin(db, orderId);
  if (!origin?.startable) return { ok: false, message: "Autoship starts from a paid order of a shop that still takes orders." };
  if (origin.subscriptionId !== null) return { ok: false, message: "This order already has an autoship: use the link we emailed you, or ask for a new one." };
  const at = now();
  const card = await saveCard(db, orderId, formData, at);
  if (!card.ok) return { ...card.result, values: { ...values, ...card.result.values } };
  let started;
  try {
    started = await createCustomerSubscription(db, { orderId, dayOfMonth: day.data, methodId: card.methodId, at });
  } catch (error) {
    // A card typed into this form and saved for it goes with the refused autoship.
    if (error instanceof AutoshipError) await forgetUnusedCard(db, card.methodId);
    return { ...autoshipRefusal<CardField | "dayOfMonth">(error), values };
  }
  redirect(`${managePath(signManageToken(authSecret(), started.subscriptionId, started.version))}?started=1`);
}

/** From the receipt of the order an autoship started from: a new manage link by email (earlier links stop working). */
export async function emailManageLinkFromReceipt(receiptToken: string): Promise<FormResult> {
  const db = await getDb();
  const orderId = await orderOfReceiptToken(db, receiptToken);
  const origin = orderId === null ? null : await customerOrigin(db, orderId);
  if (!origin || origin.subscriptionId === null) return { ok: false, message: "This order has no autoship." };
  return newLink(db, { subscriptionId: origin.subscriptionId, sourceOrderId: origin.orderId });
}

async function newLink(db: Database, owner: { subscriptionId: number; sourceOrderId: number }): Promise<FormResult> {
  const at = now();
  const { allowed } = await consumeRateLimit(db, `autoship-link:${owner.subscriptionId}`, newLinkLimit, at);
  if (!allowed) return { ok: false, message: "We sent several links in the last hour: check your inbox (and spam folder) before asking again." };
  try {
    await sendNewManageLink(db, { ...owner, at });
  } catch (error) {
    return autoshipRefusal(error);
  }
  return { ok: true, message: "We emailed you a new link to your autoship. Links sent before no longer work." };
}

/** Runs one change on the autoship the manage link names (checked again on every submit). */
async function change<F extends string>(
  token: string,
  run: (db: Database, owner: AutoshipOwner & { subscriptionId: number; at: Date }) => Promise<string>,
): Promise<FormResult<F>> {
  const db = await getDb();
  const named = await subscriptionOfManageToken(db, token);
  if (!named) return { ok: false, message: expiredLink };
  try {
    const message = await run(db, { sourceOrderId: named.sourceOrderId, subscriptionId: named.subscriptionId, at: now() });
    revalidatePath(managePath(token));
    return { ok: true, message };
  } catch (error) {
    return autoshipRefusal(error);
  }
}

export async function customerChangeItems(token: string, _prev: FormResult<"items">, formData: FormData): Promise<FormResult<"items">> {
  const items = parseAutoshipItems(formData);
  if (!items.ok) return { ok: false, fieldErrors: { items: items.message }, message: items.message };
  return change(token, async (db, owner) => {
    await changeItems(db, { ...owner, items: items.items });
    return "Items saved: they apply from the next order.";
  });
}

export async function customerChangeDay(token: string, _prev: FormResult<"dayOfMonth">, formData: FormData): Promise<FormResult<"dayOfMonth">> {
  const day = dayOfMonthSchema.safeParse(formData.get("dayOfMonth"));
  if (!day.success) return { ok: false, fieldErrors: { dayOfMonth: day.error.issues[0]?.message }, message: "Check the day." };
  return change(token, async (db, owner) => {
    const next = await changeDay(db, { ...owner, dayOfMonth: day.data });
    return `Day saved: the next order is on ${formatRunDate(next)}.`;
  });
}

export async function customerChangeAddress(token: string, _prev: FormResult<AddressField>, formData: FormData): Promise<FormResult<AddressField>> {
  const values = addressValues(formData);
  const options = await getCheckoutOptions();
  const shipping = parseShippingAddress(values, new Set(options.shipping.map((s) => s.country)));
  if (!shipping.ok) return { ok: false, values, fieldErrors: shipping.fieldErrors, message: "Check the shipping address." };
  const result = await change<AddressField>(token, async (db, owner) => {
    await changeAddress(db, { ...owner, address: shipping.address });
    return "Address saved: the next order ships there.";
  });
  return result.ok ? result : { ...result, values };
}

export async function customerChangeCard(token: string, _prev: FormResult<CardField>, formData: FormData): Promise<FormResult<CardField>> {
  const db = await getDb();
  const named = await subscriptionOfManageToken(db, token);
  if (!named) return { ok: false, message: expiredLink };
  const at = now();
  const card = await saveCard(db, named.sourceOrderId, formData, at);
  if (!card.ok) return card.result;
  try {
    const done = await changeCard(db, { sourceOrderId: named.sourceOrderId, subscriptionId: named.subscriptionId, methodId: card.methodId, at });
    revalidatePath(managePath(token));
    return { ok: true, message: describeCardChange(done) };
  } catch (error) {
    if (error instanceof AutoshipError) await forgetUnusedCard(db, card.methodId);
    return autoshipRefusal(error);
  }
}

export async function customerSkip(token: string): Promise<FormResult> {
  return change(token, async (db, owner) => {
    const done = await skipNextRun(db, owner);
    return `The ${formatRunDate(done.skipped)} order is skipped. The next one is on ${formatRunDate(done.nextRunOn)}.`;
  });
}

export async function customerPause(token: string): Promise<FormResult> {
  return change(token, async (db, owner) => {
    await pauseSubscription(db, owner);
    return "Autoship is paused: nothing is ordered until you resume it.";
  });
}

export async function customerResume(token: string): Promise<FormResult> {
  return change(token, async (db, owner) => {
    const next = await resumeSubscription(db, owner);
    return `Autoship is on again: the next order is on ${formatRunDate(next)}.`;
  });
}

export async function customerCancel(token: string): Promise<FormResult> {
  return change(token, async (db, owner) => {
    await cancelSubscription(db, owner);
    return "Autoship is cancelled. Nothing more will be charged.";
  });
}

/** From the manage page: a new link by email, and this one stops working (a link that was forwarded or left open). */
export async function customerNewLink(token: string): Promise<FormResult> {
  const db = await getDb();
  const named = await subscriptionOfManageToken(db, token);
  if (!named) return { ok: false, message: expiredLink };
  return newLink(db, named);
}
