import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { loadBrand } from "@/lib/mail/brand";
import { renderEmail } from "@/lib/mail/render";
import { createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { getCompanyIdentity, updateCompanyIdentity } from "./company";

let t: TestDatabase;
let admin: number;
beforeAll(async () => {
  t = await createTestDatabase();
  admin = await createAdmin(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

describe("the company's identity", () => {
  it("saves the name and colour once, audited, and emails rendered afterwards wear them", async () => {
    expect(await updateCompanyIdentity(t.db, admin, { name: "Greenleaf Co", brandColor: "#1e3a8a", timeZone: "UTC" })).toEqual({ changed: true });
    expect(await updateCompanyIdentity(t.db, admin, { name: "Greenleaf Co", brandColor: "#1e3a8a", timeZone: "UTC" })).toEqual({ changed: false });
    expect(await getCompanyIdentity(t.db)).toMatchObject({ name: "Greenleaf Co", brandColor: "#1e3a8a", timeZone: "UTC" });
    const audits = (await t.db.select().from(auditLog)).filter((a) => a.action === "company.update");
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toEqual({ name: "Greenleaf Co", brandColor: "#1e3a8a", timeZone: "UTC" });
    const mail = await renderEmail("notification", { title: "Hello", body: ["One"] }, await loadBrand(t.db));
    expect(mail.html).toContain("Greenleaf Co");
    expect(mail.html.toLowerCase()).toContain("#1e3a8a");
  });

  it("changes the time zone alone, audited with its before and after", async () => {
    expect(await updateCompanyIdentity(t.db, admin, { name: "Greenleaf Co", brandColor: "#1e3a8a", timeZone: "America/New_York" })).toEqual({ changed: true });
    expect((await getCompanyIdentity(t.db)).timeZone).toBe("America/New_York");
    const audits = (await t.db.select().from(auditLog)).filter((a) => a.action === "company.update");
    expect(audits.at(-1)).toMatchObject({ before: { timeZone: "UTC" }, after: { timeZone: "America/New_York" } });
  });
});
