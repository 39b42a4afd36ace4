import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderLines, orders, products } from "@/db/schema";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { auditEntries, createAdmin } from "@/tests/admin-fixtures";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { AdminError } from "./errors";
import { createProduct, deleteProduct, getProduct, listProducts, setProductArchived, updateProduct } from "./products";

let t: TestDatabase;
let co: TestCompany;
let admin: number;

beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, [null, 0, 1]);
  admin = await createAdmin(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

const input = { name: "Greens Plus", sku: "GRN-PLUS", description: "Better greens", imageUrl: null, priceCents: 4999, pv: 40, cvCents: 3999, active: true };

describe("admin products", () => {
  it("creates a product and audits it", async () => {
    const { id } = await createProduct(t.db, admin, input);
    expect(await getProduct(t.db, id)).toMatchObject({ ...input, orderLines: 0 });
    const [entry] = await auditEntries(t.db, "product.create");
    expect(entry).toMatchObject({ actorUserId: admin, entity: "product", entityId: String(id), before: null });
    expect(entry!.after).toMatchObject({ sku: "GRN-PLUS", priceCents: 4999 });
  });

  it("refuses a SKU already used, whatever its case, and writes nothing", async () => {
    const before = (await auditEntries(t.db)).length;
    await expect(createProduct(t.db, admin, { ...input, sku: "grn-plus" })).rejects.toMatchObject({ name: "AdminError", field: "sku" });
    await expect(createProduct(t.db, admin, { ...input, sku: "t-small" })).rejects.toBeInstanceOf(AdminError);
    expect((await auditEntries(t.db)).length).toBe(before);
  });

  it("a price or volume change never alters an existing order", async () => {
    const { id } = await createProduct(t.db, admin, { ...input, sku: "PRICE-TEST" });
    const placed = await placeDemoPaidOrder(t.db, {
      sellerId: co.ids[2]!,
      kind: "personal",
      items: [{ productId: id, quantity: 2 }],
      idempotencyKey: "price-test",
      at: new Date("2026-11-10T10:00:00Z"),
    });
    const { changed } = await updateProduct(t.db, admin, id, { ...input, sku: "PRICE-TEST", priceCents: 9999, pv: 1, cvCents: 10 });
    expect(changed).toBe(true);
    const [order] = await t.db.select().from(orders).where(eq(orders.id, placed.orderId));
    expect(order).toMatchObject({ totalCents: 9998, pv: 80, cvCents: 7998 });
    const [line] = await t.db.select().from(orderLines).where(eq(orderLines.orderId, placed.orderId));
    expect(line).toMatchObject({ unitPriceCents: 4999, unitPv: 40, unitCvCents: 3999 });
    expect((await getProduct(t.db, id))!.orderLines).toBe(1);
    expect((await listProducts(t.db, { q: "PRICE-TEST", status: "all", sort: "name", dir: "asc", page: 1 })).rows[0]!.orderLines).toBe(1);
    const [entry] = (await auditEntries(t.db, "product.update")).slice(-1);
    expect(entry!.before).toMatchObject({ priceCents: 4999 });
    expect(entry!.after).toMatchObject({ priceCents: 9999, pv: 1 });
    expect((await updateProduct(t.db, admin, id, { ...input, sku: "PRICE-TEST", priceCents: 9999, pv: 1, cvCents: 10 })).changed).toBe(false);
  });

  it("archives instead of deleting once a product has orders; deletes one without", async () => {
    const [used] = await t.db.select().from(products).where(eq(products.sku, "PRICE-TEST"));
    await expect(deleteProduct(t.db, admin, used!.id)).rejects.toThrow(/archive it instead/);
    await setProductArchived(t.db, admin, used!.id, true);
    expect((await getProduct(t.db, used!.id))!.active).toBe(false);
    await expect(setProductArchived(t.db, admin, used!.id, true)).rejects.toThrow(/already archived/);
    await setProductArchived(t.db, admin, used!.id, false);
    const { id } = await createProduct(t.db, admin, { ...input, sku: "MISTAKE" });
    await deleteProduct(t.db, admin, id);
    expect(await getProduct(t.db, id)).toBeNull();
    const actions = (await auditEntries(t.db)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["product.archive", "product.restore", "product.delete"]));
  });

  it("lists with search, status filter, sort and pagination in SQL", async () => {
    for (let i = 0; i < 22; i++)
      await createProduct(t.db, admin, { ...input, sku: `BULK-${String(i).padStart(2, "0")}`, name: `Bulk ${i}`, priceCents: 100 + i, active: i % 2 === 0 });
    const page1 = await listProducts(t.db, { q: "bulk", status: "all", sort: "price", dir: "desc", page: 1 });
    expect(page1.total).toBe(22);
    expect(page1.rows).toHaveLength(20);
    expect(page1.rows[0]!.sku).toBe("BULK-21");
    const page2 = await listProducts(t.db, { q: "bulk", status: "all", sort: "price", dir: "desc", page: 2 });
    expect(page2.rows.map((r) => r.sku)).toEqual(["BULK-01", "BULK-00"]);
    expect((await listProducts(t.db, { q: "bulk", status: "archived", sort: "sku", dir: "asc", page: 1 })).total).toBe(11);
    expect((await listProducts(t.db, { q: "100%_", status: "all", sort: "name", dir: "asc", page: 1 })).total).toBe(0);
  });
});
