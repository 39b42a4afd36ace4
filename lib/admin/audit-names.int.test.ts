import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissionPeriods } from "@/db/schema";
import { auditEntries, createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, testProducts, type TestCompany } from "@/tests/fixtures/company";
import { auditRefs, formatAuditEntry, type AuditRow } from "./audit-format";
import { loadAuditNames } from "./audit-names";
import { updateProduct } from "./products";

let t: TestDatabase;
let co: TestCompany;
let admin: number;
beforeAll(async () => {
  t = await createTestDatabase();
  co = await createCompany(t.db, [null, 0]);
  admin = await createAdmin(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

describe("the names audit entries point at", () => {
  it("are looked up by kind, and a kind with no ids finds nothing", async () => {
    const [period] = await t.db
      .insert(commissionPeriods)
      .values({ startsOn: "2026-12-01", endsOn: "2027-01-01", planId: co.planId })
      .returning({ id: commissionPeriods.id });
    const names = await loadAuditNames(t.db, { distributors: [co.ids[1]!, 999999], products: [co.productIds[0]!], periods: [period!.id], plans: [co.planId] });
    expect([...names.distributors]).toEqual([[co.ids[1]!, "Member 1"]]);
    expect([...names.products]).toEqual([[co.productIds[0]!, "Small"]]);
    expect([...names.periods]).toEqual([[period!.id, "2026-12-01"]]);
    expect([...names.plans]).toEqual([[co.planId, 1]]);
    const none = await loadAuditNames(t.db, { distributors: [], products: [], periods: [], plans: [] });
    expect([none.distributors.size, none.products.size, none.periods.size, none.plans.size]).toEqual([0, 0, 0, 0]);
  });

  it("turn a recorded price change into words, with the product named and linked", async () => {
    const id = co.productIds[0]!;
    await updateProduct(t.db, admin, id, { ...testProducts[0], description: "", imageUrl: null, active: true, priceCents: 1400 });
    const [raw] = (await auditEntries(t.db, "product.update")).slice(-1);
    const row: AuditRow = { ...raw!, actor: "Test Admin" };
    const entry = formatAuditEntry(row, { names: await loadAuditNames(t.db, auditRefs([row])), currency: "USD", timeZone: "UTC" });
    expect(entry.subject).toEqual({ text: "Small", href: `/admin/products/${id}` });
    expect(entry.changes).toEqual([{ label: "Price", before: { text: "$10.00" }, after: { text: "$14.00" } }]);
  });
});
