import { z } from "zod";
import { signUpSchema } from "./referrals";

// The forms of password reset and account settings. A new password follows the
// signup rules; an email, the signup's normalisation (trimmed, lowercased).

const email = signUpSchema.shape.email;
const newPassword = signUpSchema.shape.password;
const currentPassword = z.string({ error: "Enter your current password." }).min(1, { error: "Enter your current password." }).max(200);
const confirmMessage = "The two passwords do not match. Type the same new password twice.";

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password: newPassword, confirm: z.string().max(200).optional() })
  .refine((v) => v.password === v.confirm, { error: confirmMessage, path: ["confirm"] });

export const changePasswordSchema = z
  .object({ current: currentPassword, password: newPassword, confirm: z.string().max(200).optional() })
  .refine((v) => v.password === v.confirm, { error: confirmMessage, path: ["confirm"] });

export const changeEmailSchema = z.object({ current: currentPassword, email });

/** The named string fields of a form, and only those, for a schema. */
export function formFields<F extends string>(formData: FormData, fields: readonly F[]): Record<F, string | undefined> {
  const out = {} as Record<F, string | undefined>;
  for (const name of fields) {
    const value = formData.get(name);
    out[name] = typeof value === "string" ? value : undefined;
  }
  return out;
}
