import { z } from "zod";
import { confirmedField, idField, parseId, textField } from "./input";

/** The orders ticked on a buyback form (orderId, repeated): at most 100, every one an id. */
export const buybackOrderIdsField = z
  .array(z.unknown())
  .max(100, { error: "Return at most 100 orders at once." })
  .transform((values, ctx) => {
    const ids = values.map(parseId);
    if (ids.length === 0 || ids.some((id) => id === null)) {
      ctx.addIssue({ code: "custom", message: "Choose at least one order to return." });
      return z.NEVER;
    }
    return ids.filter((id): id is number => id !== null);
  });

export const memberBuybackSchema = z.object({ orderIds: buybackOrderIdsField, confirm: confirmedField() });
export const adminBuybackSchema = memberBuybackSchema.extend({ distributorId: idField("This distributor does not exist.") });
export const approveBuybackSchema = z.object({ requestId: idField("This buyback request does not exist."), confirm: confirmedField() });
export const rejectBuybackSchema = approveBuybackSchema.extend({
  reason: textField("Say why the request is declined.")
    .min(1, { error: "Say why the request is declined." })
    .max(200, { error: "Use at most 200 characters." }),
});

/** The first message of a refused parse, the confirmation's first (nothing else matters when it was skipped). */
export function buybackFormMessage(error: z.ZodError, fallback: string): string {
  const issue = error.issues.find((i) => i.path[0] === "confirm") ?? error.issues[0];
  return issue?.message ?? fallback;
}
