import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { POST } from "@/app/api/payments/stripe/webhook/route";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { orderRow, stripeOrder } from "@/tests/fixtures/stripe";
import { useStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in";

// The route handler itself (app/api/payments/stripe/webhook/route.ts), called
// with a Request as Next calls it. Its database is this file's test database.

const handle = vi.hoisted(() => ({ db: null as Database | null, fail: false }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => {
    if (handle.fail) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    return handle.db!;
  },
}));

let t: TestDatabase;
let co: TestCompany;
let stand: StripeStandIn;
let stop: () => Promise<void>;
const at = new Date("2026-11-20T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  handle.db = t.db;
  co = await createCompany(t.db, [null, 0]);
  ({ stand, stop } = await useStripeStandIn());
  stand.clock = () => at;
});
afterAll(async () => {
  await stop?.();
  await t?.destroy();
});

const post = (body: string, signature?: string) =>
  POST(
    new Request("http://localhost/api/payments/stripe/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", ...(signature === undefined ? {} : { "stripe-signature": signature }) },
      body,
    }),
  );

describe("POST /api/payments/stripe/webhook", () => {
  it("verifies the raw body's signature and confirms the order", async () => {
    const o = await stripeOrder(t.db, stand, { sellerId: co.ids[1]!, items: [{ productId: co.productIds[0]!, quantity: 1 }], at });
    const event = stand.event("checkout.session.completed", stand.pay(o.sessionId));

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const forged = await post(event.payload, stand.sign(event.payload, "whsec_forged"));
      expect(forged.status).toBe(400);
      expect(await forged.json()).toEqual({ error: "Invalid signature." });
      const unsigned = await post(event.payload);
      expect(unsigned.status).toBe(400);
    } finally {
      warn.mockRestore();
    }
    expect((await orderRow(t.db, o.orderId)).status).toBe("pending_payment");

    const response = await post(event.payload, stand.sign(event.payload));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ received: true });
    expect((await orderRow(t.db, o.orderId)).status).toBe("paid");
  });

  it("answers 500 without details when the database cannot be opened", async () => {
    const event = stand.event("customer.created", { id: "cus_test_1", object: "customer" });
    handle.fail = true;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await post(event.payload, stand.sign(event.payload));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe(JSON.stringify({ error: "The event could not be processed now." }));
    } finally {
      handle.fail = false;
      error.mockRestore();
    }
  });
});
