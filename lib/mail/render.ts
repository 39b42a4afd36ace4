import { render } from "@react-email/components";
import { createElement } from "react";
import type { Brand } from "./brand";
import { isTemplateName, templates, type TemplateName } from "./templates";
import type { MailTemplate } from "./templates/types";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders a stored message: HTML and its plain-text part from the same
 * component. Runs in the mail worker (and tests), never in a request's React
 * Server Components, where react-dom/server is not available.
 */
export async function renderEmail(template: string, data: unknown, brand: Brand, unsubscribeUrl?: string): Promise<RenderedEmail> {
  if (!isTemplateName(template)) throw new Error(`unknown email template "${template}"`);
  // The data was typed for this template when it was queued (queueEmail).
  const t = templates[template as TemplateName] as MailTemplate<unknown>;
  const element = createElement(t.Body, { data, brand, unsubscribeUrl });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: t.subject(data, brand), html, text };
}
