import { payOrders, type PayOptions } from "./pay";
import { retailRuleBps, retailRuleCustomers } from "./standing";
import { aggregatePv, aggregateRetailCustomers, aggregateRetailPv, computeVolumes } from "./volumes";
import type { Company, OrderArrays, PeriodResult, Plan, TreeIndex } from "./types";

export interface ComputeOptions extends PayOptions {
  /** PV per distributor (e.g. aggregated in SQL); then orders.pv is not read. */
  pvByDistributor?: Float64Array;
  /** Retail PV per distributor (then orders.pv is not read for it). Without it, it is summed from orders only when the retail rule is on. */
  retailPvByDistributor?: Float64Array;
  /** Distinct retail customers per distributor (then orders.customer is not read). Without it, counted from orders only when the customer rule is on. */
  retailCustomersByDistributor?: Int32Array;
  /** A topological order from buildTree, reused across runs on the same tree. */
  tree?: TreeIndex;
}

/** A full run over a period: volumes, ranks, every commission line and the breakage. */
export function computePeriod(plan: Plan, company: Company, orders: OrderArrays, options: ComputeOptions = {}): PeriodResult {
  const pv = options.pvByDistributor ?? aggregatePv(company.sponsor.length, orders);
  const n = company.sponsor.length;
  const retailPv = options.retailPvByDistributor ?? (retailRuleBps(plan) > 0 ? aggregateRetailPv(n, orders) : undefined);
  const customers = options.retailCustomersByDistributor ?? (retailRuleCustomers(plan) > 0 ? aggregateRetailCustomers(n, orders) : undefined);
  const state = computeVolumes(plan, company, pv, options.tree, retailPv, customers);
  const payout = payOrders(state, orders, options);
  return { ...state, orders, ...payout };
}
