// The ledger's storage codecs: how its bulk rows and hot statements reach the
// database where drizzle's query builder is too slow or has no words for them.
// The rest of the ledger (and lib/orders) uses only what this file exports. Each
// file, and what it relies on beneath drizzle's public API:
//
// - raw.ts: the driver client under a drizzle database or transaction
//   (rawClient), named prepared statements on node-postgres (queryPrepared), and
//   sqlInt for the numbers inlined into SQL text. Relies on drizzle's private
//   `session.client` (a pg Pool, a pg Client inside a transaction, a PGlite
//   instance or PGlite transaction) and on PgDialect.sqlToQuery rendering a SQL
//   object as `{ sql, params }` with $n placeholders.
// - copy.ts: COPY in and out, in text format. On node-postgres, the client's
//   undocumented "submittable" protocol (the handle* callbacks it calls, and
//   Connection.query, sendCopyFromChunk, endCopyFrom, sendCopyFail and
//   stream.writableNeedDrain); on PGlite, COPY to and from '/dev/blob' (query's
//   `blob` option, the result's `blob` and `affectedRows`).
// - copy-text.ts: PostgreSQL's COPY text format, encoded and decoded byte by
//   byte; no driver.
// - digest.ts: each order's ledger digest (orders.ledger_digest); pure
//   JavaScript.
//
// db/rows.ts (queryRows, pgArray) serves the whole application, so it stays in
// db/; queryRows relies on both drivers' execute() answering `{ rows }`.
// internals.int.test.ts pins every internal named here, on PGlite and
// on PostgreSQL, so a drizzle, pg or PGlite upgrade that moves one fails there.

export { copyIn, copyOut } from "./copy";
export { copyChunks, copyValue, CopyRowReader, IntList, type CopyRow } from "./copy-text";
export { lineDigests, resultDigests } from "./digest";
export { queryPrepared, sqlInt } from "./raw";
