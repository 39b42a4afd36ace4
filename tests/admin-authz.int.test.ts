// Point 7 of the back office: every admin action, called directly (as a
// forged POST would), refuses a distributor (404) and the signed-out (sent to
// sign-in), and changes nothing. Then, as a positive control, an admin's call
// of the same action with the same form does change something.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { commissionPeriods, orders, products, users } from "@/db/schema";
import { closePeriodAudited } from "@/lib/admin/periods";
import { placeOrder } from "@/lib/orders/service";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createAdmin, tableFingerprint } from "@/tests/admin-fixtures";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

const session = vi.hoisted(() => ({ userId: null as number | null, db: null as Database | null }));

vi.mock("@/lib/auth/index", () => ({ auth: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => session.db! }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/server", () => ({ after: vi.fn(), connection: async () => {} }));
// The same special errors Next throws: they carry a digest its router reads.
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;404"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
}));

const { archiveProductAsAdmin } = await import("@/lib/actions/admin/archive-product");
const { closePeriodAsAdmin } = await import("@/lib/actions/admin/close-period");
const { createProductAsAdmin } = await import("@/lib/actions/admin/create-product");
const { deleteProductAsAdmin } = await import("@/lib/actions/admin/delete-product");
const { markPayoutsPaidAsAdmin } = await import("@/lib/actions/admin/mark-payouts-paid");
const { moveDistributorAsAdmin } = await import("@/lib/actions/admin/move-distributor");
const { previewPlanAsAdmin } = await import("@/lib/actions/admin/preview-plan");
const { publishPlanAsAdmin } = await import("@/lib/actions/admin/publish-plan");
const { reactivateDistributorAsAdmin } = await import("@/lib/actions/admin/reactivate-distributor");
const { reconcilePeriodsAsAdmin } = await import("@/lib/actions/admin/reconcile-periods");
const { refundOrderAsAdmin } = await import("@/lib/actions/admin/refund-order");
const { restoreProductAsAdmin } = await import("@/lib/actions/admin/restore-product");
const { terminateDistributorAsAdmin } = await import("@/lib/actions/admin/terminate-distributor");
const { updateProductAsAdmin } = await import("@/lib/actions/admin/update-product");

let t: TestDatabase;
let co: TestCompany;
let adminId: number;
let distributorUserId: number;
const ids = { archived: 0, spare: 0, order: 0, open: 0, closed: 0 };

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

const planForm = () =>
  form({
    activeMinPv: "60",
    personalPct: "15",
    levelPct: ["10", "5"],
    compression: "on",
    rankName: ["Member"],
    rankMinPv: ["0"],
    rankMinGv: ["0"],
    rankPaidLevels: ["2"],
    confirm: "on",
  });
const productForm = (sku: string) => form({ name: "Authz Product", sku, description: "", imageUrl: "", price: "10.00", pv: "5", cv: "", active: "on" });

/** Every admin action with a form an admin would send, in an order that lets each one succeed. */
const actions: { name: string; run: () => Promise<unknown> }[] = [
  { name: "create product", run: () => createProductAsAdmin({ ok: true }, productForm("AUTHZ-NEW")) },
  {
    name: "update product",
    run: () => updateProductAsAdmin({ ok: true }, form({ ...Object.fromEntries(productForm("T-SMALL")), productId: String(co.productIds[0]) })),
  },
  { name: "archive product", run: () => archiveProductAsAdmin({ ok: true }, form({ productId: String(co.productIds[1]) })) },
  { name: "restore product", run: () => restoreProductAsAdmin({ ok: true }, form({ productId: String(ids.archived) })) },
  { name: "delete product", run: () => deleteProductAsAdmin({ ok: true }, form({ productId: String(ids.spare), confirm: "on" })) },
  { name: "preview plan", run: () => previewPlanAsAdmin({ ok: true }, planForm()) },
  { name: "publish plan", run: () => publishPlanAsAdmin({ ok: true }, planForm()) },
  { name: "terminate distributor", run: () => terminateDistributorAsAdmin({ ok: true }, form({ distributorId: String(co.ids[3]) })) },
  { name: "reactivate distributor", run: () => reactivateDistributorAsAdmin({ ok: true }, form({ distributorId: String(co.ids[4]) })) },
  { name: "move distributor", run: () => moveDistributorAsAdmin({ ok: true }, form({ distributorId: String(co.ids[2]), sponsor: "member-0" })) },
  { name: "refund order", run: () => refundOrderAsAdmin({ ok: true }, form({ orderId: String(ids.order) })) },
  { name: "mark payouts paid", run: () => markPayoutsPaidAsAdmin({ ok: true }, form({ periodId: String(ids.closed), confirm: "on" })) },
  { name: "reconcile periods", run: () => reconcilePeriodsAsAdmin() },
  { name: "close period", run: () => closePeriodAsAdmin({ ok: true }, form({ periodId: String(ids.open), confirm: "on" })) },
];
const readOnly = new Set(["preview plan", "reconcile periods"]);

beforeAll(async () => {
  t = await createTestDatabase();
  session.db = t.db;
  co = await createCompany(t.db, [null, 0, 1, 2, 3]);
  adminId = await createAdmin(t.db);
  const [member1] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "member1@test.example"));
  distributorUserId = member1!.id;
  const [archived] = await t.db.insert(products).values({ sku: "OLD", name: "Old", priceCents: 100, pv: 1, cvCents: 100, active: false }).returning();
  const [spare] = await t.db.insert(products).values({ sku: "SPARE", name: "Spare", priceCents: 100, pv: 1, cvCents: 100 }).returning();
  ids.archived = archived!.id;
  ids.spare = spare!.id;
  const buy = (seller: number, at: Date) =>
    placeOrder(t.db, {
      sellerId: co.ids[seller]!,
      kind: "personal",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: `authz-${seller}-${at.getTime()}`,
      at,
    });
  // Fixed dates: a closed month and an open one, whatever today is.
  const lastMonth = new Date("2026-10-01T12:00:00Z");
  await buy(1, lastMonth);
  await buy(2, lastMonth);
  const [closed] = await t.db.select().from(commissionPeriods);
  ids.closed = closed!.id;
  await closePeriodAudited(t.db, adminId, closed!.id);
  for (const seller of [1, 2, 3]) ids.order = (await buy(seller, new Date("2026-11-15T12:00:00Z"))).orderId;
  const [open] = await t.db.select().from(commissionPeriods).where(eq(commissionPeriods.status, "open"));
  ids.open = open!.id;
  await t.db.execute(`update distributors set status = 'terminated' where id = ${co.ids[4]}`);
});
afterAll(async () => {
  await t?.destroy();
});

describe("every admin action refuses non-admins and changes nothing", () => {
  it.each(actions.map((a) => [a.name, a] as const))("%s: a distributor gets a 404, the signed-out go to sign-in", async (_name, action) => {
    const before = await tableFingerprint(t.db);
    session.userId = distributorUserId;
    await expect(action.run()).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    session.userId = null;
    await expect(action.run()).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/sign-in;/) });
    expect(await tableFingerprint(t.db)).toEqual(before);
  });
});

describe("the same calls by an admin go through (the forms above are valid)", () => {
  it("each write changes the database; reads do not", async () => {
    session.userId = adminId;
    for (const action of actions) {
      const before = await tableFingerprint(t.db);
      const result = await action.run().catch((e: { digest?: string }) => {
        // A successful create or delete redirects: that is the success path.
        if (e.digest?.startsWith("NEXT_REDIRECT;replace;/admin/products")) return { ok: true };
        throw e;
      });
      expect(result, action.name).toMatchObject({ ok: true });
      if (readOnly.has(action.name)) expect(await tableFingerprint(t.db), action.name).toEqual(before);
      else expect(await tableFingerprint(t.db), action.name).not.toEqual(before);
    }
    const [refunded] = await t.db.select().from(orders).where(eq(orders.id, ids.order));
    expect(refunded!.status).toBe("refunded");
  });
});
