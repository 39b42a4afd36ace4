// The public checkout's abuse limits, called as a script would call the action:
// the flood the security review found (20 guest orders in seconds from one
// client) is refused with a clear message and writes nothing past the limit;
// the guest caps hold; and a production deployment without a payment provider
// refuses orders instead of faking payment.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { checkoutSettings, orders } from "@/db/schema";
import { env } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";

// The requests carry the TCP peer in the header server.mjs sets; lib/env.ts is told so, as server.mjs tells it.
vi.hoisted(() => {
  process.env.LINEAGE_PEER_HEADER = "1";
});

const state = vi.hoisted(() => ({ db: null as Database | null, ip: "198.51.100.1", now: new Date("2026-11-15T12:00:00Z") }));

// The guest is signed out; next-auth's own module needs Next's bundler to load.
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => null }));
vi.mock("next-auth", async () => {
  const { AuthError, CredentialsSignin } = await import("@auth/core/errors");
  return { AuthError, CredentialsSignin };
});
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/clock", () => ({ now: () => new Date(state.now) }));
vi.mock("next/server", () => ({ after: vi.fn(), connection: async () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-lineage-peer": state.ip, host: "shop.test" }) }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
}));

let t: TestDatabase;
let co: TestCompany;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  co = await createCompany(t.db, [null, 0, 1]);
});
afterAll(async () => {
  await t?.destroy();
});

const address = { shipName: "Pat Guest", shipLine1: "1 Test Street", shipCity: "Springfield", shipRegion: "IL", shipPostalCode: "62701", shipCountry: "US" };

function guestForm(email: string, items: string): FormData {
  const fd = new FormData();
  const fields: Record<string, string> = {
    customerName: "Flood Guest",
    customerEmail: email,
    items,
    idempotencyKey: randomUUID(),
    ...address,
  };
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

async function checkout(email: string, items = `${co.productIds[0]}:1`): Promise<{ redirect?: string; message?: string }> {
  const { placeRetailOrder } = await import("./place-retail-order");
  try {
    const result = await placeRetailOrder("member-1", { ok: false }, guestForm(email, items));
    return { message: result.message };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    const url = /^NEXT_REDIRECT;replace;(.*);307;$/.exec(digest)?.[1];
    if (!url) throw error;
    return { redirect: url };
  }
}

const guestOrders = async () =>
  (
    await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(eq(orders.kind, "retail"))
  )[0]!.n;

describe("the public checkout", () => {
  it("stops a flood of guest orders from one client with a clear message", async () => {
    state.ip = "198.51.100.20";
    const before = await guestOrders();
    // 20 orders in a burst from one client, each with its own email (the per-email limit is not what stops them).
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await checkout(`flood${i}@test.example`));
    const placed = answers.filter((a) => a.redirect?.startsWith("/receipt/"));
    expect(placed).toHaveLength(10);
    expect(answers.slice(10).every((a) => a.message === "Too many orders from your connection in a short time. Please try again in a few minutes.")).toBe(true);
    expect(await guestOrders()).toBe(before + 10);
    // Unpaid, none of them counts anywhere.
    expect((await t.db.select().from(orders).where(eq(orders.kind, "retail"))).every((o) => o.status === "pending_payment" && o.periodId === null)).toBe(true);
  });

  it("limits orders per email address, whatever the client's address", async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) {
      state.ip = `198.51.100.${100 + i}`;
      answers.push(await checkout("same@test.example"));
    }
    expect(answers.slice(0, 5).every((a) => a.redirect)).toBe(true);
    expect(answers[5]!.message).toBe("Too many orders for this email address in the last hour. Please try again later.");
  });

  it("caps a guest order's items and total (admin settings)", async () => {
    state.ip = "198.51.100.30";
    expect((await checkout("cap1@test.example", `${co.productIds[0]}:11`)).message).toMatch(/^A guest order holds at most 10 items\./);
    await t.db.update(checkoutSettings).set({ guestMaxTotalCents: 1500 });
    expect((await checkout("cap2@test.example", `${co.productIds[0]}:2`)).message).toMatch(/^A guest order may total at most \$15\.00\./);
    await t.db.update(checkoutSettings).set({ guestMaxTotalCents: 100000 });
  });

  it("refuses orders on a production database without a payment provider, writing nothing", async () => {
    state.ip = "198.51.100.40";
    const saved = { databaseUrl: env.databaseUrl, demoPayments: env.demoPayments, stripe: env.stripe };
    Object.assign(env, { databaseUrl: "postgres://production.example/db", demoPayments: false, stripe: undefined });
    try {
      const before = await guestOrders();
      expect((await checkout("noprovider@test.example")).message).toBe(
        "Online payments are not set up yet, so orders cannot be taken. Please contact the company.",
      );
      expect(await guestOrders()).toBe(before);
    } finally {
      Object.assign(env, saved);
    }
  });
});
