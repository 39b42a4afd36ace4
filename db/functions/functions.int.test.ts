import fs from "node:fs";
import path from "node:path";
import { sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { createTestDatabase, type TestDatabase } from "@/tests/db";

// db/functions/*.sql hold the current definition of every SQL function and
// trigger, copied from the migration that holds it (README.md in this folder).
// These tests keep them true: the files' statements are verbatim in the
// migrations they name, no later migration touches those objects, the
// migrated database has exactly the functions and triggers declared, and
// running the files over it changes no definition.

const functionsDir = path.join(process.cwd(), "db", "functions");
const migrationsDir = path.join(process.cwd(), "db", "migrations");

const IDENT = String.raw`"?([A-Za-z_][A-Za-z0-9_]*)"?`;
const FUNCTION_RE = new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE)\s+(?:${IDENT}\.)?${IDENT}\s*\(`, "i");
const TRIGGER_RE = new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+${IDENT}\s[\s\S]*?\bON\s+(?:${IDENT}\.)?${IDENT}`, "i");
const LIVE_RE = /live version:\s*(\S+\.sql)/;

interface Declared {
  kind: "function" | "trigger";
  /** `schema.name` for a function, `schema.table.name` for a trigger. */
  key: string;
  name: string;
  file: string;
  /** The migration named by the nearest `-- live version:` comment above the statement. */
  live: string | null;
  statement: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Splits a file as the migrations are split, on `--> statement-breakpoint`; comments above a statement are not part of it. */
function readDeclared(): Declared[] {
  const out: Declared[] = [];
  for (const file of fs
    .readdirSync(functionsDir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    let live: string | null = null;
    for (const chunk of fs.readFileSync(path.join(functionsDir, file), "utf8").split("--> statement-breakpoint")) {
      const lines = chunk.split("\n");
      while (lines.length > 0 && (lines[0]!.trim() === "" || lines[0]!.trim().startsWith("--"))) {
        live = LIVE_RE.exec(lines.shift()!)?.[1] ?? live;
      }
      const statement = lines.join("\n").trim();
      if (statement === "") continue;
      const fn = FUNCTION_RE.exec(statement);
      const trigger = TRIGGER_RE.exec(statement);
      if (fn) out.push({ kind: "function", key: `${fn[1] ?? "public"}.${fn[2]!}`, name: fn[2]!, file, live, statement });
      else if (trigger) out.push({ kind: "trigger", key: `${trigger[2] ?? "public"}.${trigger[3]!}.${trigger[1]!}`, name: trigger[1]!, file, live, statement });
      else throw new Error(`db/functions/${file}: only CREATE FUNCTION and CREATE TRIGGER statements belong here, not: ${statement.split("\n")[0]}`);
    }
  }
  return out;
}

/** The migrations in the order they run (db/migrations/meta/_journal.json). */
function migrationOrder(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, "meta", "_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
  return [...journal.entries].sort((a, b) => a.idx - b.idx).map((e) => `${e.tag}.sql`);
}

/** A statement of a migration that defines, replaces, alters or drops the object. */
function touches(d: Declared): RegExp {
  const name = `(?:"?\\w+"?\\.)?"?${escapeRegExp(d.name)}"?`;
  return d.kind === "function"
    ? new RegExp(String.raw`\b(?:CREATE\s+(?:OR\s+REPLACE\s+)?|ALTER\s+|DROP\s+)(?:FUNCTION|PROCEDURE)\s+(?:IF\s+EXISTS\s+)?${name}\s*\(`, "i")
    : new RegExp(String.raw`\b(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?|ALTER\s+|DROP\s+)TRIGGER\s+(?:IF\s+EXISTS\s+)?${name}\s`, "i");
}

type Executor = Pick<Database, "execute">;

interface Catalog {
  /** pg_get_functiondef by signature (regprocedure). */
  functions: Record<string, string>;
  /** pg_get_triggerdef and enabled state by `schema.table.name`. */
  triggers: Record<string, { def: string; enabled: string }>;
  functionKeys: string[];
  triggerKeys: string[];
  triggerTargets: { schema: string; table: string; name: string }[];
}

const USER_SCHEMA = sql`n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_'`;

/** Every function not owned by an extension, and every trigger not made by a constraint, in the user's schemas. */
async function readCatalog(db: Executor): Promise<Catalog> {
  const functions = await queryRows<{ key: string; signature: string; def: string }>(
    db,
    sql`select n.nspname || '.' || p.proname as key, p.oid::regprocedure::text as signature,
               case when p.prokind = 'a' then 'aggregate' else pg_get_functiondef(p.oid) end as def
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where ${USER_SCHEMA}
          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
        order by 2`,
  );
  const triggers = await queryRows<{ schema: string; table: string; name: string; def: string; enabled: string }>(
    db,
    sql`select n.nspname as schema, c.relname as table, t.tgname as name, pg_get_triggerdef(t.oid) as def, t.tgenabled::text as enabled
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where not t.tgisinternal and ${USER_SCHEMA}
          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
        order by 1, 2, 3`,
  );
  return {
    functions: Object.fromEntries(functions.map((f) => [f.signature, f.def])),
    triggers: Object.fromEntries(triggers.map((t) => [`${t.schema}.${t.table}.${t.name}`, { def: t.def, enabled: t.enabled }])),
    functionKeys: functions.map((f) => f.key).sort(),
    triggerKeys: triggers.map((t) => `${t.schema}.${t.table}.${t.name}`).sort(),
    triggerTargets: triggers.map(({ schema, table, name }) => ({ schema, table, name })),
  };
}

const declared = readDeclared();

describe("db/functions", () => {
  const order = migrationOrder();

  it("declares each function and trigger once", () => {
    expect(declared.length).toBeGreaterThan(0);
    const keys = declared.map((d) => `${d.kind} ${d.key}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it.each(declared.map((d) => [`${d.kind} ${d.key} (${d.file})`, d] as const))("copies %s verbatim from its live migration, the last to touch it", (_, d) => {
    expect(d.live, `db/functions/${d.file}: no "-- live version: <migration>.sql" comment above ${d.key}`).not.toBeNull();
    const at = order.indexOf(d.live!);
    expect(at, `db/functions/${d.file}: ${d.live} is not in db/migrations/meta/_journal.json`).toBeGreaterThanOrEqual(0);
    const text = fs.readFileSync(path.join(migrationsDir, d.live!), "utf8");
    expect(text.includes(d.statement), `db/functions/${d.file}: ${d.key} differs from its definition in ${d.live}`).toBe(true);
    const later = order.slice(at + 1).filter((m) => touches(d).test(fs.readFileSync(path.join(migrationsDir, m), "utf8")));
    expect(later, `db/functions/${d.file}: ${d.key} is redefined or dropped by a later migration`).toEqual([]);
  });

  it("are listed in README.md with their live migration", () => {
    const readme = fs.readFileSync(path.join(functionsDir, "README.md"), "utf8").split("\n");
    const missing = declared.filter((d) => !readme.some((line) => new RegExp(`\\b${escapeRegExp(d.name)}\\b`).test(line) && line.includes(d.live ?? "?")));
    expect(missing.map((d) => `${d.kind} ${d.name} (${d.live})`)).toEqual([]);
  });
});

describe("db/functions against a migrated database", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("declares exactly the database's functions and triggers", async () => {
    const live = await readCatalog(t.db);
    expect({ functions: live.functionKeys, triggers: live.triggerKeys }).toEqual({
      functions: declared
        .filter((d) => d.kind === "function")
        .map((d) => d.key)
        .sort(),
      triggers: declared
        .filter((d) => d.kind === "trigger")
        .map((d) => d.key)
        .sort(),
    });
  });

  it("holds the live definitions: running the files over the database changes none", async () => {
    // In a transaction rolled back: drop every trigger, run every file's statements
    // (CREATE OR REPLACE FUNCTION replaces in place; the triggers are created anew),
    // and read the definitions again.
    let before: Catalog | undefined;
    let after: Catalog | undefined;
    try {
      await t.db.transaction(async (tx) => {
        before = await readCatalog(tx);
        for (const { schema, table, name } of before.triggerTargets) {
          await tx.execute(sql`drop trigger ${sql.identifier(name)} on ${sql.identifier(schema)}.${sql.identifier(table)}`);
        }
        for (const d of declared) {
          try {
            await tx.execute(sql.raw(d.statement));
          } catch (error) {
            const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
            throw new Error(`db/functions/${d.file}: ${d.kind} ${d.key} does not run: ${cause instanceof Error ? cause.message : String(cause)}`);
          }
        }
        after = await readCatalog(tx);
        tx.rollback();
      });
    } catch (error) {
      if (!(error instanceof TransactionRollbackError)) throw error;
    }
    const changed = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    expect(after!.functions, `functions whose file differs from the live definition: ${changed(after!.functions, before!.functions).join(", ")}`).toEqual(
      before!.functions,
    );
    expect(after!.triggers, `triggers whose file differs from the live definition: ${changed(after!.triggers, before!.triggers).join(", ")}`).toEqual(
      before!.triggers,
    );
    expect(Object.keys(before!.functions).length).toBe(declared.filter((d) => d.kind === "function").length);
  });
});
