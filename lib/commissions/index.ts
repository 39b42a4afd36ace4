// Public API of the commission engine. See docs/commissions.md.
export * from "./types";
export { CommissionInputError, type InputErrorCode } from "./errors";
export { buildTree, cycleFrom, depthFirstOrder, firstOnCycle } from "./tree";
export { aggregatePv, aggregateRetailCustomers, aggregateRetailPv, computeVolumes } from "./volumes";
export { payOrders, type PayOptions, type Payout } from "./pay";
export { uplineWindow, orderDependsOn, windowTable, NO_UPLINE, type WindowTable } from "./window";
export { computePeriod, type ComputeOptions } from "./engine";
export { payOrder, type SingleOrder } from "./order";
export { explainLine, explainOrder } from "./explain";
export { skippedAt } from "./records";
export { MAX_RETAIL_MIN_CUSTOMERS, parsePlan, parseInterchange, parseInterchangeText, type ParsedInterchange } from "./validate";
export { computeInterchange, computeParsed, formatInterchange, writeInterchange, runCompute } from "./interchange";
export { describeShortfall, meetsRetailRule, retailRuleBps, retailRuleCustomers, retailShortfalls, stateFromVolumes } from "./standing";
