// Types of the commission engine. The rules, and the data layout and algorithm, are in docs/commissions.md.

/** A rank of the plan. Ranks are listed lowest to highest; the last one that qualifies wins. */
export interface Rank {
  name: string;
  minPv: number;
  minGv: number;
  /** How many upline levels (after compression) this rank is paid on. */
  paidLevels: number;
}

/** The compensation plan. Every figure is a non-negative integer; basis points: 10000 = 100%. */
export interface Plan {
  activeMinPv: number;
  /** Level 0: the seller's share of CV on its retail orders. */
  personalBps: number;
  /** Entry k-1 is the share of CV paid at upline level k. */
  levelsBps: number[];
  /** true: inactive uplines are skipped and do not use up a level. */
  compression: boolean;
  ranks: Rank[];
  /**
   * The retail rule (docs/commissions.md "The retail rule"): at least this share of a
   * distributor's PV must come from their retail orders for them to be paid levels 1 and
   * above. 0 or absent: off.
   */
  retailMinBps?: number;
  /**
   * The retail customer rule (docs/commissions.md "The retail rule"): at least this many
   * distinct retail customers with a counted retail order from the distributor in the
   * period, for them to be paid levels 1 and above. 0 or absent: off.
   */
  retailMinCustomers?: number;
}

/** The sponsor tree by index: distributors are 0..n-1. */
export interface Company {
  /** sponsor[i] is i's sponsor index, -1 for a root. */
  sponsor: Int32Array;
  /** 1 when terminated: never active, no rank, no level 0; volume still counts upline. */
  terminated: Uint8Array;
}

export const PERSONAL = 0;
export const RETAIL = 1;
/** 0 = personal, 1 = retail. */
export type OrderKind = typeof PERSONAL | typeof RETAIL;

/** Integer PV figures, per order or per distributor. */
export type PvArray = Int32Array | Uint32Array | Float64Array;

/** A period's orders by index (parallel arrays, one entry per order). */
export interface OrderArrays {
  /** Seller's distributor index. */
  seller: Int32Array;
  /** 0 personal, 1 retail. */
  kind: Uint8Array;
  /** Commissionable value, integer minor units, at most 1e11. */
  cv: Float64Array;
  /** PV per order; may be omitted when pvByDistributor is passed to computePeriod. */
  pv?: PvArray;
  /** 1 = counted (paid), 0 = refunded/cancelled. Omitted: every order counts. */
  counted?: Uint8Array;
  /**
   * The retail customer of each order (an index, -1 for none recorded; read on retail orders only).
   * Needed only for the customer rule when retailCustomersByDistributor is not passed to computePeriod.
   */
  customer?: Int32Array;
}

/** Topological order of the sponsor tree (see tree.ts). */
export interface TreeIndex {
  size: number;
  /** Sponsors before their recruits; null when the identity order already is (sponsor[i] < i for all i). */
  topo: Int32Array | null;
}

/** Per-distributor figures of a period: everything needed to pay any order. */
export interface PeriodState {
  plan: Plan;
  company: Company;
  tree: TreeIndex;
  pv: Float64Array;
  gv: Float64Array;
  /** 1 when active. */
  active: Uint8Array;
  /** Index into plan.ranks, -1 for none. */
  rank: Int32Array;
  /** PV of the distributor's counted retail orders; null when not given (only possible with the retail rule off). */
  retailPv: Float64Array | null;
  /** Distinct retail customers of the distributor's counted retail orders; null when not given (only possible with the customer rule off). */
  retailCustomers: Int32Array | null;
  /** Levels the distributor can be paid on now: its rank's paidLevels when active and meeting the retail rules, else 0. */
  pays: Int32Array;
  /** Nearest active strict ancestor (-1 for none): the next hop of the compressed upline. */
  nextActive: Int32Array;
}

/** Upline levels fit a byte in any realistic plan; longer plans get wider arrays. */
export type LevelArray = Uint8Array | Uint16Array | Int32Array;

/**
 * Commission lines with a positive amount, ordered by order index then level.
 * Every array has exactly `count` entries.
 */
export interface Lines {
  count: number;
  order: Int32Array;
  beneficiary: Int32Array;
  /** 0 = the seller's retail share, k >= 1 = upline level k. */
  level: LevelArray;
  /** Integer minor units. */
  amount: Float64Array;
}

export const SKIP_INACTIVE = 0;
export const SKIP_TERMINATED = 1;
export type SkipReason = "inactive" | "terminated";

export const BREAK_RANK = 0;
export const BREAK_INACTIVE = 1;
export const BREAK_TERMINATED = 2;
export const BREAK_NO_UPLINE = 3;
export const BREAK_RETAIL = 4;
/**
 * Why nobody earned a level: "rank" the upline's rank pays too few levels; "inactive" /
 * "terminated" an inactive upline used the level up (compression off); "no-upline" the chain ended;
 * "retail" an active upline whose rank pays the level failed the plan's retail rule (either form).
 */
export type BreakageReason = "rank" | "inactive" | "terminated" | "no-upline" | "retail";

/**
 * Skipped uplines of a list of entries (lines, or lost levels): entry e's are
 * index[begin[e] .. end[e]), nearest first. Entries coming up from the same distributor
 * share one range of the pool, which is what keeps explanations cheap.
 */
export interface SkipLists {
  begin: Int32Array;
  end: Int32Array;
  /** The pool (shared by a run's line and breakage lists). */
  index: Int32Array;
  /** SKIP_* code, parallel to index. */
  reason: Uint8Array;
}

/**
 * Every explanation of a run, flat (typed arrays), so that millions of lines stay cheap.
 * Read it directly, or through explainLine / explainOrder (explain.ts) for object forms.
 */
export interface PeriodExplanations {
  /** Lines of order o are lines [orderLineStart[o], orderLineStart[o+1]). */
  orderLineStart: Int32Array;
  /** Breakage entries of order o are [orderBreakageStart[o], orderBreakageStart[o+1]). */
  orderBreakageStart: Int32Array;
  /** Per line: the uplines compression skipped between the previous level's upline (or the seller) and the beneficiary. */
  lineSkips: SkipLists;
  /** One entry per level of a counted order that nobody earned, ordered by order then level. */
  breakage: {
    count: number;
    order: Int32Array;
    level: LevelArray;
    /** The upline that used the level up, -1 when the chain ended. */
    upline: Int32Array;
    /** BREAK_* code. */
    reason: Uint8Array;
    /** Skipped before the level; on the first "no-upline" level, the inactive rest of the chain. */
    skips: SkipLists;
  };
}

/** The result of a full run. It is also a PeriodState, so payOrder and uplineWindow accept it. */
export interface PeriodResult extends PeriodState {
  /** The orders the run paid (as passed in). */
  orders: OrderArrays;
  lines: Lines;
  /** Total breakage over counted orders (exact while below 2^53). */
  breakage: number;
  /** Breakage per order (0 for orders not counted); only with options.breakageByOrder. */
  breakageByOrder?: Float64Array;
  /** Only with options.explain. */
  explanations?: PeriodExplanations;
}

/** An upline passed over by compression on the way to a level. */
export interface SkippedUpline {
  index: number;
  reason: SkipReason;
}

/** "Why this amount": one commission line. */
export interface LineExplanation {
  orderIndex: number;
  sellerIndex: number;
  level: number;
  rateBps: number;
  beneficiaryIndex: number;
  amount: number;
  /** Uplines between the previous level's upline (or the seller) and the beneficiary, nearest first. */
  skipped: SkippedUpline[];
}

/** A level of an order that nobody earned. */
export interface BreakageExplanation {
  orderIndex: number;
  level: number;
  rateBps: number;
  amount: number;
  /** The upline that used the level up, -1 for "no-upline". */
  uplineIndex: number;
  reason: BreakageReason;
  /** Uplines skipped before this level (for "no-upline": the inactive rest of the chain). */
  skipped: SkippedUpline[];
  /** For reason "retail": each form of the retail rule the upline failed, with its figures. */
  retailShortfalls?: RetailShortfall[];
}

/**
 * A form of the retail rule a distributor fails: "share" retail PV below the plan's share of
 * PV; "customers" fewer distinct retail customers than the plan's minimum.
 */
export type RetailShortfall = { rule: "share"; retailPv: number; pv: number; minBps: number } | { rule: "customers"; customers: number; minCustomers: number };

/** Everything an order paid and lost. */
export interface OrderExplanation {
  orderIndex: number;
  sellerIndex: number;
  lines: LineExplanation[];
  breakage: BreakageExplanation[];
}

/** One order's payout computed on its own (incremental updates). */
export interface OrderPayout {
  lines: { beneficiary: number; level: number; amount: number }[];
  breakage: number;
  explanation?: OrderExplanation;
}

// ---- Interchange format (the CLI's JSON; string ids) ----

export interface InterchangeDistributor {
  id: string;
  sponsorId: string | null;
  terminated?: boolean;
}

export type OrderStatus = "paid" | "refunded" | "cancelled";

export interface InterchangeOrder {
  id: string;
  sellerId: string;
  kind: "personal" | "retail";
  pv: number;
  cvCents: number;
  status: OrderStatus;
  /** Optional: who bought a retail order (the customer rule counts distinct ones per seller); ignored on personal orders. */
  customerId?: string;
}

export interface InterchangeInput {
  plan: Plan;
  distributors: InterchangeDistributor[];
  orders: InterchangeOrder[];
}

/**
 * A money total. A bigint only when the exact value exceeds 2^53-1 (beyond any real
 * company); formatInterchange prints it exactly, JSON.stringify would not.
 */
export type Cents = number | bigint;

export interface InterchangeOutput {
  distributors: { id: string; pv: number; gv: number; active: boolean; rank: string | null }[];
  commissions: { orderId: string; beneficiaryId: string; level: number; amountCents: number }[];
  totals: { beneficiaryId: string; amountCents: Cents }[];
  breakageCents: Cents;
}
