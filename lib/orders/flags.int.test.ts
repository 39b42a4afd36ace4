// Flagging unusual guest orders (lib/orders/flags.ts) on real orders: the
// issue's flood from a shop with no history is flagged, a new shop's first
// normal order and a steady shop's ordinary day are not.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { demoShippingAddress, placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { createOrder } from "./create";
import { flagUnusualGuestOrder } from "./flags";

let t: TestDatabase;
let co: TestCompany;
let n = 0;
const at = new Date("2026-11-20T12:00:00Z");
const hoursBefore = (h: number) => new Date(at.getTime() - h * 3600_000);
const daysBefore = (d: number) => hoursBefore(d * 24);

// Member 1: a new shop; 2: a steady shop; 3: the shop; 4: a shop whose orders expire.
beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, [null, 0, 0, 0, 0]);
  // Member 2's history: long ago, one huge order (outside the 90 days: it must not count);
  // then 30 paid guest orders of $99.99, every third day of the 90 days before the last 24 h.
  await guestPaid(2, 99, daysBefore(140));
  for (let d = 88; d >= 1; d -= 3) await guestPaid(2, 1, daysBefore(d + 1));
});
afterAll(async () => {
  await t?.destroy();
});

/** A guest order of `quantity` × T-BIG ($99.99), paid with the demo card. */
async function guestPaid(member: number, quantity: number, when: Date) {
  const paid = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[member]!,
    kind: "retail",
    items: [{ productId: co.productIds[2]!, quantity }],
    idempotencyKey: `flag-${++n}`,
    customer: { name: "Guest", email: "guest@test.example" },
    at: when,
  });
  return paid.orderId;
}

/** A guest order as the public checkout makes it (unpaid), then the flag check the checkout runs. */
async function guestOrder(member: number, product: number, quantity: number, when: Date) {
  const { orderId } = await createOrder(t.db, {
    sellerId: co.ids[member]!,
    kind: "retail",
    items: [{ productId: co.productIds[product]!, quantity }],
    idempotencyKey: `flag-${++n}`,
    customer: { name: "Guest", email: "guest@test.example" },
    shippingAddress: demoShippingAddress,
    provider: "demo",
    at: when,
  });
  return { orderId, reason: await flagUnusualGuestOrder(t.db, orderId, when) };
}

async function reasons(ids: number[]) {
  const rows = await t.db.select({ id: orders.id, reason: orders.flagReason }).from(orders).where(inArray(orders.id, ids)).orderBy(orders.id);
  return rows.map((r) => r.reason);
}

describe("flagUnusualGuestOrder", () => {
  it("does not flag a new shop's first normal orders", async () => {
    const first = await guestOrder(1, 2, 1, hoursBefore(3));
    const second = await guestOrder(1, 1, 2, hoursBefore(1));
    expect([first.reason, second.reason]).toEqual([null, null]);
    expect(await reasons([first.orderId, second.orderId])).toEqual([null, null]);
  });

  it("flags the issue's flood: 20 guest orders of 99 items in seconds from a shop with no history", async () => {
    const made = [];
    for (let i = 0; i < 20; i++) made.push(await guestOrder(3, 1, 99, new Date(at.getTime() - 20_000 + i * 1000)));
    expect(made.every((m) => m.reason !== null)).toBe(true);
    // 99 × $33.33 = $3,299.67 each.
    expect(made[0]!.reason).toBe(
      "Retail sales through this shop in the last 24 h ($3,299.67 in 1 order) are above $250.00, and it had no retail sales in the 90 days before.",
    );
    expect(made[19]!.reason).toBe(
      "Retail sales through this shop in the last 24 h ($65,993.40 in 20 orders) are above $250.00, and it had no retail sales in the 90 days before.",
    );
    expect((await reasons(made.map((m) => m.orderId))).every((r) => r !== null)).toBe(true);
  });

  it("leaves a steady shop's ordinary day alone and flags the order that takes it far above its history", async () => {
    // History: 30 × $99.99 = $2,999.70 in 90 days: $33.33 a day, $99.99 an order; the bar is 5 × $99.99 = $499.95.
    const day = [];
    for (let i = 0; i < 6; i++) day.push(await guestOrder(2, 2, 1, hoursBefore(20 - i)));
    expect(day.slice(0, 5).map((d) => d.reason)).toEqual([null, null, null, null, null]);
    expect(day[5]!.reason).toBe("Retail sales through this shop in the last 24 h ($599.94 in 6 orders) are 18× its 90-day daily average ($33.33).");
  });

  it("does not count expired or cancelled orders, nor other shops' sales", async () => {
    const a = await guestOrder(4, 2, 1, hoursBefore(5));
    const b = await guestOrder(4, 2, 1, hoursBefore(4));
    await t.db
      .update(orders)
      .set({ status: "expired" })
      .where(inArray(orders.id, [a.orderId, b.orderId]));
    // $99.99 live (the two above expired): not flagged, whatever member 3's flood did.
    const c = await guestOrder(4, 2, 1, hoursBefore(2));
    expect(c.reason).toBeNull();
    // Two more: $299.97 live, above the floor with no history.
    await guestOrder(4, 2, 1, hoursBefore(1.5));
    const e = await guestOrder(4, 2, 1, hoursBefore(1));
    expect(e.reason).toMatch(/^Retail sales through this shop in the last 24 h \(\$299\.97 in 3 orders\)/);
  });

  it("keeps the first reason, and ignores personal and unknown orders", async () => {
    const [flagged] = await t.db
      .select({ id: orders.id, reason: orders.flagReason })
      .from(orders)
      .where(eq(orders.sellerId, co.ids[3]!))
      .orderBy(orders.id)
      .limit(1);
    // Later, with the whole flood counted, the first order keeps the reason it got.
    expect(await flagUnusualGuestOrder(t.db, flagged!.id, at)).toBe(flagged!.reason);
    expect((await reasons([flagged!.id]))[0]).toBe(flagged!.reason);

    const { orderId } = await createOrder(t.db, {
      sellerId: co.ids[3]!,
      kind: "personal",
      items: [{ productId: co.productIds[2]!, quantity: 99 }],
      idempotencyKey: `flag-${++n}`,
      shippingAddress: demoShippingAddress,
      provider: "demo",
      at,
    });
    expect(await flagUnusualGuestOrder(t.db, orderId, at)).toBeNull();
    expect(await reasons([orderId])).toEqual([null]);
    expect(await flagUnusualGuestOrder(t.db, 999_999, at)).toBeNull();
  });
});
