// The autoship page's side of saving a card with Stripe (lib/data/autoship.ts):
// the member's return from Stripe's page records the card and, for a running
// autoship, switches it (restarting a stopped one); a session of another
// member does nothing; the card a new autoship can use.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { distributors } from "@/db/schema";
import { createSubscription } from "@/lib/autoship/manage";
import { saveDemoCard } from "@/lib/payments/demo";
import { stripeProvider } from "@/lib/payments/stripe";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany, type TestCompany } from "@/tests/fixtures/company";
import { useStripeStandIn, type StripeStandIn } from "@/tests/stripe-stand-in";

const state = vi.hoisted(() => ({ db: null as Database | null, userId: null as number | null, now: new Date("2026-11-10T12:00:00Z") }));
vi.mock("@/lib/auth/current-session", () => ({ currentSession: async () => (state.userId === null ? null : { user: { id: String(state.userId), sv: 1 } }) }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => state.db! }));
vi.mock("@/lib/clock", () => ({ now: () => state.now }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("404");
  },
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { finishMyCardSave, getMyAutoship, getMyReadyCard } = await import("./autoship");

let t: TestDatabase;
let co: TestCompany;
let stand: StripeStandIn;
let stop: () => Promise<void>;
const urls = { success: "https://portal.test/dashboard/autoship", cancel: "https://portal.test/dashboard/autoship?card=cancelled" };

async function signIn(i: number) {
  const [row] = await t.db.select({ userId: distributors.userId }).from(distributors).where(eq(distributors.id, co.ids[i]!));
  state.userId = row!.userId;
}

/** Member i goes to Stripe's page (for their autoship, or a new one) and saves a card there; returns the session id their return carries. */
async function saveAtStripe(i: number, subscriptionId: number | null, number = "4242424242424242") {
  const request = { distributorId: co.ids[i]!, email: `member${i}@test.example`, name: `Member ${i}`, subscriptionId, idempotencyKey: randomUUID() };
  const { url } = await stripeProvider.startCardSave!(t.db, request, urls, state.now);
  const session = url.split("/").pop()!;
  stand.saveCard(session, number);
  return session;
}

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  co = await createCompany(t.db, [null, 0, 0, 0]);
  ({ stand, stop } = await useStripeStandIn());
  stand.clock = () => state.now;
});
afterAll(async () => {
  await stop?.();
  await t?.destroy();
});

describe("back from saving a card on Stripe's page", () => {
  it("before starting: the card is recorded and is the one a new autoship uses; another member's session does nothing", async () => {
    await signIn(1);
    expect(await getMyReadyCard("stripe")).toBeNull();
    const session = await saveAtStripe(1, null);
    expect(await finishMyCardSave(session)).toEqual({
      ok: true,
      message: "Visa ending 4242 is saved. Now choose what you receive and when, and start your autoship.",
    });
    expect(await getMyReadyCard("stripe")).toMatchObject({ brand: "Visa", last4: "4242", expMonth: 12, expYear: 2030 });
    // Member 2 opens member 1's return link: nothing recorded for anyone.
    await signIn(2);
    expect(await finishMyCardSave(session)).toEqual({ ok: false, message: "No card was saved. Save a card with Stripe to use it for autoship." });
    expect(await getMyReadyCard("stripe")).toBeNull();
    const [count] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from payment_methods`);
    expect(count!.n).toBe(1);
  });

  it("for a stopped autoship: switched to the new card and started again", async () => {
    await signIn(3);
    const demo = await saveDemoCard(t.db, { distributorId: co.ids[3]!, card: { number: "4000 0000 0000 0002", expiry: "12/30", cvc: "123" }, at: state.now });
    if (!demo.ok) throw new Error(demo.message);
    const made = await createSubscription(t.db, {
      distributorId: co.ids[3]!,
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      dayOfMonth: 5,
      address: { name: "A Member", line1: "1 Main Street", city: "Springfield", region: "IL", postalCode: "62701", country: "US" },
      methodId: demo.methodId,
      at: state.now,
    });
    // Its card kept declining: stopped.
    await t.db.execute(sql`update subscriptions set status = 'failed' where id = ${made.subscriptionId}`);
    state.now = new Date("2026-12-10T12:00:00Z");
    const session = await saveAtStripe(3, made.subscriptionId);
    expect(await finishMyCardSave(session)).toEqual({
      ok: true,
      message: "Card saved. Autoship is on again: the next run is on January 5, 2027. (Visa ending 4242)",
    });
    expect(await getMyAutoship()).toMatchObject({ status: "active", nextRunOn: "2027-01-05", card: { provider: "stripe", brand: "Visa", last4: "4242" } });
    // A reload of the return page: the same card, the same autoship.
    expect((await finishMyCardSave(session))?.ok).toBe(true);
    const methods = await queryRows<{ provider: string; removed: boolean }>(
      t.db,
      sql`select provider, removed_at is not null as removed from payment_methods where distributor_id = ${co.ids[3]!} order by id`,
    );
    expect(methods).toEqual([
      { provider: "demo", removed: true },
      { provider: "stripe", removed: false },
    ]);
  });
});
