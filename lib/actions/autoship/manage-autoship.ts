"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb, type Database } from "@/db/client";
import { formatRunDate } from "@/lib/autoship/cycle";
import {
  AutoshipError,
  cancelSubscription,
  changeAddress,
  changeCard,
  changeDay,
  changeItems,
  checkNoSubscription,
  checkOwnSubscription,
  checkSavedCard,
  createSubscription,
  forgetUnusedCard,
  describeCardChange,
  pauseSubscription,
  resumeSubscription,
  skipNextRun,
} from "@/lib/autoship/manage";
import { now } from "@/lib/clock";
import { getCheckoutOptions } from "@/lib/data/shop";
import { noProviderMessage } from "@/lib/payments/config";
import { addressValues, parseShippingAddress, type AddressField } from "@/lib/validation/address";
import { dayOfMonthSchema, parseAutoshipItems, subscriptionIdSchema } from "@/lib/validation/autoship";
import type { FormResult } from "../result";
import { autoshipRefusal, formText, saveDemoCardFromForm, type CardField } from "./form";
import { autoshipMember } from "./member";

// The member's autoship forms (app/(portal)/dashboard/autoship). Each checks
// the session here; lib/autoship/manage.ts changes only the member's own
// subscription (ownership is part of its SQL).

export type { CardField };
export type StartField = AddressField | CardField | "dayOfMonth" | "items";

const page = "/dashboard/autoship";

const member = autoshipMember;

/**
 * The card a new autoship is charged to: with the demo, the card typed into
 * the form, saved now (a refusal names the field at fault); with a provider
 * that saves cards on its own page (Stripe), the card the member saved there
 * before, named by the form and checked to be theirs.
 */
async function saveCardFrom(
  db: Database,
  distributorId: number,
  formData: FormData,
  at: Date,
): Promise<{ ok: true; methodId: number } | { ok: false; result: FormResult<CardField> }> {
  const options = await getCheckoutOptions();
  if (options.provider === null) return { ok: false, result: { ok: false, message: noProviderMessage } };
  if (options.provider !== "demo") {
    const id = subscriptionIdSchema.safeParse(formData.get("paymentMethodId"));
    if (!id.success) return { ok: false, result: { ok: false, message: "Save a card with Stripe first: it is the card your autoship is charged to." } };
    try {
      await checkSavedCard(db, { distributorId, methodId: id.data, provider: options.provider });
    } catch (error) {
      return { ok: false, result: autoshipRefusal(error) };
    }
    return { ok: true, methodId: id.data };
  }
  return saveDemoCardFromForm(db, { distributorId }, formData, at);
}

/** Starts the member's autoship: items, day, shipping address and a card saved for it. Nothing is charged now. */
export async function startAutoship(_prev: FormResult<StartField>, formData: FormData): Promise<FormResult<StartField>> {
  const who = await member();
  const address = addressValues(formData);
  const values: Partial<Record<StartField, string>> = {
    ...address,
    dayOfMonth: formText(formData, "dayOfMonth"),
    cardExpiry: formText(formData, "cardExpiry"),
  };
  if ("message" in who) return { ok: false, values, message: who.message };
  const items = parseAutoshipItems(formData);
  const day = dayOfMonthSchema.safeParse(formData.get("dayOfMonth"));
  const options = await getCheckoutOptions();
  const shipping = parseShippingAddress(address, new Set(options.shipping.map((s) => s.country)));
  const fieldErrors: Partial<Record<StartField, string>> = shipping.ok ? {} : { ...shipping.fieldErrors };
  if (!items.ok) fieldErrors.items = items.message;
  if (!day.success) fieldErrors.dayOfMonth = day.error.issues[0]?.message ?? "Choose a day of the month from 1 to 28.";
  if (!items.ok || !day.success || !shipping.ok) return { ok: false, values, fieldErrors, message: "Check the highlighted fields." };
  const db = await getDb();
  const at = now();
  try {
    await checkNoSubscription(db, who.distributorId);
  } catch (error) {
    return autoshipRefusal(error, values);
  }
  const card = await saveCardFrom(db, who.distributorId, formData, at);
  if (!card.ok) return { ...card.result, values: { ...values, ...card.result.values } };
  try {
    await createSubscription(db, {
      distributorId: who.distributorId,
      items: items.items,
      dayOfMonth: day.data,
      address: shipping.address,
      methodId: card.methodId,
      at,
    });
  } catch (error) {
    // A card typed into this form and saved for it goes with the refused autoship.
    if (error instanceof AutoshipError) await forgetUnusedCard(db, card.methodId);
    return autoshipRefusal(error, values);
  }
  revalidatePath(page);
  redirect(`${page}?started=1`);
}

/** Runs one change on the member's own subscription (its id comes from the form: ownership is checked again below). */
async function change<F extends string>(
  formData: FormData,
  run: (db: Database, owner: { distributorId: number; subscriptionId: number; at: Date }) => Promise<string>,
): Promise<FormResult<F>> {
  const who = await member();
  if ("message" in who) return { ok: false, message: who.message };
  const id = subscriptionIdSchema.safeParse(formData.get("subscriptionId"));
  if (!id.success) return { ok: false, message: "This form has expired. Reload the page." };
  try {
    const message = await run(await getDb(), { distributorId: who.distributorId, subscriptionId: id.data, at: now() });
    revalidatePath(page);
    return { ok: true, message };
  } catch (error) {
    return autoshipRefusal(error);
  }
}

export async function changeAutoshipItems(_prev: FormResult<"items">, formData: FormData): Promise<FormResult<"items">> {
  const items = parseAutoshipItems(formData);
  if (!items.ok) return { ok: false, fieldErrors: { items: items.message }, message: items.message };
  return change(formData, async (db, owner) => {
    await changeItems(db, { ...owner, items: items.items });
    return "Items saved: they apply from the next run.";
  });
}

export async function changeAutoshipDay(_prev: FormResult<"dayOfMonth">, formData: FormData): Promise<FormResult<"dayOfMonth">> {
  const day = dayOfMonthSchema.safeParse(formData.get("dayOfMonth"));
  if (!day.success) return { ok: false, fieldErrors: { dayOfMonth: day.error.issues[0]?.message }, message: "Check the day." };
  return change(formData, async (db, owner) => {
    const next = await changeDay(db, { ...owner, dayOfMonth: day.data });
    return `Day saved: the next run is on ${formatRunDate(next)}.`;
  });
}

export async function changeAutoshipAddress(_prev: FormResult<AddressField>, formData: FormData): Promise<FormResult<AddressField>> {
  const values = addressValues(formData);
  const options = await getCheckoutOptions();
  const shipping = parseShippingAddress(values, new Set(options.shipping.map((s) => s.country)));
  if (!shipping.ok) return { ok: false, values, fieldErrors: shipping.fieldErrors, message: "Check the shipping address." };
  const result = await change<AddressField>(formData, async (db, owner) => {
    await changeAddress(db, { ...owner, address: shipping.address });
    return "Address saved: the next run ships there.";
  });
  return result.ok ? result : { ...result, values };
}

export async function changeAutoshipCard(_prev: FormResult<CardField>, formData: FormData): Promise<FormResult<CardField>> {
  const who = await member();
  if ("message" in who) return { ok: false, message: who.message };
  const id = subscriptionIdSchema.safeParse(formData.get("subscriptionId"));
  if (!id.success) return { ok: false, message: "This form has expired. Reload the page." };
  const db = await getDb();
  const at = now();
  try {
    await checkOwnSubscription(db, { distributorId: who.distributorId }, id.data);
  } catch (error) {
    return autoshipRefusal(error);
  }
  const card = await saveCardFrom(db, who.distributorId, formData, at);
  if (!card.ok) return card.result;
  try {
    const done = await changeCard(db, { distributorId: who.distributorId, subscriptionId: id.data, methodId: card.methodId, at });
    revalidatePath(page);
    return { ok: true, message: describeCardChange(done) };
  } catch (error) {
    return autoshipRefusal(error);
  }
}

export async function skipAutoshipRun(_prev: FormResult, formData: FormData): Promise<FormResult> {
  return change(formData, async (db, owner) => {
    const done = await skipNextRun(db, owner);
    return `The ${formatRunDate(done.skipped)} run is skipped. The next run is on ${formatRunDate(done.nextRunOn)}.`;
  });
}

export async function pauseAutoship(_prev: FormResult, formData: FormData): Promise<FormResult> {
  return change(formData, async (db, owner) => {
    await pauseSubscription(db, owner);
    return "Autoship is paused: nothing runs until you resume it.";
  });
}

export async function resumeAutoship(_prev: FormResult, formData: FormData): Promise<FormResult> {
  return change(formData, async (db, owner) => {
    const next = await resumeSubscription(db, owner);
    return `Autoship is on again: the next run is on ${formatRunDate(next)}.`;
  });
}

export async function cancelAutoship(_prev: FormResult, formData: FormData): Promise<FormResult> {
  return change(formData, async (db, owner) => {
    await cancelSubscription(db, owner);
    return "Autoship is cancelled. Nothing more will be charged.";
  });
}
