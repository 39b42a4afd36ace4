import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { Client, Pool, type Connection, type PoolClient, type Submittable } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgArray, queryRows } from "@/db/rows";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import type { Executor } from "../db";
import { copyIn, copyOut, queryPrepared } from ".";
import { rawClient, statementName, type PgliteLike } from "./raw";

// Pins what the storage codecs rely on beneath drizzle's, node-postgres's and
// PGlite's public APIs (the list is in index.ts), on whichever database the run
// uses. After an upgrade, a failure here names the internal that moved: fix
// raw.ts or copy.ts first, everything above them follows.

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.execute(sql`create table pin_copy (id int primary key, label text)`);
});

afterAll(async () => {
  await t?.destroy();
});

// tests/db.ts opens PostgreSQL when TEST_DATABASE_URL is set, else PGlite.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const postgresOnly = onPostgres ? it : it.skip;
const pgliteOnly = onPostgres ? it.skip : it;

/** Exactly what rawClient reads: drizzle's private session and the client it keeps. */
function sessionClient(db: Executor): unknown {
  return (db as unknown as { session?: { client?: unknown } }).session?.client;
}

function isPgliteLike(client: unknown): client is PgliteLike {
  const c = client as Partial<PgliteLike> | null;
  return typeof c?.query === "function" && typeof c.exec === "function";
}

describe("drizzle keeps the driver's client on its private session", () => {
  it("a database's session holds the pg Pool or the PGlite instance", () => {
    // The private `session` is the one drizzle also shows, typed, as `_.session`.
    expect(t.driver).toBe(onPostgres ? "postgres" : "pglite");
    const db = t.db as unknown as { session: unknown; _: { session: unknown } };
    expect(db.session).toBeDefined();
    expect(db.session).toBe(db._.session);
    const client = sessionClient(t.db);
    if (onPostgres) {
      expect(client).toBeInstanceOf(Pool);
      expect(rawClient(t.db).kind).toBe("pool");
    } else {
      expect(client).toBeInstanceOf(PGlite);
      expect(isPgliteLike(client)).toBe(true);
      expect(rawClient(t.db).kind).toBe("pglite");
    }
  });

  it("a transaction's session holds its own connection (a pg Client, a PGlite transaction), kept by its savepoints", async () => {
    await t.db.transaction(async (tx) => {
      const client = sessionClient(tx);
      if (onPostgres) {
        expect(client).toBeInstanceOf(Client);
        expect(rawClient(tx).kind).toBe("client");
      } else {
        expect(client).not.toBe(sessionClient(t.db));
        expect(isPgliteLike(client)).toBe(true);
        expect(rawClient(tx).kind).toBe("pglite");
      }
      await tx.transaction(async (savepoint) => {
        expect(sessionClient(savepoint)).toBe(client);
      });
      // The raw client runs inside the transaction: the same transaction id as drizzle's own statements.
      const [viaDrizzle] = await queryRows<{ id: string }>(tx, sql`select txid_current()::text as id`);
      const [viaRaw] = await queryPrepared<{ id: string }>(tx, sql`select txid_current()::text as id`);
      expect(viaRaw!.id).toBe(viaDrizzle!.id);
    });
  });
});

describe("statements: drizzle's SQL rendered by PgDialect and run on the raw client", () => {
  const query = sql`select ${7}::int as a, ${pgArray([1, 2])}::int[] as b, ${sql.raw("'x'")} as c from ${sql.join(
    [sql`(select 1) w0`, sql`(select 2) w1`],
    sql`, `,
  )}`;
  const text = "select $1::int as a, $2::int[] as b, 'x' as c from (select 1) w0, (select 2) w1";

  it("sqlToQuery gives the text with $n placeholders and the params in order", () => {
    expect(new PgDialect().sqlToQuery(query)).toMatchObject({ sql: text, params: [7, "{1,2}"] });
  });

  it("queryPrepared returns the rows, parsed alike on both drivers", async () => {
    expect(await queryPrepared(t.db, query)).toEqual([{ a: 7, b: [1, 2], c: "x" }]);
  });

  postgresOnly("on node-postgres, queryPrepared prepares the statement under its name on the connection", async () => {
    await t.db.transaction(async (tx) => {
      await queryPrepared(tx, query);
      const prepared = await queryRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements where name = ${statementName(text)}`);
      expect(prepared).toEqual([{ statement: text }]);
    });
  });

  it("execute answers { rows } on a database and in a transaction (queryRows)", async () => {
    expect(await t.db.execute(sql`select 1 as one`)).toMatchObject({ rows: [{ one: 1 }] });
    await t.db.transaction(async (tx) => {
      expect(await tx.execute(sql`select 2 as two`)).toMatchObject({ rows: [{ two: 2 }] });
    });
  });
});

describe("COPY through the codecs", () => {
  it("copyIn and copyOut round-trip rows in text format, on a database and in a transaction", async () => {
    const rows = (from: number) => [Buffer.from(`${from}\tplain\n${from + 1}\t\\N\n`), Buffer.from(`${from + 2}\ttab\\there\n`)];
    expect(await copyIn(t.db, "pin_copy (id, label)", rows(1))).toBe(3);
    await t.db.transaction(async (tx) => {
      expect(await copyIn(tx, "pin_copy (id, label)", rows(11))).toBe(3);
    });
    const chunks: Buffer[] = [];
    await copyOut(t.db, "select id, label from pin_copy order by id", (c) => chunks.push(Buffer.from(c)));
    expect(Buffer.concat(chunks).toString()).toBe("1\tplain\n2\t\\N\n3\ttab\\there\n11\tplain\n12\t\\N\n13\ttab\\there\n");
    await t.db.execute(sql`delete from pin_copy`);
  });

  it("a failing source of rows fails copyIn with its own error, writing nothing", async () => {
    function* failing(): Generator<Buffer> {
      yield Buffer.from("21\tfirst\n");
      throw new Error("source failed");
    }
    await expect(copyIn(t.db, "pin_copy (id, label)", failing())).rejects.toThrow("source failed");
    expect(await queryRows(t.db, sql`select id from pin_copy`)).toEqual([]);
    // The connection is usable afterwards (node-postgres: the pool hands it out again).
    expect(await queryPrepared(t.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });
});

describe("PGlite: COPY through /dev/blob", () => {
  pgliteOnly("query takes a blob to copy from and returns the copied rows as a blob", async () => {
    const raw = rawClient(t.db);
    if (raw.kind !== "pglite") throw new Error(`expected PGlite, got ${raw.kind}`);
    const copied = await raw.client.query("COPY pin_copy (id, label) FROM '/dev/blob'", [], { blob: new Blob(["31\tblob\n32\t\\N\n"]) });
    expect(copied.affectedRows).toBe(2);
    const out = await raw.client.query("COPY (select id, label from pin_copy order by id) TO '/dev/blob'");
    expect(out.blob).toBeInstanceOf(Blob);
    expect(await out.blob!.text()).toBe("31\tblob\n32\t\\N\n");
    await t.db.execute(sql`delete from pin_copy`);
  });
});

interface Recording {
  /** The callbacks made, repeats collapsed ("submit" is the client's call to submit). */
  calls: string[];
  data: Buffer[];
  /** The command tag handleCommandComplete received ("COPY 2"). */
  completion: string;
  /** What handleError received. */
  error: unknown;
  /** Settles on handleReadyForQuery or handleError. */
  done: Promise<void>;
}

/**
 * A submittable that records every callback node-postgres makes on it (any
 * property named handle*), as copy.ts's CopySubmittable receives them.
 */
function recorder(text: string, onCopyIn?: (connection: Connection) => void): { recording: Recording; submittable: Submittable } {
  let settle = () => {};
  const recording: Recording = { calls: [], data: [], completion: "", error: undefined, done: new Promise<void>((resolve) => (settle = resolve)) };
  const submittable = new Proxy<Submittable>(
    {
      submit(connection: Connection) {
        recording.calls.push("submit");
        connection.query(text);
      },
    },
    {
      get(target, prop) {
        if (prop === "submit") return target.submit;
        if (typeof prop !== "string" || !prop.startsWith("handle")) return undefined;
        return (msg: unknown) => {
          if (recording.calls.at(-1) !== prop) recording.calls.push(prop);
          if (prop === "handleCopyData") recording.data.push((msg as { chunk: Buffer }).chunk);
          if (prop === "handleCommandComplete") recording.completion = String((msg as { text?: string }).text);
          if (prop === "handleCopyInResponse") onCopyIn?.(msg as Connection);
          if (prop === "handleError") recording.error = msg;
          if (prop === "handleReadyForQuery" || prop === "handleError") settle();
        };
      },
    },
  );
  return { recording, submittable };
}

type CopyConnection = Connection & { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void; sendCopyFail(message: string): void };

describe("node-postgres: the submittable protocol copy.ts speaks", () => {
  const onClient = async (run: (client: PoolClient) => Promise<void>) => {
    const raw = rawClient(t.db);
    if (raw.kind !== "pool") throw new Error(`expected a pg Pool, got ${raw.kind}`);
    const client = await raw.pool.connect();
    try {
      await run(client);
      // Whatever happened, the client is ready for the next query.
      expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
    } finally {
      client.release();
    }
  };

  postgresOnly("COPY TO STDOUT: the data, the command's completion, then ready", async () => {
    await onClient(async (client) => {
      const { recording, submittable } = recorder("COPY (select 1, 'a' union all select 2, null) TO STDOUT");
      client.query(submittable);
      await recording.done;
      expect(recording.calls).toEqual(["submit", "handleCopyData", "handleCommandComplete", "handleReadyForQuery"]);
      expect(recording.completion).toBe("COPY 2");
      expect(Buffer.concat(recording.data).toString()).toBe("1\ta\n2\t\\N\n");
    });
  });

  postgresOnly("COPY FROM STDIN: the connection's copy methods and back-pressure flag, then completion", async () => {
    await onClient(async (client) => {
      const { recording, submittable } = recorder("COPY pin_copy (id, label) FROM STDIN", (connection) => {
        const c = connection as CopyConnection;
        expect(typeof c.sendCopyFail).toBe("function");
        expect(typeof c.stream.writableNeedDrain).toBe("boolean");
        expect(typeof c.stream.once).toBe("function");
        c.sendCopyFromChunk(Buffer.from("41\tin\n42\t\\N\n"));
        c.endCopyFrom();
      });
      client.query(submittable);
      await recording.done;
      expect(recording.calls).toEqual(["submit", "handleCopyInResponse", "handleCommandComplete", "handleReadyForQuery"]);
      expect(recording.completion).toBe("COPY 2");
      expect((await client.query("select id, label from pin_copy order by id")).rows).toEqual([
        { id: 41, label: "in" },
        { id: 42, label: null },
      ]);
      await client.query("delete from pin_copy");
    });
  });

  postgresOnly("an error ends the exchange: handleError, and the client keeps the readyForQuery that follows", async () => {
    await onClient(async (client) => {
      const { recording, submittable } = recorder("COPY (select 1 / 0) TO STDOUT");
      client.query(submittable);
      await recording.done;
      // The server's readyForQuery arrives before this query's answer.
      await client.query("select 1");
      expect(recording.calls).toEqual(["submit", "handleError"]);
      expect(String(recording.error)).toContain("division by zero");
    });
  });

  postgresOnly("sendCopyFail aborts a COPY FROM STDIN with an error carrying its message", async () => {
    await onClient(async (client) => {
      const { recording, submittable } = recorder("COPY pin_copy (id, label) FROM STDIN", (connection) => {
        (connection as CopyConnection).sendCopyFail("pinned failure");
      });
      client.query(submittable);
      await recording.done;
      await client.query("select 1");
      expect(recording.calls).toEqual(["submit", "handleCopyInResponse", "handleError"]);
      expect(String(recording.error)).toContain("pinned failure");
    });
  });
});
