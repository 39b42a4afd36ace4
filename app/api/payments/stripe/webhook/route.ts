import { getDb } from "@/db/client";
import { now } from "@/lib/clock";
import { handleStripeWebhook, type WebhookAnswer } from "@/lib/payments/stripe-webhook";

/**
 * Stripe's webhook endpoint (docs/payments.md lists the events to enable). No
 * session: the Stripe-Signature header over the raw body is the
 * authentication, checked by handleStripeWebhook before anything is read or
 * written. Answers JSON, never an error's message or stack.
 */
export async function POST(request: Request): Promise<Response> {
  const at = now();
  let result: WebhookAnswer;
  try {
    const rawBody = await request.text();
    result = await handleStripeWebhook(await getDb(), rawBody, request.headers.get("stripe-signature"), at);
  } catch (error) {
    // The database could not be opened (or the body read): Stripe delivers the event again later.
    console.error("[lineage] Stripe webhook failed before the event could be handled", error);
    result = { status: 500, body: JSON.stringify({ error: "The event could not be processed now." }) };
  }
  return new Response(result.body, { status: result.status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}
