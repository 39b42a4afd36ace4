import { describe, expect, it } from "vitest";
import { describeStartError } from "./start-errors";

/** An error as drizzle wraps a driver's: the cause under "Failed query: ...". */
function wrapped(code: string, message = "boom"): Error {
  const cause = Object.assign(new Error(message), { code });
  return new Error('Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle"\nparams: ', { cause });
}

const pg = { databaseUrl: "postgres://app:s3cret@db.internal:6543/lineage", pgliteDir: "/data/pglite" };
const embedded = { pgliteDir: "/data/pglite" };

describe("why a start failed, in one line", () => {
  it.each([
    ["ECONNREFUSED", "PostgreSQL at db.internal:6543/lineage refused the connection"],
    ["ENOTFOUND", "PostgreSQL's host in DATABASE_URL (db.internal:6543/lineage) could not be found"],
    ["ETIMEDOUT", "PostgreSQL at db.internal:6543/lineage did not answer"],
    ["28P01", "refused the user or password in DATABASE_URL"],
    ["3D000", "The database in DATABASE_URL (db.internal:6543/lineage) does not exist"],
    ["53100", "is out of disk space"],
  ])("PostgreSQL %s: names the cause first, and never the password", (code, text) => {
    const line = describeStartError(wrapped(code), pg);
    expect(line).toContain(text);
    expect(line).not.toContain("s3cret");
    expect(line).not.toContain("Failed query");
  });

  it("the embedded database: a read-only folder, a full disk", () => {
    expect(describeStartError(wrapped("EROFS"), embedded)).toMatch(/^The embedded database folder \/data\/pglite .* cannot be written/);
    expect(describeStartError(new Error("EACCES: permission denied, mkdir '/data/pglite'"), embedded)).toMatch(/cannot be written/);
    expect(describeStartError(wrapped("ENOSPC"), embedded)).toMatch(/is full/);
  });

  it("an unknown cause is left to the caller (printed whole)", () => {
    expect(describeStartError(new Error("something else"), pg)).toBeNull();
    expect(describeStartError(new Error("something else"), embedded)).toBeNull();
  });
});
