"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { AutoshipError, checkNoSubscription, checkOwnSubscription } from "@/lib/autoship/manage";
import { subscriptionIdSchema } from "@/lib/validation/autoship";
import type { FormResult } from "../result";
import { openCardSavePage } from "./form";
import { autoshipMember } from "./member";

const keySchema = z.uuid();
const page = "/dashboard/autoship";

/**
 * Sends the member to their payment provider's page to save a card for
 * autoship (Stripe: a Checkout Session in setup mode). With `subscriptionId`,
 * for their running autoship (it switches to the card once saved); without,
 * for the one they are about to start. They come back to the autoship page,
 * which records the card (lib/data/autoship.ts finishMyCardSave).
 */
export async function saveAutoshipCardWithProvider(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const who = await autoshipMember();
  if ("message" in who) return { ok: false, message: who.message };
  const key = keySchema.safeParse(formData.get("cardSaveKey"));
  if (!key.success) return { ok: false, message: "This form has expired. Reload the page." };
  const db = await getDb();
  let subscriptionId: number | null = null;
  try {
    if (formData.has("subscriptionId")) {
      const id = subscriptionIdSchema.safeParse(formData.get("subscriptionId"));
      if (!id.success) return { ok: false, message: "This form has expired. Reload the page." };
      await checkOwnSubscription(db, { distributorId: who.distributorId }, id.data);
      subscriptionId = id.data;
    } else {
      await checkNoSubscription(db, who.distributorId);
    }
  } catch (error) {
    if (error instanceof AutoshipError) return { ok: false, message: error.message };
    throw error;
  }
  return openCardSavePage(db, { distributorId: who.distributorId, email: who.email, name: who.name, subscriptionId, idempotencyKey: key.data }, page);
}
