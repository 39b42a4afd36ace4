import { CommissionInputError } from "./errors";
import { stateFromVolumes } from "./standing";
import { buildTree } from "./tree";
import { RETAIL, type Company, type OrderArrays, type PeriodState, type Plan, type TreeIndex } from "./types";

/** PV per distributor: the sum of PV of each one's counted orders. */
export function aggregatePv(size: number, orders: OrderArrays): Float64Array {
  const { seller, pv, counted } = orders;
  if (pv === undefined) throw new CommissionInputError("missing", "orders.pv is required unless pvByDistributor is given");
  checkOrderArrays(size, orders);
  const out = new Float64Array(size);
  const n = seller.length;
  if (counted === undefined) {
    for (let o = 0; o < n; o++) out[seller[o]!]! += pv[o]!;
  } else {
    for (let o = 0; o < n; o++) if (counted[o] !== 0) out[seller[o]!]! += pv[o]!;
  }
  return out;
}

/** PV per distributor of their counted retail orders (the retail rule's input). */
export function aggregateRetailPv(size: number, orders: OrderArrays): Float64Array {
  const { seller, kind, pv, counted } = orders;
  if (pv === undefined) throw new CommissionInputError("missing", "orders.pv is required unless retailPvByDistributor is given");
  checkOrderArrays(size, orders);
  const out = new Float64Array(size);
  const retail = RETAIL;
  for (let o = 0, n = seller.length; o < n; o++) if (kind[o] === retail && (counted === undefined || counted[o] !== 0)) out[seller[o]!]! += pv[o]!;
  return out;
}

/**
 * Distinct retail customers per distributor: the customers (orders.customer >= 0) of each one's
 * counted retail orders, each counted once per seller (the customer rule's input). Linear: orders
 * are bucketed by customer, then each seller marks the last customer it counted.
 */
export function aggregateRetailCustomers(size: number, orders: OrderArrays): Int32Array {
  const { seller, kind, counted, customer } = orders;
  if (customer === undefined) throw new CommissionInputError("missing", "orders.customer is required unless retailCustomersByDistributor is given");
  checkOrderArrays(size, orders);
  const m = seller.length;
  if (customer.length !== m) throw new CommissionInputError("shape", "order arrays differ in length");
  const retail = RETAIL;
  let customers = 0;
  for (let o = 0; o < m; o++) if (customer[o]! >= customers) customers = customer[o]! + 1;
  const start = new Int32Array(customers + 1);
  for (let o = 0; o < m; o++) if (kind[o] === retail && customer[o]! >= 0 && (counted === undefined || counted[o] !== 0)) start[customer[o]! + 1]!++;
  for (let c = 0; c < customers; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, customers);
  const bySeller = new Int32Array(start[customers]!);
  for (let o = 0; o < m; o++)
    if (kind[o] === retail && customer[o]! >= 0 && (counted === undefined || counted[o] !== 0)) bySeller[fill[customer[o]!]!++] = seller[o]!;
  const out = new Int32Array(size);
  const last = new Int32Array(size).fill(-1);
  for (let c = 0; c < customers; c++) {
    for (let k = start[c]!, end = start[c + 1]!; k < end; k++) {
      const s = bySeller[k]!;
      if (last[s] !== c) {
        last[s] = c;
        out[s]!++;
      }
    }
  }
  return out;
}

/** Throws unless the order arrays are parallel and every seller is a distributor index. */
export function checkOrderArrays(size: number, orders: OrderArrays): void {
  const { seller, kind, cv, pv, counted } = orders;
  const n = seller.length;
  if (kind.length !== n || cv.length !== n || (pv !== undefined && pv.length !== n) || (counted !== undefined && counted.length !== n)) {
    throw new CommissionInputError("shape", "order arrays differ in length");
  }
  for (let o = 0; o < n; o++) {
    const s = seller[o]!;
    if (s < 0 || s >= size) throw new CommissionInputError("unknown-seller", `order #${o}: seller index ${s} out of range`);
  }
}

/**
 * Volumes, activity, rank and the compressed-upline pointers of every distributor,
 * from PV per distributor (aggregated from orders, or straight from SQL).
 * `tree` may be passed to reuse a topological order across incremental updates.
 * pvByDistributor is kept (not copied) as state.pv: do not mutate it afterwards.
 * retailPv and retailCustomers are needed only when their form of the retail rule is on (see stateFromVolumes).
 */
export function computeVolumes(
  plan: Plan,
  company: Company,
  pvByDistributor: Float64Array,
  tree?: TreeIndex,
  retailPv?: Float64Array,
  retailCustomers?: Int32Array,
): PeriodState {
  const { sponsor } = company;
  const n = sponsor.length;
  if (pvByDistributor.length !== n) throw new CommissionInputError("shape", "company arrays and PV differ in length");
  const t = tree ?? buildTree(sponsor);
  if (t.size !== n) throw new CommissionInputError("shape", "tree index built for another company");
  const topo = t.topo;

  // GV bottom-up: each recruit after its own downline, before its sponsor.
  const gv = pvByDistributor.slice();
  for (let j = n - 1; j >= 0; j--) {
    const i = topo === null ? j : topo[j]!;
    const s = sponsor[i]!;
    if (s >= 0) gv[s]! += gv[i]!;
  }
  return stateFromVolumes(plan, company, pvByDistributor, gv, t, retailPv, retailCustomers);
}
