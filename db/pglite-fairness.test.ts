import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yieldBeforeEachStatement } from "./pglite-fairness";

// A timer due now must run while a long chain of statements is still going:
// without the turn before each statement it runs only once the chain has ended.
async function timerDelayDuring(chain: () => Promise<void>): Promise<{ timerAt: number | null; chainEnded: number }> {
  const started = performance.now();
  let timerAt: number | null = null;
  setTimeout(() => (timerAt = performance.now() - started), 0);
  await chain();
  return { timerAt, chainEnded: performance.now() - started };
}

describe("PGlite statements leave room for the event loop", () => {
  let raw: PGlite;
  let fair: PGlite;
  beforeAll(async () => {
    raw = await PGlite.create();
    fair = yieldBeforeEachStatement(await PGlite.create());
  });
  afterAll(async () => {
    await raw.close();
    await fair.close();
  });

  const statements = async (db: Pick<PGlite, "query">) => {
    for (let i = 0; i < 300; i++) await db.query("select $1::int as n", [i]);
  };

  it("without it, a chain of statements holds back a timer until the chain ends (the failure this fixes)", async () => {
    const { timerAt } = await timerDelayDuring(() => statements(raw));
    expect(timerAt).toBeNull();
  });

  it("with it, the timer runs during the chain, outside and inside a transaction, and results are unchanged", async () => {
    const outside = await timerDelayDuring(() => statements(fair));
    expect(outside.timerAt).not.toBeNull();
    expect(outside.timerAt!).toBeLessThan(outside.chainEnded);
    const inside = await timerDelayDuring(() => fair.transaction(async (tx) => statements(tx)));
    // Asked in this order, run in this order: a statement not awaited, then a transaction.
    await fair.exec("create temp table seen (step text)");
    const first = fair.query("insert into seen values ('statement')");
    await fair.transaction(async (tx) => {
      await tx.query("insert into seen values ('transaction')");
    });
    await first;
    expect((await fair.query<{ step: string }>("select step from seen order by ctid")).rows.map((r) => r.step)).toEqual(["statement", "transaction"]);
    expect(inside.timerAt).not.toBeNull();
    expect((await fair.query<{ n: number }>("select $1::int as n", [7])).rows).toEqual([{ n: 7 }]);
    await fair.exec("create temp table t (x int); insert into t values (1), (2)");
    expect((await fair.query<{ c: number }>("select count(*)::int as c from t")).rows).toEqual([{ c: 2 }]);
  });
});
