import { changeEmailEmail } from "./change-email";
import { digestEmail } from "./digest";
import { emailInUse } from "./email-in-use";
import { notificationEmail } from "./notification";
import { resetPasswordEmail } from "./reset-password";
import { orderReceiptEmail } from "./order-receipt";
import { testEmail } from "./test-email";
import type { MailTemplate } from "./types";
import { verifyEmail } from "./verify-email";

// Every email the portal can send, by name (the name is stored with each queued message).
export const templates = {
  notification: notificationEmail,
  reset_password: resetPasswordEmail,
  change_email: changeEmailEmail,
  "order-receipt": orderReceiptEmail,
  digest: digestEmail,
  testEmail,
  verify_email: verifyEmail,
  email_in_use: emailInUse,
};

export type TemplateName = keyof typeof templates;
export type TemplateData<K extends TemplateName> = (typeof templates)[K] extends MailTemplate<infer D> ? D : never;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}
