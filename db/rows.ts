import type { SQL } from "drizzle-orm";
import type { Database } from "./client";

/**
 * Runs raw SQL and returns its rows. Both drivers answer `{ rows }`, but the
 * driver-neutral Database type cannot know it, hence the one cast here.
 */
export async function queryRows<T>(db: Pick<Database, "execute">, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A PostgreSQL array literal ("{1,2,NULL}") for one bound parameter, to be
 * cast in SQL (`${pgArray(ids)}::int[]`). Drizzle would expand a JS array
 * into one parameter per element; a literal keeps bulk statements to a few
 * parameters on both drivers.
 */
export function pgArray(values: readonly (number | boolean | string | null)[]): string {
  const items = values.map((v) => {
    if (v === null) return "NULL";
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
      return String(v);
    }
    if (typeof v === "boolean") return v ? "t" : "f";
    return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}

/**
 * A bigint sum or count read as text (`::text`), as a JS number. Money is read
 * this way rather than as float8: exact, and refused outright past 2^53.
 */
export function sqlInteger(value: string | null): number {
  if (value === null) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${value}`);
  return n;
}
