import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { Client, Pool } from "pg";
import type { Executor } from "../db";

// The driver under drizzle, for what drizzle cannot say: COPY (copy.ts) and
// named prepared statements (below).

/** The part of PGlite (an instance or a transaction) used here. */
export interface PgliteLike {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ blob?: Blob; affectedRows?: number; rows?: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
}
export type Raw = { kind: "pool"; pool: Pool } | { kind: "client"; client: Client } | { kind: "pglite"; client: PgliteLike };

/** The driver client under a drizzle database or transaction (drizzle keeps it on its session). */
export function rawClient(db: Executor): Raw {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof Pool) return { kind: "pool", pool: client };
  if (client instanceof Client) return { kind: "client", client };
  if (client !== null && typeof client === "object" && typeof (client as Partial<PgliteLike>).exec === "function") {
    return { kind: "pglite", client: client as PgliteLike };
  }
  throw new Error("unsupported database driver");
}

/** Checks an id before it is inlined into SQL text (COPY and multi-statement queries take no parameters). */
export function sqlInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
}

const dialect = new PgDialect();
// Statement texts seen, each with its prepared statement's name (per connection, node-postgres parses a name once).
const statementNames = new Map<string, string>();

/**
 * A prepared statement's name, derived from its text: Next.js may load this
 * module more than once in one process (one copy per server bundle), and the
 * copies share the pool's connections, so a counter would give two statements
 * one name ("Prepared statements must be unique").
 */
export function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `lineage_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`));
  return name;
}

/**
 * Runs a statement as a named prepared statement on node-postgres: after a few
 * runs the server keeps a generic plan instead of planning it each time, which
 * costs as much as running the small statements under the ledger lock. Only
 * for statements whose text comes in a few shapes (each connection keeps
 * every name it parsed). PGlite runs it as a plain query.
 */
export async function queryPrepared<T>(db: Executor, query: SQL): Promise<T[]> {
  const raw = rawClient(db);
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (raw.kind === "pglite") return ((await raw.client.query(text, params)).rows ?? []) as T[];
  const config = { name: statementName(text), text, values: params };
  const result = raw.kind === "pool" ? await raw.pool.query(config) : await raw.client.query(config);
  return result.rows as T[];
}
