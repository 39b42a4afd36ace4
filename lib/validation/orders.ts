import { z } from "zod";
import { textField } from "./input";

/** The confirm form: items as "productId:quantity" pairs, and the key that makes a resubmission harmless. */
export const placeOrderSchema = z.object({
  items: z
    .array(z.string().regex(/^\d{1,9}:\d{1,2}$/, { error: "The cart is malformed." }))
    .min(1, { error: "Your cart is empty." })
    .max(50, { error: "Too many products in one order." })
    .transform((pairs) => pairs.map((p) => p.split(":").map(Number) as [number, number]))
    .pipe(z.array(z.tuple([z.number().int().positive(), z.number().int().min(1).max(99, { error: "At most 99 of one product." })]))),
  idempotencyKey: z.uuid({ error: "This order form has expired. Reload the page and try again." }),
});

export const customerSchema = z.object({
  customerName: textField("Enter your name.").min(1, { error: "Enter your name." }).max(80, { error: "Use at most 80 characters." }),
  customerEmail: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address." })),
});

/**
 * Quantities from the shop's GET form (qty-<productId>=N): zero or empty
 * lines are dropped; anything else must be a whole number 0..99.
 */
export function parseCartQuery(params: Record<string, string | string[] | undefined>): { items: { productId: number; quantity: number }[]; error?: string } {
  const items: { productId: number; quantity: number }[] = [];
  for (const [key, raw] of Object.entries(params)) {
    const match = /^qty-(\d{1,9})$/.exec(key);
    if (!match) continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === "" || value.trim() === "0") continue;
    if (!/^\d{1,2}$/.test(value.trim())) return { items: [], error: "Quantities must be whole numbers from 0 to 99." };
    items.push({ productId: Number(match[1]), quantity: Number(value.trim()) });
  }
  return { items };
}
