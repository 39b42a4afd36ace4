// The refusals of an incremental update, both found under the ledger lock before
// anything is written: the period changed after the caller read it. An order
// being placed moves to the open period (or loads the new plan) and tries again.

/** The period's plan changed after the caller loaded it (a new version was published); nothing was written. */
export class PlanChangedError extends Error {
  override name = "PlanChangedError";
}

/** The period was closed after the order was assigned to it; nothing was written. */
export class PeriodClosedError extends Error {
  override name = "PeriodClosedError";
  constructor(readonly periodId: number) {
    super(`period ${periodId} is closed`);
  }
}
