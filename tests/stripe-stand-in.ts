import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { env } from "@/lib/env";

// A local HTTP server that plays the part of Stripe's API for what the Stripe
// adapter calls (lib/payments/stripe.ts), so a real SDK client makes its
// requests over HTTP in the tests: POST /v1/checkout/sessions (payment and
// setup mode), GET /v1/checkout/sessions/:id, POST
// /v1/checkout/sessions/:id/expire, POST /v1/refunds, GET /v1/refunds, POST
// /v1/customers, GET /v1/setup_intents/:id (expanding its payment_method), GET
// /v1/payment_methods/:id and POST /v1/payment_intents (off-session,
// confirmed at once: Stripe's card errors for a declining card). Bodies are
// form-encoded as the SDK sends them; idempotency keys replay the first answer
// (a card error included), as Stripe's do. Every request is recorded, and an
// answer can be made to fail. The buyer's side (paying, a delayed method
// settling, saving a card, a refund in the dashboard) and signed webhook events
// are test helpers.

export const standInSecretKey = "sk_test_lineage_stand_in";
export const standInWebhookSecret = "whsec_lineage_stand_in_secret";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The form body, parsed into nested objects and arrays (values stay strings, as sent). */
  body: Record<string, unknown>;
  idempotencyKey: string | undefined;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  error: { type: string; code?: string; message: string };
  times: number;
}

type Json = Record<string, unknown>;

/** What a saved card does when charged off-session: Stripe's test cards' behaviours. */
export type CardBehaviour = "succeeds" | "card_declined" | "insufficient_funds" | "authentication_required";

/** Stripe's test card numbers and what they do once saved (the stand-in's card form). */
export const standInCards: Record<string, CardBehaviour> = {
  "4242424242424242": "succeeds",
  // Attaches to a customer, but charges are declined.
  "4000000000000341": "card_declined",
  "4000000000009995": "insufficient_funds",
  // Always asks for authentication, even off-session.
  "4000002760003184": "authentication_required",
};

interface StandInPaymentMethod {
  id: string;
  customer: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  behaviour: CardBehaviour;
}

const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

/** Parses a form body the way Stripe reads it: `a[b][0][c]=v` into { a: { b: [{ c: "v" }] } }. */
export function parseForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = [key.replace(/\[.*$/, ""), ...[...key.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]!);
      const slot = node as Record<string, unknown>;
      if (last) slot[part] = value;
      else node = (slot[part] ??= nextIsIndex ? [] : {}) as Record<string, unknown> | unknown[];
    });
  }
  return root;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: { type: string; code?: string; message: string; param?: string; decline_code?: string; payment_intent?: Json },
  ) {
    super(error.message);
  }
}

export class StripeStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, Json>();
  readonly paymentIntents = new Map<string, { id: string; amount: number; currency: string; charge: string; refunded: number; orderId: string | null }>();
  readonly refunds: Json[] = [];
  readonly customers = new Map<string, Json>();
  readonly setupIntents = new Map<string, { id: string; customer: string; payment_method: string | null; status: string; metadata: unknown }>();
  readonly paymentMethods = new Map<string, StandInPaymentMethod>();
  /** Every off-session PaymentIntent made (succeeded or declined), with the parameters it was made with. */
  readonly offSessionIntents: Json[] = [];
  /** Stripe's clock, for the sessions' allowed expiry window: the tests' `at`. */
  clock: () => Date = () => new Date();
  /** Added to each new session's amount_total (to try the adapter's check of the total). */
  amountSkew = 0;
  private failures: Failure[] = [];
  private replays = new Map<string, { request: string; status: number; body: unknown }>();
  private server: http.Server | null = null;
  url = "";

  /** A real SDK client on this stand-in, as the adapter makes one (lib/payments/stripe.ts). */
  readonly sdk = new Stripe(standInSecretKey);

  async listen(): Promise<this> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Makes the next `times` requests matching method and path answer this error. */
  fail(method: string, path: RegExp, status: number, error: Failure["error"], times = 1): void {
    this.failures.push({ method, path, status, error, times });
  }

  /** Stripe forgets an idempotency key 24 hours after its first use: a request with it is then made anew. */
  forgetIdempotencyKeys(): void {
    this.replays.clear();
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = req.method ?? "GET";
    const idempotencyKey = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : undefined;
    const record: RecordedRequest = { method, path: url.pathname, query: url.searchParams, body: parseForm(text), idempotencyKey };
    this.requests.push(record);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json", "Request-Id": newId("req"), ...(status >= 500 ? { "Stripe-Should-Retry": "false" } : {}) });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.headers.authorization !== `Bearer ${standInSecretKey}`) {
        throw new ApiError(401, { type: "invalid_request_error", message: "Invalid API Key provided." });
      }
      const failure = this.failures.find((f) => f.method === method && f.path.test(url.pathname) && f.times > 0);
      if (failure) {
        failure.times--;
        throw new ApiError(failure.status, failure.error);
      }
      const fingerprint = `${method} ${url.pathname} ${text}`;
      if (idempotencyKey && method === "POST") {
        const previous = this.replays.get(idempotencyKey);
        if (previous) {
          if (previous.request !== fingerprint) {
            throw new ApiError(400, {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            });
          }
          send(previous.status, previous.body);
          return;
        }
      }
      let status = 200;
      let body: unknown;
      try {
        body = this.route(method, url, record.body);
      } catch (error) {
        // A card error is an answer Stripe keeps for the key, like a success; other errors are not kept.
        if (!(error instanceof ApiError) || error.status !== 402) throw error;
        status = 402;
        body = { error: error.error };
      }
      if (idempotencyKey && method === "POST") this.replays.set(idempotencyKey, { request: fingerprint, status, body });
      send(status, body);
    } catch (error) {
      if (error instanceof ApiError) send(error.status, { error: error.error });
      else send(500, { error: { type: "api_error", message: String(error) } });
    }
  }

  private route(method: string, url: URL, body: Record<string, unknown>): unknown {
    const path = url.pathname;
    if (method === "POST" && path === "/v1/checkout/sessions") return this.createSession(body);
    let m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === "GET" && m) return this.session(m[1]!);
    m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (method === "POST" && m) {
      const session = this.session(m[1]!);
      if (session.status !== "open")
        throw new ApiError(400, { type: "invalid_request_error", message: 'Only Checkout Sessions with a status in ["open"] can be expired.' });
      return this.expire(m[1]!);
    }
    if (method === "POST" && path === "/v1/refunds") return this.createRefund(body);
    if (method === "POST" && path === "/v1/customers") return this.createCustomer(body);
    m = /^\/v1\/setup_intents\/([^/]+)$/.exec(path);
    if (method === "GET" && m)
      return this.setupIntent(
        m[1]!,
        [...url.searchParams].some(([k, v]) => k.startsWith("expand[") && v === "payment_method"),
      );
    m = /^\/v1\/payment_methods\/([^/]+)$/.exec(path);
    if (method === "GET" && m) return this.paymentMethodJson(this.paymentMethod(m[1]!));
    if (method === "POST" && path === "/v1/payment_intents") return this.createPaymentIntent(body);
    if (method === "GET" && path === "/v1/refunds") {
      const charge = url.searchParams.get("charge");
      const paymentIntent = url.searchParams.get("payment_intent");
      const data = this.refunds.filter((r) => (!charge || r.charge === charge) && (!paymentIntent || r.payment_intent === paymentIntent)).reverse();
      return { object: "list", data, has_more: false, url: "/v1/refunds" };
    }
    throw new ApiError(404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` });
  }

  private createSession(body: Record<string, unknown>): Json {
    const invalid = (message: string, param: string) => new ApiError(400, { type: "invalid_request_error", message, param });
    if (typeof body.success_url !== "string") throw invalid("Missing required param: success_url.", "success_url");
    if (body.mode === "setup") return this.createSetupSession(body);
    if (body.mode !== "payment") throw invalid("Only payment and setup mode are played by this stand-in.", "mode");
    const lines =
      (body.line_items as { quantity: string; price_data: { currency: string; unit_amount: string; product_data: { name: string } } }[] | undefined) ?? [];
    if (lines.length === 0) throw invalid("line_items is required in payment mode.", "line_items");
    const currency = lines[0]!.price_data.currency;
    if (!/^[a-z]{3}$/.test(currency) || lines.some((l) => l.price_data.currency !== currency)) throw invalid("Invalid currency.", "line_items");
    const subtotal = lines.reduce((sum, l) => sum + Number(l.price_data.unit_amount) * Number(l.quantity), 0);
    const options = (body.shipping_options as { shipping_rate_data: { fixed_amount: { amount: string; currency: string } } }[] | undefined) ?? [];
    const shipping = options[0] ? Number(options[0].shipping_rate_data.fixed_amount.amount) : 0;
    const created = Math.floor(this.clock().getTime() / 1000);
    const expiresAt = body.expires_at === undefined ? created + 86400 : Number(body.expires_at);
    if (expiresAt < created + 1800 || expiresAt > created + 86400) {
      throw invalid("The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at");
    }
    const id = newId("cs");
    const session: Json = {
      id,
      object: "checkout.session",
      amount_subtotal: subtotal,
      amount_total: subtotal + shipping + this.amountSkew,
      cancel_url: body.cancel_url ?? null,
      client_reference_id: body.client_reference_id ?? null,
      created,
      currency,
      customer: null,
      customer_email: body.customer_email ?? null,
      expires_at: expiresAt,
      livemode: false,
      metadata: body.metadata ?? {},
      mode: "payment",
      payment_intent: null,
      payment_status: "unpaid",
      shipping_cost: { amount_subtotal: shipping, amount_total: shipping },
      status: "open",
      success_url: body.success_url,
      url: `https://checkout.stripe.test/c/pay/${id}`,
      // Kept for the buyer's side below; Stripe itself never echoes it.
      payment_intent_data: body.payment_intent_data ?? null,
    };
    this.sessions.set(id, session);
    return session;
  }

  private createSetupSession(body: Record<string, unknown>): Json {
    const invalid = (message: string, param: string) => new ApiError(400, { type: "invalid_request_error", message, param });
    if (typeof body.customer !== "string" || !this.customers.has(body.customer)) throw invalid(`No such customer: '${String(body.customer)}'`, "customer");
    if (body.currency === undefined && body.allowed_payment_method_types === undefined) {
      throw invalid("currency is required in setup mode when allowed_payment_method_types is not set.", "currency");
    }
    if (body.line_items !== undefined) throw invalid("line_items cannot be used in setup mode.", "line_items");
    const created = Math.floor(this.clock().getTime() / 1000);
    const id = newId("cs");
    const session: Json = {
      id,
      object: "checkout.session",
      amount_subtotal: null,
      amount_total: null,
      cancel_url: body.cancel_url ?? null,
      client_reference_id: body.client_reference_id ?? null,
      created,
      currency: body.currency ?? null,
      customer: body.customer,
      customer_email: null,
      expires_at: created + 86400,
      livemode: false,
      metadata: body.metadata ?? {},
      mode: "setup",
      payment_intent: null,
      payment_status: "no_payment_required",
      setup_intent: null,
      status: "open",
      // Stripe fills the template in on the way back; the URL it redirects to is what the member lands on.
      success_url: String(body.success_url).replace("{CHECKOUT_SESSION_ID}", id),
      url: `https://checkout.stripe.test/c/setup/${id}`,
      setup_intent_data: body.setup_intent_data ?? null,
    };
    this.sessions.set(id, session);
    return session;
  }

  private createCustomer(body: Record<string, unknown>): Json {
    const customer: Json = { id: newId("cus"), object: "customer", email: body.email ?? null, name: body.name ?? null, metadata: body.metadata ?? {} };
    this.customers.set(customer.id as string, customer);
    return customer;
  }

  private setupIntent(id: string, expandMethod: boolean): Json {
    const intent = this.setupIntents.get(id);
    if (!intent) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such setupintent: '${id}'` });
    const method = intent.payment_method && expandMethod ? this.paymentMethodJson(this.paymentMethod(intent.payment_method)) : intent.payment_method;
    return {
      id,
      object: "setup_intent",
      customer: intent.customer,
      payment_method: method,
      status: intent.status,
      usage: "off_session",
      metadata: intent.metadata,
    };
  }

  private paymentMethod(id: string): StandInPaymentMethod {
    const method = this.paymentMethods.get(id);
    if (!method) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such PaymentMethod: '${id}'` });
    return method;
  }

  private paymentMethodJson(m: StandInPaymentMethod): Json {
    return {
      id: m.id,
      object: "payment_method",
      type: "card",
      customer: m.customer,
      card: { brand: m.brand, display_brand: m.brand, last4: m.last4, exp_month: m.exp_month, exp_year: m.exp_year, funding: "credit", country: "US" },
    };
  }

  /** The member saves a card on the setup session's page (a test card number: its behaviour when charged). Returns the session as a webhook carries it. */
  saveCard(sessionId: string, number = "4242424242424242", expiry: { month: number; year: number } = { month: 12, year: 2030 }): Json {
    const session = this.session(sessionId);
    if (session.mode !== "setup" || session.status !== "open") throw new Error(`session ${sessionId} is not an open setup session`);
    const behaviour = standInCards[number];
    if (!behaviour) throw new Error(`${number} is not one of the stand-in's test cards`);
    const method: StandInPaymentMethod = {
      id: newId("pm"),
      customer: session.customer as string,
      brand: number.startsWith("4") ? "visa" : "mastercard",
      last4: number.slice(-4),
      exp_month: expiry.month,
      exp_year: expiry.year,
      behaviour,
    };
    this.paymentMethods.set(method.id, method);
    const intentId = newId("seti");
    const metadata = (session.setup_intent_data as { metadata?: unknown } | null)?.metadata ?? {};
    this.setupIntents.set(intentId, { id: intentId, customer: method.customer, payment_method: method.id, status: "succeeded", metadata });
    Object.assign(session, { status: "complete", setup_intent: intentId });
    return { ...session };
  }

  /** From now on, charges of this saved card answer this way (a card that starts declining, or whose bank asks for authentication). */
  setCardBehaviour(paymentMethod: string, behaviour: CardBehaviour): void {
    this.paymentMethod(paymentMethod).behaviour = behaviour;
  }

  private createPaymentIntent(body: Record<string, unknown>): Json {
    const invalid = (message: string, param: string) => new ApiError(400, { type: "invalid_request_error", message, param });
    if (body.confirm !== "true" || body.off_session !== "true")
      throw invalid("This stand-in plays off-session PaymentIntents confirmed at once only.", "confirm");
    const amount = Number(body.amount);
    if (!Number.isInteger(amount) || amount < 50) throw invalid("Amount must be at least $0.50 usd", "amount");
    const currency = String(body.currency);
    if (!/^[a-z]{3}$/.test(currency)) throw invalid("Invalid currency.", "currency");
    const method = this.paymentMethod(String(body.payment_method));
    if (method.customer !== body.customer) {
      throw invalid(`The provided PaymentMethod ${method.id} was previously used with a PaymentIntent without Customer attachment.`, "payment_method");
    }
    const id = newId("pi");
    const metadata = (body.metadata as Json | undefined) ?? {};
    const base: Json = {
      id,
      object: "payment_intent",
      amount,
      currency,
      customer: method.customer,
      payment_method: method.id,
      description: body.description ?? null,
      metadata,
      created: Math.floor(this.clock().getTime() / 1000),
    };
    this.offSessionIntents.push({ ...base, behaviour: method.behaviour });
    if (method.behaviour === "succeeds") {
      const charge = newId("ch");
      this.paymentIntents.set(id, { id, amount, currency, charge, refunded: 0, orderId: typeof metadata.order_id === "string" ? metadata.order_id : null });
      return { ...base, status: "succeeded", amount_received: amount, latest_charge: charge, last_payment_error: null };
    }
    const error =
      method.behaviour === "authentication_required"
        ? {
            code: "authentication_required",
            decline_code: "authentication_required",
            message: "Your card was declined. This transaction requires authentication.",
          }
        : method.behaviour === "insufficient_funds"
          ? { code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." }
          : { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };
    const status = method.behaviour === "authentication_required" ? "requires_action" : "requires_payment_method";
    throw new ApiError(402, {
      type: "card_error",
      ...error,
      payment_intent: { ...base, status, amount_received: 0, last_payment_error: { type: "card_error", ...error } },
    });
  }

  session(id: string): Json {
    const session = this.sessions.get(id);
    if (!session) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such checkout.session: '${id}'` });
    return session;
  }

  private intentFor(session: Json, settled: boolean): string {
    const id = newId("pi");
    const metadata = (session.payment_intent_data as { metadata?: { order_id?: string } } | null)?.metadata;
    this.paymentIntents.set(id, {
      id,
      amount: session.amount_total as number,
      currency: session.currency as string,
      charge: settled ? newId("ch") : "",
      refunded: 0,
      orderId: metadata?.order_id ?? null,
    });
    return id;
  }

  /** The buyer pays the session by card: complete and paid. Returns the session as a webhook carries it. */
  pay(id: string): Json {
    const session = this.session(id);
    if (session.status !== "open") throw new Error(`session ${id} is ${String(session.status)}`);
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: this.intentFor(session, true) });
    return { ...session };
  }

  /** The buyer pays by a delayed method (a bank debit): complete, unpaid until settle(). */
  payLater(id: string): Json {
    const session = this.session(id);
    Object.assign(session, { status: "complete", payment_status: "unpaid", payment_intent: this.intentFor(session, false) });
    return { ...session };
  }

  /** The delayed payment succeeds or fails. */
  settle(id: string, succeeded: boolean): Json {
    const session = this.session(id);
    const intent = this.paymentIntents.get(session.payment_intent as string)!;
    if (succeeded) intent.charge = newId("ch");
    session.payment_status = succeeded ? "paid" : "unpaid";
    return { ...session };
  }

  expire(id: string): Json {
    const session = this.session(id);
    Object.assign(session, { status: "expired" });
    return { ...session };
  }

  /** The PaymentIntent's charge, as a charge.* webhook carries it. */
  charge(paymentIntent: string): Json {
    const intent = this.paymentIntents.get(paymentIntent)!;
    return {
      id: intent.charge,
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: intent.refunded,
      currency: intent.currency,
      metadata: {},
      paid: true,
      payment_intent: intent.id,
      refunded: intent.refunded >= intent.amount,
      status: "succeeded",
    };
  }

  private createRefund(body: Record<string, unknown>): Json {
    const invalid = (message: string, code?: string) => new ApiError(400, { type: "invalid_request_error", message, ...(code ? { code } : {}) });
    const intent = this.paymentIntents.get(String(body.payment_intent));
    if (!intent) throw invalid(`No such payment_intent: '${String(body.payment_intent)}'`, "resource_missing");
    if (!intent.charge) throw invalid("This PaymentIntent does not have a successful charge to refund.");
    const left = intent.amount - intent.refunded;
    if (left <= 0) throw invalid(`Charge ${intent.charge} has already been refunded.`, "charge_already_refunded");
    const amount = body.amount === undefined ? left : Number(body.amount);
    if (amount > left) throw invalid(`Refund amount ($${amount / 100}) is greater than unrefunded amount on charge ($${left / 100})`, "amount_too_large");
    intent.refunded += amount;
    const refund: Json = {
      id: newId("re"),
      object: "refund",
      amount,
      charge: intent.charge,
      created: Math.floor(this.clock().getTime() / 1000),
      currency: intent.currency,
      metadata: body.metadata ?? {},
      payment_intent: intent.id,
      reason: body.reason ?? null,
      status: "succeeded",
    };
    this.refunds.push(refund);
    return refund;
  }

  /** Someone refunds the payment in Stripe's dashboard (all of it unless an amount is given). Returns the charge as charge.refunded carries it. */
  refundInDashboard(paymentIntent: string, amount?: number): Json {
    this.createRefund({ payment_intent: paymentIntent, ...(amount === undefined ? {} : { amount: String(amount) }) });
    return this.charge(paymentIntent);
  }

  /** A webhook event's payload, as Stripe sends it. */
  event(type: string, object: Json, id = newId("evt")): { id: string; payload: string } {
    const payload = JSON.stringify(
      {
        id,
        object: "event",
        api_version: Stripe.API_VERSION,
        created: Math.floor(this.clock().getTime() / 1000),
        data: { object },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
      },
      null,
      2,
    );
    return { id, payload };
  }

  /** The Stripe-Signature header for a payload, made by the SDK's own test helper (timestamp: the real clock, as Stripe's). */
  sign(payload: string, secret = standInWebhookSecret, timestamp?: number): string {
    return this.sdk.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp === undefined ? {} : { timestamp }) });
  }
}

/**
 * Starts a stand-in and points the application's Stripe configuration
 * (env.stripe, read by lib/payments/stripe.ts on use) at it. Call the returned
 * stop() in afterAll.
 */
export async function useStripeStandIn(): Promise<{ stand: StripeStandIn; stop: () => Promise<void> }> {
  const stand = await new StripeStandIn().listen();
  const previous = env.stripe;
  env.stripe = { secretKey: standInSecretKey, webhookSecret: standInWebhookSecret, apiUrl: stand.url };
  return {
    stand,
    stop: async () => {
      env.stripe = previous;
      await stand.close();
    },
  };
}
