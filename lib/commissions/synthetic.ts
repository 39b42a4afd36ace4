import { PERSONAL, RETAIL, type Company, type InterchangeInput, type OrderArrays, type OrderStatus, type Plan } from "./types";

// A deterministic synthetic company for benchmarks and large seeds: same seed, same
// company, on any machine. Its shape follows real sales forces: most distributors recruit
// nobody, a few leaders recruit thousands, recruiting legs run 30+ deep, the deepest
// distributors sit a few hundred levels down, and about 40% are active in a period.
// Distributors come in id order (every sponsor before its recruits).

/** sfc32: small, fast, good enough for synthetic data; returns floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed | 0;
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

export const SYNTHETIC_PLAN: Plan = {
  activeMinPv: 100,
  personalBps: 2000,
  levelsBps: [1000, 700, 500, 300, 200, 100, 100],
  compression: true,
  ranks: [
    { name: "Member", minPv: 0, minGv: 0, paidLevels: 1 },
    { name: "Bronze", minPv: 100, minGv: 1_000, paidLevels: 2 },
    { name: "Silver", minPv: 100, minGv: 5_000, paidLevels: 3 },
    { name: "Gold", minPv: 100, minGv: 25_000, paidLevels: 5 },
    { name: "Platinum", minPv: 100, minGv: 100_000, paidLevels: 6 },
    { name: "Diamond", minPv: 200, minGv: 500_000, paidLevels: 7 },
  ],
};

export const STATUS_PAID = 0;
export const STATUS_REFUNDED = 1;
export const STATUS_CANCELLED = 2;
const STATUSES: readonly OrderStatus[] = ["paid", "refunded", "cancelled"];

export interface SyntheticOptions {
  distributors: number;
  orders: number;
  seed?: number;
  plan?: Plan;
}

export interface SyntheticCompany {
  plan: Plan;
  company: Company;
  /** counted is 1 exactly for status STATUS_PAID. */
  orders: Required<OrderArrays> & { pv: Int32Array; status: Uint8Array };
}

/** The sponsor tree (sponsor[i] < i): leg extensions, leaders and recruits of recent joiners. */
function syntheticSponsors(n: number, rnd: () => number): Int32Array {
  const sponsor = new Int32Array(n);
  if (n === 0) return sponsor;
  sponsor[0] = -1;
  const recent = (i: number): number => i - 1 - Math.floor(rnd() * Math.min(i, 100_000));
  // Legs: a recruiting chain that grows from its tip and now and then restarts elsewhere.
  const legTips = new Int32Array(800);
  // Leaders: a few distributors with heavy-tailed (Pareto) pull, chosen by cumulative weight.
  const leaders: number[] = [0];
  const cumulative: number[] = [1];
  let weight = 1;
  for (let i = 1; i < n; i++) {
    const x = rnd();
    let p: number;
    if (x < 0.18) {
      const leg = Math.floor(rnd() * legTips.length);
      p = legTips[leg]!;
      legTips[leg] = rnd() < 0.02 ? recent(i + 1) : i;
    } else if (x < 0.43) {
      const target = rnd() * weight;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      p = leaders[lo]!;
    } else if (rnd() < 0.25) {
      p = recent(i);
    } else {
      // The sponsor of a recent joiner: busy recruiters keep recruiting.
      p = Math.max(0, sponsor[recent(i)]!);
    }
    sponsor[i] = p;
    if (rnd() < 0.0015) {
      weight += Math.pow(1 - rnd(), -1 / 1.2);
      leaders.push(i);
      cumulative.push(weight);
    }
  }
  return sponsor;
}

export function syntheticCompany(options: SyntheticOptions): SyntheticCompany {
  const n = Math.max(0, Math.floor(options.distributors));
  const m = n === 0 ? 0 : Math.max(0, Math.floor(options.orders));
  const rnd = createRng(options.seed ?? 20240601);
  const sponsor = syntheticSponsors(n, rnd);

  const terminated = new Uint8Array(n);
  const engaged: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && rnd() < 0.02) terminated[i] = 1;
    else if (rnd() < 0.37) engaged.push(i);
  }
  if (engaged.length === 0 && n > 0) engaged.push(0);

  const seller = new Int32Array(m);
  const kind = new Uint8Array(m);
  const pv = new Int32Array(m);
  const cv = new Float64Array(m);
  const status = new Uint8Array(m);
  const counted = new Uint8Array(m);
  for (let o = 0; o < m; o++) {
    // Engaged distributors place most orders, with enough PV to qualify; the rest buy little.
    const isEngaged = rnd() < 0.8;
    const s = isEngaged ? engaged[Math.floor(rnd() * engaged.length)]! : Math.floor(rnd() * n);
    seller[o] = s;
    kind[o] = rnd() < 0.3 ? RETAIL : PERSONAL;
    const p = isEngaged ? 40 + Math.floor(rnd() * 120) : 10 + Math.floor(rnd() * 60);
    pv[o] = p;
    cv[o] = p * (80 + Math.floor(rnd() * 40));
    const r = rnd();
    status[o] = r < 0.95 ? STATUS_PAID : r < 0.98 ? STATUS_REFUNDED : STATUS_CANCELLED;
    counted[o] = status[o] === STATUS_PAID ? 1 : 0;
  }
  // Retail customers from a stream of their own, so the rest stays what it was before they existed:
  // each seller has up to 4 regular customers, who may buy several times a period.
  const crnd = createRng((options.seed ?? 20240601) ^ 0x5eed);
  const customer = new Int32Array(m).fill(-1);
  for (let o = 0; o < m; o++) if (kind[o] === RETAIL) customer[o] = seller[o]! * 4 + Math.floor(crnd() * 4);
  return {
    plan: options.plan ?? SYNTHETIC_PLAN,
    company: { sponsor, terminated },
    orders: { seller, kind, pv, cv, counted, status, customer },
  };
}

export const syntheticDistributorId = (i: number): string => `d${i}`;
export const syntheticOrderId = (o: number): string => `o${o}`;

/** The same company as an interchange document (string ids d<i> and o<o>). */
export function syntheticInterchange(s: SyntheticCompany): InterchangeInput {
  const { sponsor, terminated } = s.company;
  const o = s.orders;
  return {
    plan: s.plan,
    distributors: Array.from(sponsor, (p, i) => {
      const d = { id: syntheticDistributorId(i), sponsorId: p < 0 ? null : syntheticDistributorId(p) };
      return terminated[i] === 1 ? { ...d, terminated: true } : d;
    }),
    orders: Array.from(o.seller, (seller, i) => ({
      id: syntheticOrderId(i),
      sellerId: syntheticDistributorId(seller),
      kind: o.kind[i] === RETAIL ? ("retail" as const) : ("personal" as const),
      pv: o.pv[i]!,
      cvCents: o.cv[i]!,
      status: STATUSES[o.status[i]!] ?? "paid",
    })),
  };
}
