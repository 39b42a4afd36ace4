import type { PGlite, Transaction } from "@electric-sql/pglite";

/** One turn of the event loop: timers, sockets and signals waiting behind this caller run first. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function yieldFirst<Q extends Pick<PGlite, "query" | "exec">>(target: Q): void {
  const query = target.query.bind(target);
  const exec = target.exec.bind(target);
  target.query = (async (...args: Parameters<typeof query>) => {
    await turn();
    return query(...args);
  }) as typeof target.query;
  target.exec = (async (...args: Parameters<typeof exec>) => {
    await turn();
    return exec(...args);
  }) as typeof target.exec;
}

/**
 * Makes every statement sent to `client` (and inside its transactions) wait
 * for one turn of the event loop first. PGlite runs a statement synchronously
 * and settles its promise at once, so a chain of statements (the job worker
 * draining a thousand notices, an export, a seed) runs as one unbroken string
 * of microtasks: no timer, socket or signal is served until it ends, and the
 * server answers nothing, not even /api/health or SIGTERM, for as long as it
 * lasts. With a turn before each statement, a page's request is read and its
 * statements queue among the worker's, each waiting at most for the one
 * statement running. The cost is one setImmediate per statement.
 */
export function yieldBeforeEachStatement(client: PGlite): PGlite {
  yieldFirst(client);
  const transaction = client.transaction.bind(client);
  // A transaction waits its turn too, so statements and transactions keep the order they were asked in.
  client.transaction = (async <T>(fn: (tx: Transaction) => Promise<T>) => {
    await turn();
    return transaction((tx) => {
      yieldFirst(tx);
      return fn(tx);
    });
  }) as typeof client.transaction;
  return client;
}
