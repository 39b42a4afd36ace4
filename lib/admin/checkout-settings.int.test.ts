import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEntries, createAdmin, tableFingerprint } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany } from "@/tests/fixtures/company";
import { getCheckoutSettings, listShippingRates, removeShippingRate, setShippingRate, updateCheckoutSettings } from "./checkout-settings";

let t: TestDatabase;
let admin: number;

beforeAll(async () => {
  t = await createTestDatabase();
  // The fixture ships to US (free) and CA ($7.50).
  await createCompany(t.db, [null]);
  admin = await createAdmin(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

describe("shipping rates", () => {
  it("adds a country, changes its rate, and audits each change", async () => {
    expect(await setShippingRate(t.db, admin, "JP", 1250)).toEqual({ created: true, changed: true });
    expect(await setShippingRate(t.db, admin, "JP", 0)).toEqual({ created: false, changed: true });
    expect(await listShippingRates(t.db)).toEqual([
      { country: "CA", rateCents: 750 },
      { country: "JP", rateCents: 0 },
      { country: "US", rateCents: 0 },
    ]);
    const entries = await auditEntries(t.db, "shipping.set_rate");
    expect(entries.map((e) => [e.entity, e.entityId, e.before, e.after])).toEqual([
      ["shipping_rate", "JP", null, { country: "JP", rateCents: 1250 }],
      ["shipping_rate", "JP", { country: "JP", rateCents: 1250 }, { country: "JP", rateCents: 0 }],
    ]);
  });

  it("writes nothing when the rate is unchanged", async () => {
    const before = await tableFingerprint(t.db, ["shipping_rates", "audit_log"]);
    expect(await setShippingRate(t.db, admin, "JP", 0)).toEqual({ created: false, changed: false });
    expect(await tableFingerprint(t.db, ["shipping_rates", "audit_log"])).toEqual(before);
  });

  it("removes a country with its audit entry; removing one not offered is refused and writes nothing", async () => {
    await removeShippingRate(t.db, admin, "JP");
    expect((await listShippingRates(t.db)).map((r) => r.country)).toEqual(["CA", "US"]);
    const [entry] = await auditEntries(t.db, "shipping.remove_rate");
    expect(entry).toMatchObject({ actorUserId: admin, entityId: "JP", before: { country: "JP", rateCents: 0 }, after: null });
    const before = await tableFingerprint(t.db, ["shipping_rates", "audit_log"]);
    await expect(removeShippingRate(t.db, admin, "JP")).rejects.toMatchObject({ name: "AdminError", message: expect.stringMatching(/nothing to remove/) });
    expect(await tableFingerprint(t.db, ["shipping_rates", "audit_log"])).toEqual(before);
  });

  it("the database refuses a rate out of range even past the form", async () => {
    await expect(setShippingRate(t.db, admin, "DE", -1)).rejects.toThrow();
    await expect(setShippingRate(t.db, admin, "de", 100)).rejects.toThrow();
    expect((await listShippingRates(t.db)).map((r) => r.country)).toEqual(["CA", "US"]);
  });
});

describe("checkout settings", () => {
  it("starts at the defaults: 24 hours, $1,000.00 and 10 items", async () => {
    expect(await getCheckoutSettings(t.db)).toEqual({ pendingOrderMinutes: 1440, guestMaxTotalCents: 100_000, guestMaxUnits: 10 });
  });

  it("saves and audits a change; the same values again change nothing", async () => {
    const input = { pendingOrderMinutes: 90, guestMaxTotalCents: 50_000, guestMaxUnits: 20 };
    expect(await updateCheckoutSettings(t.db, admin, input)).toEqual({ changed: true });
    expect(await getCheckoutSettings(t.db)).toEqual(input);
    const [entry] = await auditEntries(t.db, "checkout.update");
    expect(entry).toMatchObject({
      entity: "checkout_settings",
      entityId: null,
      before: { pendingOrderMinutes: 1440, guestMaxTotalCents: 100_000, guestMaxUnits: 10 },
      after: input,
    });
    const before = await tableFingerprint(t.db, ["checkout_settings", "audit_log"]);
    expect(await updateCheckoutSettings(t.db, admin, input)).toEqual({ changed: false });
    expect(await tableFingerprint(t.db, ["checkout_settings", "audit_log"])).toEqual(before);
  });

  it("the database's checks hold past the form: a window under 30 minutes is refused", async () => {
    await expect(updateCheckoutSettings(t.db, admin, { pendingOrderMinutes: 29, guestMaxTotalCents: 50_000, guestMaxUnits: 20 })).rejects.toThrow();
    expect((await getCheckoutSettings(t.db)).pendingOrderMinutes).toBe(90);
  });
});
