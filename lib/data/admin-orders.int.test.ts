// The admin orders list (/admin/orders): every order, paid or not, with its
// payment state, provider, reference, failure and flag; the filters for them.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema";
import { refundOrderAudited } from "@/lib/admin/orders";
import { createOrder } from "@/lib/orders/create";
import { ADMIN_ORDER_PAGE_SIZE } from "@/lib/validation/admin-orders";
import { flagUnusualGuestOrder } from "@/lib/orders/flags";
import { demoShippingAddress, payWithDemoCard, placeDemoPaidOrder } from "@/lib/payments/demo";
import { createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

const state = vi.hoisted(() => ({ db: null as Database | null, userId: null as number | null }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.userId === null ? null : { user: { id: String(state.userId), sv: 1 } }) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("404");
  },
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { listAdminOrders } = await import("./admin-orders");

let t: TestDatabase;
let co: TestCompany;
let n = 0;
const at = new Date("2026-11-20T12:00:00Z");
const ids = { paid: 0, refunded: 0, pending: 0, failed: 0, expired: 0, flagged: 0 };

async function unpaid(member: number, kind: "personal" | "retail", quantity = 1, when = at) {
  const { orderId } = await createOrder(t.db, {
    sellerId: co.ids[member]!,
    kind,
    items: [{ productId: co.productIds[2]!, quantity }],
    idempotencyKey: `ao-${++n}`,
    customer: kind === "retail" ? { name: "Robin Guest", email: "robin@test.example" } : undefined,
    shippingAddress: demoShippingAddress,
    provider: "demo",
    at: when,
  });
  return orderId;
}

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  co = await createCompany(t.db, [null, 0, 0]);
  state.userId = await createAdmin(t.db);
  const paid = async () =>
    (
      await placeDemoPaidOrder(t.db, {
        sellerId: co.ids[1]!,
        kind: "personal",
        items: [{ productId: co.productIds[0]!, quantity: 1 }],
        idempotencyKey: `ao-${++n}`,
        at,
      })
    ).orderId;
  ids.paid = await paid();
  ids.refunded = await paid();
  await refundOrderAudited(t.db, state.userId, ids.refunded, "Test refund", at);
  ids.pending = await unpaid(1, "personal");
  ids.failed = await unpaid(1, "personal");
  await payWithDemoCard(t.db, { orderId: ids.failed, digits: "4000000000000002", idempotencyKey: `ao-${++n}`, at });
  ids.expired = await unpaid(1, "personal", 1, new Date(at.getTime() - 3 * 24 * 3600_000));
  await t.db.update(orders).set({ status: "expired" }).where(eq(orders.id, ids.expired));
  // Member 2's shop, no history: 5 × $99.99 from one guest is above the $250 floor.
  ids.flagged = await unpaid(2, "retail", 5);
  expect(await flagUnusualGuestOrder(t.db, ids.flagged, at)).not.toBeNull();
});
afterAll(async () => {
  await t?.destroy();
});

type Filter = Omit<Parameters<typeof listAdminOrders>[0], "page">;
const byId = async (filter: Filter = {}) => new Map((await listAdminOrders({ ...filter, page: 1 })).rows.map((o) => [o.id, o]));

describe("listAdminOrders", () => {
  it("lists unpaid orders too: no period until paid, the session or payment reference, the failure, the flag", async () => {
    const list = await byId();
    expect([...list.keys()].sort((a, b) => a - b)).toEqual(Object.values(ids).sort((a, b) => a - b));
    expect(list.get(ids.paid)).toMatchObject({
      status: "paid",
      provider: "demo",
      referenceKind: "payment",
      reference: expect.stringMatching(/^demo_ch_/),
      periodStartsOn: "2026-11-01",
      periodStatus: "open",
      refundReference: null,
      flagReason: null,
    });
    expect(list.get(ids.refunded)).toMatchObject({ status: "refunded", refundReference: expect.stringMatching(/^demo_ch_\w+_refund$/) });
    expect(list.get(ids.pending)).toMatchObject({
      status: "pending_payment",
      provider: "demo",
      reference: null,
      referenceKind: null,
      periodStartsOn: null,
      periodStatus: null,
      expiresAt: "2026-11-21T12:00:00.000Z",
    });
    expect(list.get(ids.failed)).toMatchObject({ status: "payment_failed", paymentError: "Your card was declined. Try another card.", periodStartsOn: null });
    expect(list.get(ids.expired)).toMatchObject({ status: "expired", periodStartsOn: null });
    expect(list.get(ids.flagged)).toMatchObject({
      kind: "retail",
      customerName: "Robin Guest",
      sellerCode: "member-2",
      flagReason: expect.stringMatching(/^Retail sales through this shop in the last 24 h \(\$499\.95 in 1 order\)/),
    });
  });

  it("filters by payment state, by flag, and finds an order by its provider reference", async () => {
    expect([...(await byId({ status: "pending_payment" })).keys()]).toEqual([ids.flagged, ids.pending]);
    expect([...(await byId({ status: "payment_failed" })).keys()]).toEqual([ids.failed]);
    expect([...(await byId({ status: "expired" })).keys()]).toEqual([ids.expired]);
    expect([...(await byId({ flagged: true })).keys()]).toEqual([ids.flagged]);
    expect([...(await byId({ flagged: true, kind: "personal" })).keys()]).toEqual([]);
    const reference = (await byId()).get(ids.paid)!.reference!;
    expect([...(await byId({ q: reference })).keys()]).toEqual([ids.paid]);
    expect([...(await byId({ q: "robin@test" })).keys()]).toEqual([ids.flagged]);
    expect([...(await byId({ q: `#${ids.failed}` })).keys()]).toEqual([ids.failed]);
  });

  it("is for admins only", async () => {
    const admin = state.userId;
    state.userId = null;
    await expect(listAdminOrders({ page: 1 })).rejects.toThrow("redirect /sign-in");
    state.userId = admin;
  });

  it("pages: a total count over every page, each order on exactly one page, the filters kept (last: it adds orders)", async () => {
    const before = (await listAdminOrders({ page: 1 })).total;
    expect(before).toBe(Object.keys(ids).length);
    const added: number[] = [];
    for (let i = 0; i < ADMIN_ORDER_PAGE_SIZE; i++) added.push(await unpaid(1, "personal", 1, new Date(at.getTime() + (i + 1) * 60_000)));
    const total = before + ADMIN_ORDER_PAGE_SIZE;

    const first = await listAdminOrders({ page: 1 });
    expect(first).toMatchObject({ total, page: 1 });
    expect(first.rows).toHaveLength(ADMIN_ORDER_PAGE_SIZE);
    // Newest first: the orders just added, the latest one on top.
    expect(first.rows.map((o) => o.id)).toEqual([...added].reverse());
    const second = await listAdminOrders({ page: 2 });
    expect(second).toMatchObject({ total, page: 2 });
    expect(second.rows.map((o) => o.id).sort((a, b) => a - b)).toEqual(Object.values(ids).sort((a, b) => a - b));
    // Past the end: the last page.
    expect((await listAdminOrders({ page: 40 })).page).toBe(2);

    // The count follows the filters, the search's joins included.
    expect(await listAdminOrders({ status: "pending_payment", page: 1 })).toMatchObject({ total: ADMIN_ORDER_PAGE_SIZE + 2 });
    const pendingSecond = await listAdminOrders({ status: "pending_payment", page: 2 });
    expect(pendingSecond.rows.map((o) => o.id)).toEqual([ids.flagged, ids.pending]);
    expect(await listAdminOrders({ q: "member-2", page: 1 })).toMatchObject({ total: 1, page: 1 });
    expect(await listAdminOrders({ q: "Member 1", kind: "personal", page: 2 })).toMatchObject({ total: total - 1, page: 2 });
    expect(await listAdminOrders({ status: "cancelled", page: 3 })).toMatchObject({ rows: [], total: 0, page: 1 });
    // Oldest first: the same orders, the other way round.
    const oldest = await listAdminOrders({ sort: "created", dir: "asc", page: 1 });
    expect(oldest.total).toBe(total);
    expect(oldest.rows[0]!.createdAt <= oldest.rows.at(-1)!.createdAt).toBe(true);
    expect(oldest.rows[0]!.id).not.toBe(first.rows[0]!.id);
  });
});
