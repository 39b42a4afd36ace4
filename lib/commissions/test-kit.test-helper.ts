// Small builders for readable test inputs.
import type { InterchangeDistributor, InterchangeInput, InterchangeOrder, InterchangeOutput, Plan } from "./types";

export const basePlan: Plan = {
  activeMinPv: 100,
  personalBps: 2000,
  levelsBps: [1000, 500, 300],
  compression: true,
  ranks: [{ name: "All", minPv: 0, minGv: 0, paidLevels: 3 }],
};

export const plan = (over: Partial<Plan> = {}): Plan => ({ ...basePlan, ...over });

export const dist = (id: string, sponsorId: string | null, terminated?: boolean): InterchangeDistributor =>
  terminated === undefined ? { id, sponsorId } : { id, sponsorId, terminated };

export const order = (
  id: string,
  sellerId: string,
  kind: "personal" | "retail",
  pv: number,
  cvCents: number,
  status: InterchangeOrder["status"] = "paid",
): InterchangeOrder => ({ id, sellerId, kind, pv, cvCents, status });

export const input = (p: Plan, distributors: InterchangeDistributor[], orders: InterchangeOrder[]): InterchangeInput => ({
  plan: p,
  distributors,
  orders,
});

/** "orderId beneficiaryId level amount" per line, in output order. */
export const lineStrings = (out: InterchangeOutput): string[] => out.commissions.map((c) => `${c.orderId} ${c.beneficiaryId} ${c.level} ${c.amountCents}`);
