import { describe, expect, it } from "vitest";
import { errorCause } from "./log";

/** A driver error as node-postgres makes it: a message and a SQLSTATE code. */
function pgError(message: string, code: string): Error {
  return Object.assign(new Error(message), { name: "DatabaseError", code });
}

/** Drizzle's wrapper: the SQL and its parameters in the message, the driver's error as the cause. */
function failedQuery(cause: unknown): Error {
  return new Error('Failed query: insert into "users" ("email", "password") values ($1, $2)\nparams: dana@example.com,hunter2', { cause });
}

describe("errorCause", () => {
  it("logs the driver's cause, never drizzle's SQL and parameters", () => {
    const cause = errorCause(failedQuery(pgError('duplicate key value violates unique constraint "users_email_idx"', "23505")));
    expect(cause).toEqual({ kind: "error", name: "DatabaseError", code: "23505", message: 'duplicate key value violates unique constraint "…"' });
    expect(JSON.stringify(cause)).not.toMatch(/dana|hunter2|insert into|params/);
  });

  it("cuts quoted values and constraint details a user may have typed", () => {
    expect(errorCause(pgError('invalid input syntax for type integer: "dana@example.com"', "22P02")).message).toBe(
      'invalid input syntax for type integer: "…"',
    );
    expect(errorCause(new Error("Key (email)=(dana@example.com) already exists.\nmore")).message).toBe("Key (…)=(…) already exists.");
    expect(errorCause(new Error("x".repeat(1000))).message).toHaveLength(300);
  });

  it("tells a database that is gone from any other failure", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(errorCause(failedQuery(refused))).toMatchObject({ kind: "database-unreachable", code: "ECONNREFUSED" });
    expect(errorCause(failedQuery(pgError("terminating connection due to administrator command", "57P01"))).kind).toBe("database-unreachable");
    expect(errorCause(pgError('database "lineage" is not currently accepting connections', "55000")).kind).toBe("database-unreachable");
    expect(errorCause(new Error("Connection terminated unexpectedly")).kind).toBe("database-unreachable");
    expect(errorCause(pgError("connection failure", "08006")).kind).toBe("database-unreachable");
  });

  it("tells a full disk", () => {
    expect(errorCause(failedQuery(pgError('could not extend file "base/16384/16385": No space left on device', "53100"))).kind).toBe("storage-full");
    expect(errorCause(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" })).kind).toBe("storage-full");
  });

  it("takes anything thrown", () => {
    expect(errorCause("boom")).toEqual({ kind: "error", name: "string", message: "boom" });
    expect(errorCause(undefined)).toEqual({ kind: "error", name: "undefined", message: "a non-error value was thrown" });
  });
});
