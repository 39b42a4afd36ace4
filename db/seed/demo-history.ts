import type { Database } from "@/db/client";
import { closePeriodAudited } from "@/lib/admin/periods";
import { refundOrderAudited } from "@/lib/admin/orders";
import { markPayoutBatchPaid } from "@/lib/admin/payouts";
import { terminateDistributor } from "@/lib/admin/distributors";
import { settleTeamRollups } from "@/lib/ledger/rollups";
import { createOrder } from "@/lib/orders/create";
import { refundOrder } from "@/lib/orders/refund";
import { demoShippingAddress, payWithDemoCard } from "@/lib/payments/demo";
import { returnPayment } from "@/lib/payments/refund";
import { FOUNDERS, HISTORY_MONTHS, type Member } from "./demo-tree";
import type { Random } from "./random";

const DAY = 86_400_000;
// Confirmations paid together share the order batcher's transactions (lib/orders/batcher.ts): the seed's main cost.
const PAY_TOGETHER = 32;
// The months (0 = oldest) in which an admin terminates a member who signed up and never started.
const TERMINATION_MONTHS = [6, 9];

export interface HistoryInput {
  random: Random;
  now: Date;
  adminUserId: number;
  members: Member[];
  /** Member key -> distributor id. */
  distributorIds: Map<number, number>;
  /** Member key -> when they joined. */
  joinedAt: Map<number, Date>;
  /** The twelve periods, oldest first; the last is the current month. */
  periods: { id: number; startsOn: string; endsOn: string }[];
  catalog: { id: number; sku: string }[];
}

interface Placed {
  orderId: number;
  idempotencyKey: string;
  /** The buyer's member key; -1 once cancelled. */
  key: number;
  at: Date;
}

/**
 * A year of the demo company, month by month, through the services the app
 * uses: each month's orders are created, paid with the demo card (ledger
 * brought up to date), a few are cancelled within their cooling-off window or
 * refunded by the admin, a couple of members are terminated; then the month
 * is closed as the admin closes it (audited, with its payout batch) and, but
 * for the last closed month, its payouts are marked paid.
 */
export async function seedHistory(db: Database, input: HistoryInput): Promise<number> {
  const { random, now, adminUserId, members, distributorIds, joinedAt, periods, catalog } = input;
  const starterKit = catalog.find((p) => p.sku === "STR-KIT")!;
  // How keen each member is: most buy most months.
  const keenness = new Map(members.map((m) => [m.key, 0.5 + 0.45 * random.next()]));
  // Who leaves: members without recruits who joined a few months before their termination and never bought.
  // (A full run reads today's statuses, so terminating a member with volume would move a closed month's
  // compression away from its frozen ledger, and reconcile would report it.)
  const sponsors = new Set(members.map((m) => m.sponsorKey));
  const leavers = new Map<number, number>();
  for (const month of TERMINATION_MONTHS) {
    const candidates = members.filter(
      (m) => m.key >= FOUNDERS && !sponsors.has(m.key) && m.joinMonth >= month - 3 && m.joinMonth < month && !leavers.has(m.key),
    );
    leavers.set(random.pick(candidates).key, month);
  }
  let n = 0;
  for (let month = 0; month < HISTORY_MONTHS; month++) {
    const period = periods[month]!;
    const start = Date.parse(`${period.startsOn}T00:00:00Z`);
    const end = Math.min(now.getTime(), Date.parse(`${period.endsOn}T00:00:00Z`) - 1);
    const drafts: Omit<Parameters<typeof createOrder>[1], "idempotencyKey" | "provider" | "shippingAddress">[] = [];
    const keys: number[] = [];
    for (const m of members) {
      if (m.key === 0 || m.joinMonth > month || leavers.has(m.key)) continue;
      const from = Math.max(start, joinedAt.get(m.key)!.getTime());
      if (from > end) continue;
      const sellerId = distributorIds.get(m.key)!;
      const at = () => new Date(from + Math.floor(random.next() * (end - from)));
      const items = (count: number) => Array.from({ length: count }, () => ({ productId: random.pick(catalog).id, quantity: random.int(1, 3) }));
      // The demo distributor keeps active every month, so their earnings are real.
      if (m.key === 1) {
        drafts.push({ sellerId, kind: "personal", items: [{ productId: starterKit.id, quantity: 1 }], at: new Date(start) });
        keys.push(m.key);
      }
      if (random.chance(keenness.get(m.key)!)) {
        drafts.push({ sellerId, kind: "personal", items: items(random.int(1, 3)), at: at() });
        keys.push(m.key);
      }
      if (random.chance(0.25)) {
        drafts.push({ sellerId, kind: "retail", items: items(random.int(1, 2)), at: at() });
        keys.push(m.key);
      }
    }
    const order = drafts.map((_, i) => i).sort((a, b) => drafts[a]!.at.getTime() - drafts[b]!.at.getTime());
    // Created one by one (their ids follow their dates on every database), then paid together.
    const placed: Placed[] = [];
    for (const i of order) {
      const d = drafts[i]!;
      const key = `seed-${++n}`;
      const customer = d.kind === "retail" ? { name: `Customer ${n}`, email: `customer.${n}@example.net` } : undefined;
      const made = await createOrder(db, {
        ...d,
        idempotencyKey: key,
        provider: "demo",
        customer,
        shippingAddress: { ...demoShippingAddress, name: customer?.name ?? demoShippingAddress.name },
      });
      placed.push({ orderId: made.orderId, idempotencyKey: key, key: keys[i]!, at: d.at });
    }
    for (let i = 0; i < placed.length; i += PAY_TOGETHER) {
      await Promise.all(
        placed.slice(i, i + PAY_TOGETHER).map(async (p) => {
          const paid = await payWithDemoCard(db, { orderId: p.orderId, digits: "4242424242424242", idempotencyKey: `${p.idempotencyKey}:pay`, at: p.at });
          if (paid.kind !== "paid") throw new Error("the demo success card was declined");
        }),
      );
    }

    // A few buyers change their mind within the cooling-off window.
    const others = placed.filter((p) => p.key !== 1);
    for (const p of others) {
      const at = p.at.getTime() + random.int(2, 48) * 3_600_000;
      if (!random.chance(0.012) || at > end) continue;
      const refundReference = await returnPayment(db, p.orderId, new Date(at));
      await refundOrder(db, p.orderId, { status: "cancelled", reason: "Cancelled within the cooling-off window", at: new Date(at), refundReference });
      p.key = -1;
    }
    // And the admin refunds a couple within the month. (Not a closed month's: a full run reads today's
    // order statuses, so its reconcile would then differ from its frozen ledger.)
    const returnable = others.filter((p) => p.key > 1);
    for (const reason of ["Damaged in transit", "Returned unopened"]) {
      const p = returnable.splice(random.int(0, returnable.length - 1), 1)[0];
      const at = (p?.at.getTime() ?? end) + random.int(2, 10) * DAY;
      if (!p || at > end) continue;
      await refundOrderAudited(db, adminUserId, p.orderId, reason, new Date(at));
    }
    for (const [key, when] of leavers) if (when === month) await terminateDistributor(db, adminUserId, distributorIds.get(key)!, new Date(end));

    if (month < HISTORY_MONTHS - 1) {
      const next = Date.parse(`${period.endsOn}T00:00:00Z`);
      await closePeriodAudited(db, adminUserId, period.id, new Date(Math.min(now.getTime(), next + DAY)));
      await settleTeamRollups(db);
      // The last closed month's payouts are still to pay.
      if (month < HISTORY_MONTHS - 2) await markPayoutBatchPaid(db, adminUserId, period.id, new Date(next + 9 * DAY));
    }
  }
  return n;
}
