// The PDF route handler (app/income-disclosure/[id]/pdf/route.ts) called as Next
// calls it: a real PDF for a published statement, a plain 404 for anything else.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { GET } from "@/app/income-disclosure/[id]/pdf/route";
import { closePeriod } from "@/lib/ledger/close";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createAdmin } from "@/tests/admin-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany } from "@/tests/fixtures/company";
import { publishIncomeStatement } from "./published";

const handle = vi.hoisted(() => ({ db: null as Database | null }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => handle.db! }));
vi.mock("next/server", () => ({ connection: async () => {} }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => null }));

let t: TestDatabase;
let published = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  handle.db = t.db;
  const co = await createCompany(t.db, [null, 0, 1]);
  const paid = await placeDemoPaidOrder(t.db, {
    sellerId: co.ids[2]!,
    kind: "personal",
    items: [{ productId: co.productIds[2]!, quantity: 1 }],
    idempotencyKey: "pdf-1",
    at: new Date("2026-05-10T12:00:00Z"),
  });
  await closePeriod(t.db, paid.periodId);
  const admin = await createAdmin(t.db);
  published = (await publishIncomeStatement(t.db, admin, paid.periodId, paid.periodId, new Date("2026-06-02T08:00:00Z"))).id;
});
afterAll(async () => {
  await t?.destroy();
});

const get = (id: string) => GET(new Request(`http://localhost/income-disclosure/${id}/pdf`), { params: Promise.resolve({ id }) });

describe("income disclosure PDF", () => {
  it("renders a published statement as a PDF", async () => {
    const response = await get(String(published));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain(`income-disclosure-${published}.pdf`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.subarray(-6).toString("latin1")).toContain("%%EOF");
  });

  it.each(["999999", "0", "abc", "1e3", "-1", "12345678901"])("answers 404 with a message for %s", async (id) => {
    const response = await get(id);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("No published income disclosure statement has this number.");
  });
});
