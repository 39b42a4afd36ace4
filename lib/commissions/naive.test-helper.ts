// A second, deliberately naive implementation of the rules in docs/commissions.md, for
// tests only: objects keyed by id, the rules read literally, no typed arrays, no
// precomputed pointers. It assumes valid input (the real parser is tested separately).
import type { BreakageReason, InterchangeInput, InterchangeOutput, SkipReason } from "./types";

interface Person {
  id: string;
  sponsorId: string | null;
  terminated: boolean;
  pv: number;
  /** PV of the person's paid retail orders. */
  retailPv: number;
  /** The customerIds of the person's paid retail orders. */
  customers: Set<string>;
  gv: number;
  active: boolean;
  rank: { name: string; paidLevels: number } | null;
}

export interface NaiveLevel {
  level: number;
  /** Who earned the level (null: nobody). */
  beneficiaryId: string | null;
  /** Who used the level up (null: the chain ended). */
  uplineId: string | null;
  amount: number;
  reason: BreakageReason | null;
  skipped: { id: string; reason: SkipReason }[];
}

export interface NaiveResult extends InterchangeOutput {
  breakageTotal: number;
  breakageByOrder: Map<string, number>;
  /** Per counted order, levels 1..L in order. */
  levelsByOrder: Map<string, NaiveLevel[]>;
}

export function naiveCompute(input: InterchangeInput): NaiveResult {
  const { plan } = input;
  const people = new Map<string, Person>();
  for (const d of input.distributors) {
    people.set(d.id, {
      id: d.id,
      sponsorId: d.sponsorId,
      terminated: d.terminated === true,
      pv: 0,
      retailPv: 0,
      customers: new Set(),
      gv: 0,
      active: false,
      rank: null,
    });
  }
  const get = (id: string): Person => {
    const p = people.get(id);
    if (p === undefined) throw new Error(`naive: unknown ${id}`);
    return p;
  };
  const sponsorOf = (p: Person): Person | null => (p.sponsorId === null ? null : get(p.sponsorId));

  const paid = input.orders.filter((o) => o.status === "paid");
  for (const o of paid) {
    get(o.sellerId).pv += o.pv;
    if (o.kind === "retail") get(o.sellerId).retailPv += o.pv;
    if (o.kind === "retail" && o.customerId !== undefined) get(o.sellerId).customers.add(o.customerId);
  }
  // The retail rule: retail PV / PV >= retailMinBps / 10000, read literally (as rationals: no PV meets it).
  const retailBps = plan.retailMinBps ?? 0;
  // Its customer form: at least retailMinCustomers distinct customers.
  const minCustomers = plan.retailMinCustomers ?? 0;
  const meetsRetail = (p: Person): boolean =>
    (retailBps === 0 || p.pv === 0 || p.retailPv / p.pv >= retailBps / 10000) && (minCustomers === 0 || p.customers.size >= minCustomers);
  // gv(D) = pv of D and of everyone below D: add each person's pv to themselves and every upline.
  for (const p of people.values()) {
    for (let u: Person | null = p; u !== null; u = sponsorOf(u)) u.gv += p.pv;
  }
  for (const p of people.values()) {
    p.active = !p.terminated && p.pv >= plan.activeMinPv;
    p.rank = null;
    if (!p.terminated) {
      for (const r of plan.ranks) if (r.minPv <= p.pv && r.minGv <= p.gv) p.rank = r;
    }
  }

  const commissions: InterchangeOutput["commissions"] = [];
  const breakageByOrder = new Map<string, number>();
  const levelsByOrder = new Map<string, NaiveLevel[]>();
  let breakageTotal = 0;
  for (const o of paid) {
    const seller = get(o.sellerId);
    if (o.kind === "retail" && plan.personalBps > 0 && !seller.terminated) {
      const amount = Math.floor((o.cvCents * plan.personalBps) / 10000);
      if (amount > 0) commissions.push({ orderId: o.id, beneficiaryId: seller.id, level: 0, amountCents: amount });
    }
    const levels: NaiveLevel[] = [];
    let fullPayout = 0;
    for (const bps of plan.levelsBps) fullPayout += Math.floor((o.cvCents * bps) / 10000);
    let paidOut = 0;
    let k = 1;
    let skipped: NaiveLevel["skipped"] = [];
    let u = sponsorOf(seller);
    while (k <= plan.levelsBps.length && u !== null) {
      if (plan.compression && !u.active) {
        skipped.push({ id: u.id, reason: u.terminated ? "terminated" : "inactive" });
        u = sponsorOf(u);
        continue;
      }
      const amount = Math.floor((o.cvCents * (plan.levelsBps[k - 1] ?? 0)) / 10000);
      const rankPays = (u.rank?.paidLevels ?? 0) >= k;
      if (u.active && rankPays && meetsRetail(u)) {
        if (amount > 0) commissions.push({ orderId: o.id, beneficiaryId: u.id, level: k, amountCents: amount });
        paidOut += amount;
        levels.push({ level: k, beneficiaryId: u.id, uplineId: u.id, amount, reason: null, skipped });
      } else {
        const reason: BreakageReason = u.active ? (rankPays ? "retail" : "rank") : u.terminated ? "terminated" : "inactive";
        levels.push({ level: k, beneficiaryId: null, uplineId: u.id, amount, reason, skipped });
      }
      skipped = [];
      k = k + 1;
      u = sponsorOf(u);
    }
    while (k <= plan.levelsBps.length) {
      const amount = Math.floor((o.cvCents * (plan.levelsBps[k - 1] ?? 0)) / 10000);
      levels.push({ level: k, beneficiaryId: null, uplineId: null, amount, reason: "no-upline", skipped });
      skipped = [];
      k++;
    }
    breakageByOrder.set(o.id, fullPayout - paidOut);
    levelsByOrder.set(o.id, levels);
    breakageTotal += fullPayout - paidOut;
  }

  const totals = new Map<string, number>();
  for (const c of commissions) totals.set(c.beneficiaryId, (totals.get(c.beneficiaryId) ?? 0) + c.amountCents);
  const ids = [...totals.keys()].filter((id) => (totals.get(id) ?? 0) > 0).sort();
  return {
    distributors: input.distributors.map((d) => {
      const p = get(d.id);
      return { id: p.id, pv: p.pv, gv: p.gv, active: p.active, rank: p.rank?.name ?? null };
    }),
    commissions,
    totals: ids.map((id) => ({ beneficiaryId: id, amountCents: totals.get(id) ?? 0 })),
    breakageCents: breakageTotal,
    breakageTotal,
    breakageByOrder,
    levelsByOrder,
  };
}
