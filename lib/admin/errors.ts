/** A refusal an admin can act on: its message is safe to show, next to `field` when there is one. */
export class AdminError extends Error {
  override name = "AdminError";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The PostgreSQL error code (SQLSTATE) behind an error, on either driver:
 * drizzle wraps the driver's error, whose `code` is the SQLSTATE.
 */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** The database's own message behind a wrapped error. */
export function sqlMessage(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string") parts.push(message);
  }
  return parts.join(" | ");
}

export const UNIQUE_VIOLATION = "23505";
export const CHECK_VIOLATION = "23514";
