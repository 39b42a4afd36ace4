import { CommissionInputError, type InputErrorCode } from "./errors";
import { buildTree, cycleFrom } from "./tree";
import { PERSONAL, RETAIL, type Company, type OrderArrays, type Plan, type Rank, type TreeIndex } from "./types";

// Parsing of the interchange document (spec "Interchange format") into the index-based
// core's arrays. Plain checks, no schema library: it runs over millions of records.
// Every message is one line naming the problem and, where there is one, the offending id.

/** A valid interchange input, by index: distributor i is distributorIds[i], order o is orderIds[o]. */
export interface ParsedInterchange {
  plan: Plan;
  distributorIds: string[];
  orderIds: string[];
  company: Company;
  /** pv is a Float64Array; counted marks paid orders; customer indexes the orders' customerIds (-1: none). */
  orders: Required<OrderArrays>;
  tree: TreeIndex;
}

const MAX_BPS = 10000;
/** The most retail customers the customer rule may require (the plan editor's bound too). */
export const MAX_RETAIL_MIN_CUSTOMERS = 100;
const MAX_CV = 1e11;

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function q(s: string): string {
  return JSON.stringify(s);
}

/** The offending value, short, for the message. */
function shown(v: unknown): string {
  const s = v === undefined ? "undefined" : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function fail(code: InputErrorCode, message: string, id?: string): never {
  throw new CommissionInputError(code, message, id === undefined ? {} : { id });
}

/** Reads a required field; `where` labels the record in messages. */
function field(obj: Json, key: string, where: string, id?: string): unknown {
  if (!Object.hasOwn(obj, key) || obj[key] === undefined) fail("missing", `${where}: missing field ${q(key)}`, id);
  return obj[key];
}

function figure(obj: Json, key: string, where: string, id?: string, max = Number.MAX_SAFE_INTEGER): number {
  const v = field(obj, key, where, id);
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0 || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? "a non-negative integer" : `an integer from 0 to ${max}`;
    fail("invalid", `${where}: ${key} must be ${range}, got ${shown(v)}`, id);
  }
  return v === 0 ? 0 : v; // JSON's -0 is a valid 0
}

function nonEmptyString(obj: Json, key: string, where: string, id?: string): string {
  const v = field(obj, key, where, id);
  if (typeof v !== "string" || v.length === 0) fail("invalid", `${where}: ${key} must be a non-empty string, got ${shown(v)}`, id);
  return v;
}

function list(obj: Json, key: string, where: string): unknown[] {
  const v = field(obj, key, where);
  if (!Array.isArray(v)) fail("invalid", `${where}: ${key} must be a list, got ${shown(v)}`);
  return v;
}

export function parsePlan(v: unknown): Plan {
  if (!isRecord(v)) fail("invalid", `plan must be an object, got ${shown(v)}`);
  const activeMinPv = figure(v, "activeMinPv", "plan");
  const personalBps = figure(v, "personalBps", "plan", undefined, MAX_BPS);
  const levelsBps = list(v, "levelsBps", "plan").map((b, k) => {
    if (typeof b !== "number" || !Number.isSafeInteger(b) || b < 0 || b > MAX_BPS) {
      fail("invalid", `plan: levelsBps[${k}] must be an integer from 0 to ${MAX_BPS}, got ${shown(b)}`);
    }
    return b === 0 ? 0 : b;
  });
  const compression = field(v, "compression", "plan");
  if (typeof compression !== "boolean") fail("invalid", `plan: compression must be true or false, got ${shown(compression)}`);
  const ranks = list(v, "ranks", "plan").map((r, k): Rank => {
    const where = `plan.ranks[${k}]`;
    if (!isRecord(r)) fail("invalid", `${where} must be an object, got ${shown(r)}`);
    const name = nonEmptyString(r, "name", where);
    const named = `${where} (${q(name)})`;
    return { name, minPv: figure(r, "minPv", named), minGv: figure(r, "minGv", named), paidLevels: figure(r, "paidLevels", named) };
  });
  const plan: Plan = { activeMinPv, personalBps, levelsBps, compression, ranks };
  // The retail rule is optional; 0 is the same as absent (off).
  const retailMinBps = "retailMinBps" in v ? figure(v, "retailMinBps", "plan", undefined, MAX_BPS) : 0;
  if (retailMinBps > 0) plan.retailMinBps = retailMinBps;
  // So is its customer form.
  const retailMinCustomers = "retailMinCustomers" in v ? figure(v, "retailMinCustomers", "plan", undefined, MAX_RETAIL_MIN_CUSTOMERS) : 0;
  if (retailMinCustomers > 0) plan.retailMinCustomers = retailMinCustomers;
  return plan;
}

/** Validates a parsed JSON document and indexes it. Throws CommissionInputError. */
export function parseInterchange(doc: unknown): ParsedInterchange {
  if (!isRecord(doc)) fail("shape", `input must be a JSON object with plan, distributors and orders, got ${shown(doc)}`);
  const plan = parsePlan(field(doc, "plan", "input"));
  const dists = list(doc, "distributors", "input");
  const ords = list(doc, "orders", "input");

  const n = dists.length;
  const distributorIds: string[] = new Array<string>(n);
  const sponsorIds: (string | null)[] = new Array<string | null>(n);
  const index = new Map<string, number>();
  const terminated = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = dists[i];
    let where = `distributors[${i}]`;
    if (!isRecord(d)) fail("invalid", `${where} must be an object, got ${shown(d)}`);
    const id = nonEmptyString(d, "id", where);
    where = `distributor ${q(id)}`;
    if (index.has(id)) fail("duplicate", `duplicate distributor id ${q(id)}`, id);
    index.set(id, i);
    distributorIds[i] = id;
    if (!Object.hasOwn(d, "sponsorId") || d.sponsorId === undefined) fail("missing", `${where}: missing field "sponsorId"`, id);
    const s = d.sponsorId;
    if (s !== null && (typeof s !== "string" || s.length === 0)) {
      fail("invalid", `${where}: sponsorId must be a non-empty string or null, got ${shown(s)}`, id);
    }
    sponsorIds[i] = s;
    if (Object.hasOwn(d, "terminated") && d.terminated !== undefined) {
      if (typeof d.terminated !== "boolean") fail("invalid", `${where}: terminated must be true or false, got ${shown(d.terminated)}`, id);
      terminated[i] = d.terminated ? 1 : 0;
    }
  }
  const sponsor = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = sponsorIds[i] ?? null;
    if (s === null) {
      sponsor[i] = -1;
      continue;
    }
    const j = index.get(s);
    const id = distributorIds[i]!;
    if (j === undefined) fail("unknown-sponsor", `distributor ${q(id)}: unknown sponsor ${q(s)}`, id);
    sponsor[i] = j;
  }

  const m = ords.length;
  const orderIds: string[] = new Array<string>(m);
  const seen = new Set<string>();
  const seller = new Int32Array(m);
  const kind = new Uint8Array(m);
  const pv = new Float64Array(m);
  const cv = new Float64Array(m);
  const counted = new Uint8Array(m);
  // Customers by index in order of first appearance; -1 where an order names none.
  const customer = new Int32Array(m).fill(-1);
  const customerIndex = new Map<string, number>();
  let pvTotal = 0;
  for (let o = 0; o < m; o++) {
    const r = ords[o];
    let where = `orders[${o}]`;
    if (!isRecord(r)) fail("invalid", `${where} must be an object, got ${shown(r)}`);
    const id = nonEmptyString(r, "id", where);
    where = `order ${q(id)}`;
    if (seen.has(id)) fail("duplicate", `duplicate order id ${q(id)}`, id);
    seen.add(id);
    orderIds[o] = id;
    const sellerId = nonEmptyString(r, "sellerId", where, id);
    const s = index.get(sellerId);
    if (s === undefined) fail("unknown-seller", `${where}: unknown seller ${q(sellerId)}`, id);
    seller[o] = s;
    const k = field(r, "kind", where, id);
    if (k !== "personal" && k !== "retail") fail("invalid", `${where}: kind must be "personal" or "retail", got ${shown(k)}`, id);
    kind[o] = k === "retail" ? RETAIL : PERSONAL;
    pv[o] = figure(r, "pv", where, id);
    cv[o] = figure(r, "cvCents", where, id, MAX_CV);
    const status = field(r, "status", where, id);
    if (status !== "paid" && status !== "refunded" && status !== "cancelled") {
      fail("invalid", `${where}: status must be "paid", "refunded" or "cancelled", got ${shown(status)}`, id);
    }
    if (Object.hasOwn(r, "customerId") && r.customerId !== undefined) {
      const c = nonEmptyString(r, "customerId", where, id);
      let ci = customerIndex.get(c);
      if (ci === undefined) customerIndex.set(c, (ci = customerIndex.size));
      customer[o] = ci;
    }
    if (status === "paid") {
      counted[o] = 1;
      pvTotal += pv[o]!;
    }
  }
  // GV sums PV over whole downlines: keep every sum exact.
  if (pvTotal > Number.MAX_SAFE_INTEGER) fail("overflow", "the total PV of paid orders exceeds 2^53-1");

  let tree: TreeIndex;
  try {
    tree = buildTree(sponsor);
  } catch (e) {
    if (e instanceof CommissionInputError && e.code === "cycle" && e.index !== undefined) {
      const cycle = cycleFrom(sponsor, e.index).map((i) => distributorIds[i] ?? "");
      const id = cycle[0] ?? "";
      const shownCycle = cycle.length > 8 ? [...cycle.slice(0, 8).map(q), "..."] : cycle.map(q);
      fail("cycle", `cycle in the sponsor tree at distributor ${q(id)}: ${[...shownCycle, q(id)].join(" -> ")}`, id);
    }
    throw e;
  }
  return { plan, distributorIds, orderIds, company: { sponsor, terminated }, orders: { seller, kind, pv, cv, counted, customer }, tree };
}

/** JSON text to a valid input; invalid JSON is bad input too. */
export function parseInterchangeText(text: string): ParsedInterchange {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/\s+/g, " ") : String(e);
    fail("json", `invalid JSON: ${detail}`);
  }
  return parseInterchange(doc);
}
