import { z } from "zod";
import { ACCOUNT_TOKEN_PATTERN } from "@/lib/accounts/tokens";
import { idField } from "./input";

/** The verification form posts back the token from its link. */
export const verifyEmailSchema = z.object({ token: z.string().regex(ACCOUNT_TOKEN_PATTERN) });

/** An admin verifies a signup by hand: it places the member in the tree, so the form must be confirmed. */
export const verifySignupSchema = z.object({
  userId: idField("Choose a signup from the list."),
  confirm: z.literal("on", { error: "Tick the box to confirm: the member is placed in the team." }),
});
