import { count, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { commissionPeriods, company, compensationPlans, distributors, planRanks, products, shippingRates, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { listClosedPeriods } from "@/lib/compliance/income-statement";
import { publishIncomeStatement } from "@/lib/compliance/published";
import { PAYOUT_PAID, PERIOD_EARNINGS } from "@/lib/admin/period-notices";
import { notify } from "@/lib/notifications/notify";
import { ORDER_NOTICE } from "@/lib/orders/receipt-notices";
import { daysBetween, dateOf, nextRunDate } from "@/lib/autoship/cycle";
import { createSubscription } from "@/lib/autoship/manage";
import { demoCards, demoShippingAddress, saveDemoCard } from "@/lib/payments/demo";
import { monthOf, previousMonth, type MonthRange } from "@/lib/periods";
import { RANK_CHECK } from "@/lib/team/rank-notices";
import { makeReferralCode } from "@/lib/referral-code";
import { demoPlan, demoProducts, demoShippingRates } from "./catalog";
import { seedHistory } from "./demo-history";
import { buildTree, demoEmail, FOUNDERS, HISTORY_MONTHS } from "./demo-tree";
import { createRandom, type Random } from "./random";

export const demoPassword = "lineage-demo";
export const demoLogins = { admin: "admin@example.com", distributor: demoEmail } as const;

const DAY = 86_400_000;
// Sized for startup: the whole year seeds in about 20 s on PGlite (docs/benchmarks.md).
const DEMO_SIZE = 200;

async function insertInChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * The company's welcome to the demo's two sign-ins, through notify() as any
 * announcement goes: one unread notification under the bell, and its email in
 * the outbox, so a person trying the demo sees both at once.
 */
async function welcomeDemoLogins(db: Database, now: Date): Promise<void> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.email, [demoLogins.admin, demoLogins.distributor]));
  const [co] = await db.select({ name: company.name }).from(company).limit(1);
  await db.transaction(async (tx) => {
    for (const user of rows) {
      await notify(tx, {
        userId: user.id,
        kind: "announcement",
        eventKey: "welcome",
        title: `Welcome to ${co?.name ?? "the portal"}`,
        body: [
          "Your team, your orders and your earnings are all here. This bell tells you when something happens: someone joins your team, you reach a rank, your earnings are ready.",
          "Choose what also comes by email, and how often, in your notification settings.",
        ],
        href: "/dashboard/notifications/settings",
        action: "Choose your notifications",
        at: now,
      });
    }
  });
}

/**
 * Autoships for some members, each with a saved demo card, one to three
 * products and a day whose next date is 4 to 31 days away: the admin's
 * autoship pages have upcoming runs from the start, and first start queues
 * neither a run nor a reminder (their emails would fill the outbox).
 */
async function seedAutoships(db: Database, random: Random, owners: number[], catalogIds: number[], now: Date): Promise<void> {
  const today = dateOf(now);
  for (const distributorId of owners) {
    const saved = await saveDemoCard(db, { distributorId, card: { number: demoCards.success, expiry: "12/34", cvc: "123" }, at: now });
    if (!saved.ok) throw new Error(saved.message);
    let day = random.int(1, 28);
    while (daysBetween(today, nextRunDate(day, today)) < 4) day = (day % 28) + 1;
    const products = new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(catalogIds)));
    await createSubscription(db, {
      distributorId,
      items: [...products].map((productId) => ({ productId, quantity: random.int(1, 2) })),
      dayOfMonth: day,
      address: demoShippingAddress,
      methodId: saved.methodId,
      at: now,
    });
  }
}

/**
 * Seeds the demo company into an empty database: a year of history ending at
 * `now` (db/seed/demo-history.ts). Deterministic but for dates, which follow `now`.
 */
export async function seedDemoCompany(db: Database, now: Date): Promise<{ distributors: number; orders: number }> {
  const random = createRandom(20261127);
  const passwordHash = await hashPassword(demoPassword);
  const members = buildTree(random, DEMO_SIZE);
  const months: MonthRange[] = [monthOf(now)];
  while (months.length < HISTORY_MONTHS) months.unshift(previousMonth(months[0]!));
  const monthStart = (m: number) => Date.parse(`${months[m]!.startsOn}T00:00:00Z`);

  const base = await db.transaction(async (tx) => {
    await tx.insert(company).values({ name: "Verdant Wellness (demo)", currency: "USD" });
    await tx.insert(shippingRates).values(demoShippingRates);
    const [plan] = await tx
      .insert(compensationPlans)
      .values({
        version: 1,
        activeMinPv: demoPlan.activeMinPv,
        personalBps: demoPlan.personalBps,
        levelsBps: demoPlan.levelsBps,
        compression: demoPlan.compression,
      })
      .returning({ id: compensationPlans.id });
    if (!plan) throw new Error("plan insert returned nothing");
    await tx.insert(planRanks).values(demoPlan.ranks.map((r, position) => ({ planId: plan.id, position, ...r })));
    const periods = await tx
      .insert(commissionPeriods)
      .values(months.map((m) => ({ ...m, planId: plan.id })))
      .returning({ id: commissionPeriods.id, startsOn: commissionPeriods.startsOn, endsOn: commissionPeriods.endsOn });
    periods.sort((a, b) => a.startsOn.localeCompare(b.startsOn));

    const catalog = await tx
      .insert(products)
      .values(demoProducts.map((p) => ({ ...p, imageUrl: `/products/${p.sku.toLowerCase()}.svg` })))
      .returning();

    // Seeded accounts are verified: their addresses were never asked to prove anything.
    const [admin] = await tx
      .insert(users)
      .values({ email: demoLogins.admin, name: "Avery Admin", role: "admin", passwordHash, emailVerifiedAt: now })
      .returning({ id: users.id });
    const userIds = new Map<string, number>();
    await insertInChunks(members, 500, async (chunk) => {
      const rows = await tx
        .insert(users)
        .values(chunk.map((m) => ({ email: m.email, name: m.name, role: "distributor" as const, passwordHash, emailVerifiedAt: now })))
        .returning({ id: users.id, email: users.email });
      for (const r of rows) userIds.set(r.email, r.id);
    });

    // The founders were there before the history starts; everyone else joins in their month, after their sponsor.
    const joinedAt = new Map<number, Date>();
    for (const m of members) {
      const sponsorJoined = m.sponsorKey === null ? monthStart(0) - 60 * DAY : joinedAt.get(m.sponsorKey)!.getTime();
      const at =
        m.joinMonth === 0 && m.key < FOUNDERS
          ? sponsorJoined + random.int(1, 4) * DAY
          : Math.max(sponsorJoined + 3_600_000, monthStart(m.joinMonth) + Math.floor(random.next() * 28 * DAY));
      joinedAt.set(m.key, new Date(Math.min(now.getTime(), at)));
    }
    // Insert generation by generation so every sponsor exists before its recruits.
    const distributorIds = new Map<number, number>();
    const maxGeneration = Math.max(...members.map((m) => m.generation));
    for (let g = 0; g <= maxGeneration; g++) {
      const generation = members.filter((m) => m.generation === g);
      const rows = await tx
        .insert(distributors)
        .values(
          generation.map((m) => ({
            userId: userIds.get(m.email)!,
            sponsorId: m.sponsorKey === null ? null : distributorIds.get(m.sponsorKey)!,
            referralCode: m.key === 0 ? "lineage" : m.key === 1 ? "dana-rivers" : makeReferralCode(m.name, (n) => random.int(0, n - 1)),
            status: "active" as const,
            joinedAt: joinedAt.get(m.key)!,
          })),
        )
        .returning({ id: distributors.id, userId: distributors.userId });
      const byUser = new Map(rows.map((r) => [r.userId, r.id]));
      for (const m of generation) distributorIds.set(m.key, byUser.get(userIds.get(m.email)!)!);
    }
    return { adminUserId: admin!.id, periods, catalog, distributorIds, joinedAt };
  });

  const orders = await seedHistory(db, { random, now, members, ...base });
  // The demo's history was never bought, closed or paid by anyone: its receipts, earnings
  // and payout notices would bury the outbox (and delay real mail) under thousands of messages at first start.
  await db.execute(sql`delete from jobs where status = 'queued' and kind in (${ORDER_NOTICE}, ${PERIOD_EARNINGS}, ${PAYOUT_PAID}, ${RANK_CHECK})`);
  // Autoship owners: about a quarter of the active members, never the demo distributor (a person trying the demo starts their own).
  const active = await db.select({ id: distributors.id }).from(distributors).where(eq(distributors.status, "active"));
  const activeIds = new Set(active.map((d) => d.id));
  const autoshipOwners = members
    .filter((m) => m.key > 1 && activeIds.has(base.distributorIds.get(m.key)!) && random.chance(0.25))
    .map((m) => base.distributorIds.get(m.key)!);
  await seedAutoships(
    db,
    random,
    autoshipOwners,
    base.catalog.filter((p) => p.active).map((p) => p.id),
    now,
  );
  await welcomeDemoLogins(db, now);
  // A person trying the portal finds an income disclosure statement over all the closed periods at once (published by no one: the seed).
  const closed = await listClosedPeriods(db);
  if (closed.length > 0) await publishIncomeStatement(db, null, closed[0]!.id, closed.at(-1)!.id, now);
  await db.execute(sql`analyze`);
  return { distributors: members.length, orders };
}
