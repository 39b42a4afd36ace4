import { z } from "zod";
import { countryCodes } from "@/lib/countries";
import { normalizeReferralCode } from "@/lib/referral-code";
import { textField } from "./input";

export const signUpFields = ["name", "email", "password", "country", "agreement"] as const;
export type SignUpField = (typeof signUpFields)[number];

/** The public signup form. The sponsor is not a field: it comes from the link, on the server. */
export const signUpSchema = z.object({
  name: textField("Enter your name.").min(1, { error: "Enter your name." }).max(80, { error: "Use at most 80 characters." }),
  email: z
    .string({ error: "Enter a valid email address." })
    .trim()
    .toLowerCase()
    .max(254, { error: "Enter a valid email address." })
    .pipe(z.email({ error: "Enter a valid email address." })),
  password: z
    .string({ error: "Choose a password of at least 10 characters." })
    .min(10, { error: "Choose a password of at least 10 characters." })
    .max(200, { error: "Use at most 200 characters." }),
  country: z.enum(countryCodes, { error: "Choose your country." }),
  // An unchecked checkbox is simply absent from the form data.
  agreement: z.literal("on", { error: "Accept the distributor agreement to join." }),
});

/** Reads the form's fields (and only those) into a plain object for the schema. */
export function signUpFormValues(formData: FormData): Record<SignUpField, unknown> {
  const get = (name: SignUpField) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return { name: get("name"), email: get("email"), password: get("password"), country: get("country"), agreement: get("agreement") };
}

export const referralCodeFormatMessage = "Use 3 to 32 letters, digits and hyphens, starting and ending with a letter or digit.";

/** A new referral code typed by its owner: trimmed, lowercased, in the shared pattern. */
export const referralCodeSchema = z.object({
  code: z
    .string({ error: referralCodeFormatMessage })
    .max(64, { error: referralCodeFormatMessage })
    .transform((value, ctx) => {
      const code = normalizeReferralCode(value);
      if (code === null) {
        ctx.addIssue({ code: "custom", message: referralCodeFormatMessage });
        return z.NEVER;
      }
      return code;
    }),
});
