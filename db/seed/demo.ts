import { count, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { commissionPeriods, company, compensationPlans, distributors, planRanks, products, shippingRates, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { defaultRange, listClosedPeriods } from "@/lib/compliance/income-statement";
import { publishIncomeStatement } from "@/lib/compliance/published";
import { closePeriod } from "@/lib/ledger/close";
import { notify } from "@/lib/notifications/notify";
import { ORDER_NOTICE } from "@/lib/orders/receipt-notices";
import { daysBetween, dateOf, nextRunDate } from "@/lib/autoship/cycle";
import { createSubscription } from "@/lib/autoship/manage";
import { demoCards, demoShippingAddress, placeDemoPaidOrder, saveDemoCard } from "@/lib/payments/demo";
import { monthOf, previousMonth } from "@/lib/periods";
import { makeReferralCode } from "@/lib/referral-code";
import { demoPlan, demoProducts, demoShippingRates, firstNames, lastNames } from "./catalog";
import { createRandom, type Random } from "./random";

export const demoPassword = "lineage-demo";
export const demoLogins = { admin: "admin@example.com", distributor: "demo@example.com" } as const;

interface Member {
  key: number;
  name: string;
  email: string;
  sponsorKey: number | null;
  generation: number;
  terminated: boolean;
}

/**
 * The demo sponsor tree: a house account, the demo distributor (largest team,
 * legs at least seven generations deep) and seven other leaders. New members
 * join recent members more often, as real recruiting does, so legs run deep.
 */
function buildTree(random: Random, size: number): Member[] {
  const members: Member[] = [];
  const add = (name: string, email: string, sponsor: Member | null, terminated = false): Member => {
    const m: Member = {
      key: members.length,
      name,
      email,
      sponsorKey: sponsor?.key ?? null,
      generation: sponsor ? sponsor.generation + 1 : 0,
      terminated,
    };
    members.push(m);
    return m;
  };
  const uniqueName = () => `${random.pick(firstNames)} ${random.pick(lastNames)}`;
  const emailFor = (name: string, n: number) =>
    `${name
      .normalize("NFKD")
      .replace(/[^A-Za-z ]/g, "")
      .toLowerCase()
      .replace(/ +/g, ".")}.${n}@example.com`;

  const house = add("Lineage House Account", "house@example.com", null);
  const demo = add("Dana Rivers", demoLogins.distributor, house);
  const demoTeam: Member[] = [demo];
  const otherTeam: Member[] = [];
  for (let i = 0; i < 7; i++) {
    const name = uniqueName();
    otherTeam.push(add(name, emailFor(name, members.length), house));
  }
  // A guaranteed deep leg under the demo distributor.
  let leg = demo;
  for (let g = 0; g < 7; g++) {
    const name = uniqueName();
    leg = add(name, emailFor(name, members.length), leg);
    demoTeam.push(leg);
  }
  while (members.length < size) {
    const pool = random.chance(0.62) ? demoTeam : otherTeam;
    // Squaring biases the pick towards recent members: deeper legs.
    const back = Math.floor(pool.length * random.next() ** 2);
    const sponsor = pool[pool.length - 1 - back] ?? pool[0]!;
    const name = uniqueName();
    const member = add(name, emailFor(name, members.length), sponsor, random.chance(0.01));
    pool.push(member);
  }
  return members;
}

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

/** Seeds the demo company into an empty database. Deterministic but for dates, which follow `now`. */
export async function seedDemoCompany(db: Database, now: Date): Promise<{ distributors: number; orders: number }> {
  const random = createRandom(20261127);
  const passwordHash = await hashPassword(demoPassword);
  const members = buildTree(random, 320);

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

    const current = monthOf(now);
    const previous = previousMonth(current);
    const periods = await tx
      .insert(commissionPeriods)
      .values([
        { ...previous, planId: plan.id },
        { ...current, planId: plan.id },
      ])
      .returning({ id: commissionPeriods.id, startsOn: commissionPeriods.startsOn, endsOn: commissionPeriods.endsOn });

    const catalog = await tx
      .insert(products)
      .values(demoProducts.map((p) => ({ ...p, imageUrl: `/products/${p.sku.toLowerCase()}.svg` })))
      .returning();

    // Seeded accounts are verified: their addresses were never asked to prove anything.
    await tx.insert(users).values({ email: demoLogins.admin, name: "Avery Admin", role: "admin", passwordHash, emailVerifiedAt: now });
    const userIds = new Map<string, number>();
    await insertInChunks(members, 500, async (chunk) => {
      const rows = await tx
        .insert(users)
        .values(chunk.map((m) => ({ email: m.email, name: m.name, role: "distributor" as const, passwordHash, emailVerifiedAt: now })))
        .returning({ id: users.id, email: users.email });
      for (const r of rows) userIds.set(r.email, r.id);
    });

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
            status: m.terminated ? ("terminated" as const) : ("active" as const),
            joinedAt: new Date(now.getTime() - (maxGeneration - g + 1) * 20 * 86_400_000 - random.int(0, 19) * 86_400_000),
          })),
        )
        .returning({ id: distributors.id, userId: distributors.userId });
      const byUser = new Map(rows.map((r) => [r.userId, r.id]));
      for (const m of generation) distributorIds.set(m.key, byUser.get(userIds.get(m.email)!)!);
    }

    // Orders: most members buy most months; some also sell to retail customers.
    type Draft = {
      sellerId: number;
      periodId: number;
      kind: "personal" | "retail";
      at: Date;
      items: { product: (typeof catalog)[number]; quantity: number }[];
    };
    const drafts: Draft[] = [];
    for (const period of periods) {
      const start = Date.parse(`${period.startsOn}T00:00:00Z`);
      const end = Math.min(now.getTime(), Date.parse(`${period.endsOn}T00:00:00Z`) - 1);
      for (const m of members) {
        if (m.key === 0 || m.terminated) continue;
        const sellerId = distributorIds.get(m.key)!;
        const at = () => new Date(start + Math.floor(random.next() * (end - start)));
        const basket = (n: number) => Array.from({ length: n }, () => ({ product: random.pick(catalog), quantity: random.int(1, 3) }));
        // The demo distributor keeps active every month, so their earnings are real.
        if (m.key === 1)
          drafts.push({
            sellerId,
            periodId: period.id,
            kind: "personal",
            at: new Date(start),
            items: [{ product: catalog.find((p) => p.sku === "STR-KIT")!, quantity: 1 }],
          });
        if (random.chance(0.62)) drafts.push({ sellerId, periodId: period.id, kind: "personal", at: at(), items: basket(random.int(1, 3)) });
        if (random.chance(0.3)) drafts.push({ sellerId, periodId: period.id, kind: "retail", at: at(), items: basket(random.int(1, 2)) });
      }
    }
    drafts.sort((a, b) => a.at.getTime() - b.at.getTime());
    // Autoship owners: about a quarter of the active members, never the demo distributor (a person trying the demo starts their own).
    const autoshipOwners = members.filter((m) => m.key > 1 && !m.terminated && random.chance(0.25)).map((m) => distributorIds.get(m.key)!);
    return { drafts, previousPeriodId: periods[0]!.id, autoshipOwners, catalog };
  });

  // Every demo order goes through the same path as a shopper's: created unpaid,
  // paid with the demo success card, which confirms it and brings the ledger up to date. Last month is then closed,
  // so the demo has both a closed period and an open one.
  let n = 0;
  const place = (d: (typeof base.drafts)[number]) =>
    placeDemoPaidOrder(db, {
      sellerId: d.sellerId,
      kind: d.kind,
      items: d.items.map((it) => ({ productId: it.product.id, quantity: it.quantity })),
      idempotencyKey: `seed-${++n}`,
      customer: d.kind === "retail" ? { name: `Customer ${n}`, email: `customer.${n}@example.net` } : undefined,
      shippingAddress: { ...demoShippingAddress, name: d.kind === "retail" ? `Customer ${n}` : demoShippingAddress.name },
      at: d.at,
    });
  for (const d of base.drafts.filter((d) => d.periodId === base.previousPeriodId)) await place(d);
  await closePeriod(db, base.previousPeriodId);
  for (const d of base.drafts.filter((d) => d.periodId !== base.previousPeriodId)) await place(d);
  // The demo's history was never bought by anyone: its receipts would bury the
  // outbox (and delay real mail) under hundreds of messages at first start.
  await db.execute(sql`delete from jobs where kind = ${ORDER_NOTICE} and status = 'queued'`);
  await seedAutoships(
    db,
    random,
    base.autoshipOwners,
    base.catalog.filter((p) => p.active).map((p) => p.id),
    now,
  );
  await welcomeDemoLogins(db, now);
  // A person trying the portal finds an income disclosure statement over the closed periods at once (published by no one: the seed).
  const range = defaultRange(await listClosedPeriods(db));
  if (range) await publishIncomeStatement(db, null, range.fromPeriodId, range.toPeriodId, now);
  await db.execute(sql`analyze`);
  return { distributors: members.length, orders: base.drafts.length };
}
