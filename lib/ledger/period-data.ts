import type { Company, OrderArrays, Plan } from "@/lib/commissions";

/** A period's inputs, by index: what a full run reads from the database. */
export interface PeriodData {
  plan: Plan;
  /** Distributor id per index, ascending. */
  ids: Int32Array;
  depth: Int32Array;
  company: Company;
  pvByDistributor: Float64Array;
  /** PV of paid retail orders per distributor (the retail rule's input). */
  retailPvByDistributor: Float64Array;
  /** Distinct retail customers (lower(customer_email)) of paid retail orders per distributor (the customer rule's input). */
  retailCustomersByDistributor: Int32Array;
  orderIds: Int32Array;
  orders: OrderArrays;
  /** Each order's stored ledger digest (storage/digest.ts), NaN when unknown. */
  storedDigests: Float64Array;
}
