import { z } from "zod";

// The autoship forms' own fields (the address and the demo card are checked by
// lib/validation/address.ts and lib/payments/demo.ts).

/** Quantities as the items form posts them: qty-<productId>=N; zero or empty lines are dropped. */
export function parseAutoshipItems(formData: FormData): { ok: true; items: { productId: number; quantity: number }[] } | { ok: false; message: string } {
  const items: { productId: number; quantity: number }[] = [];
  for (const [key, raw] of formData.entries()) {
    const match = /^qty-([1-9][0-9]{0,8})$/.exec(key);
    if (!match) continue;
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "" || text === "0") continue;
    if (!/^[0-9]{1,2}$/.test(text)) return { ok: false, message: "Quantities must be whole numbers from 0 to 99." };
    items.push({ productId: Number(match[1]), quantity: Number(text) });
  }
  if (items.length === 0) return { ok: false, message: "Choose at least one product: set its quantity to 1 or more." };
  if (items.length > 50) return { ok: false, message: "An autoship holds at most 50 different products." };
  return { ok: true, items };
}

export const dayOfMonthSchema = z.coerce
  .number({ error: "Choose a day of the month from 1 to 28." })
  .int({ error: "Choose a day of the month from 1 to 28." })
  .min(1, { error: "Choose a day of the month from 1 to 28." })
  .max(28, { error: "Choose a day of the month from 1 to 28." });

export const subscriptionIdSchema = z.coerce.number().int().positive().max(999_999_999);
