import { z } from "zod";
import { BRAND_WORD_MIN_LENGTH } from "@/lib/referrals/reserved";
import { textField } from "./input";

// The reserved words form of /admin/referrals. A reserved word is refused as
// a hyphen-separated part of a code, so it is written like one ("vip",
// "head-office"); a brand word is refused anywhere in a code, hyphens ignored,
// so it is letters and digits only ("greenleaf"). The bounds are the
// database's own checks (db/schema/referrals.ts), so a valid form always saves.

export const reservedWordFields = ["word", "kind"] as const;
export type ReservedWordField = (typeof reservedWordFields)[number];

const kindMessage = "Choose a reserved word or a brand word.";
const wordMessage = "Use 2 to 32 letters and digits, with single hyphens between parts (like vip or head-office).";
const brandMessage = `Use ${BRAND_WORD_MIN_LENGTH} to 32 letters and digits (spaces and hyphens are dropped). A shorter word would refuse too many codes: add it as a reserved word.`;

/** Adding a word: spaces in a reserved word become hyphens ("head office" -> "head-office"); a brand word loses them ("Green Leaf" -> "greenleaf"). */
export const reservedWordSchema = z
  .object({
    word: textField("Enter a word.").max(64, { error: wordMessage }),
    kind: z.enum(["word", "brand"], { error: kindMessage }),
  })
  .transform((v, ctx) => {
    const lower = v.word.toLowerCase();
    if (v.kind === "brand") {
      const word = lower.replace(/[\s-]+/g, "");
      if (!new RegExp(`^[a-z0-9]{${BRAND_WORD_MIN_LENGTH},32}$`).test(word)) {
        ctx.addIssue({ code: "custom", path: ["word"], message: brandMessage });
        return z.NEVER;
      }
      return { word, kind: v.kind };
    }
    const word = lower.replace(/\s+/g, "-");
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(word) || word.length < 2 || word.length > 32) {
      ctx.addIssue({ code: "custom", path: ["word"], message: wordMessage });
      return z.NEVER;
    }
    return { word, kind: v.kind };
  });

/** Removing a word: new codes may use it again, so the form must be confirmed. */
export const removeReservedWordSchema = z.object({
  word: z
    .string({ error: "Choose a word from the list." })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "Choose a word from the list." })
    .max(32),
  confirm: z.literal("on", { error: "Tick the box to confirm: new codes may use this word again." }),
});
