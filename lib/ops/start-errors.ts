// Why a start failed, in one line that names the cause first and says what to
// do: the database errors behind a failed start come wrapped ("Failed query:
// CREATE SCHEMA IF NOT EXISTS ...") and bury it.

interface Where {
  /** The PostgreSQL URL, when one is configured (its password is never printed). */
  databaseUrl?: string;
  /** The embedded database's folder, otherwise. */
  pgliteDir: string;
}

/** The error and every cause under it, outermost first. */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && out.length < 10; e = (e as { cause?: unknown }).cause) {
    out.push(e);
    if (typeof e !== "object") break;
  }
  return out;
}

function field(e: unknown, name: string): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const value = (e as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/** "host:5432/database" of a PostgreSQL URL, without user or password. */
function target(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "the configured server";
  }
}

/**
 * The one-line reason a start failed, or null when the error is none of the
 * known causes (the caller then prints it whole).
 */
export function describeStartError(error: unknown, where: Where): string | null {
  const errors = chain(error);
  const codes = new Set(errors.flatMap((e) => [field(e, "code")].filter((c): c is string => c !== undefined)));
  const messages = errors.map((e) => (e instanceof Error ? e.message : "")).join(" | ");
  const has = (...list: string[]) => list.some((c) => codes.has(c));
  if (where.databaseUrl) {
    const db = target(where.databaseUrl);
    if (has("ECONNREFUSED")) return `PostgreSQL at ${db} refused the connection: is it running, and listening on that host and port? Check DATABASE_URL.`;
    if (has("ENOTFOUND", "EAI_AGAIN")) return `PostgreSQL's host in DATABASE_URL (${db}) could not be found: check the host name.`;
    if (has("ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH")) return `PostgreSQL at ${db} did not answer: check the host, the port and any firewall between.`;
    if (has("28P01", "28000")) return `PostgreSQL at ${db} refused the user or password in DATABASE_URL: check them.`;
    if (has("3D000")) return `The database in DATABASE_URL (${db}) does not exist: create it (createdb), then start again.`;
    if (has("53100", "ENOSPC")) return `PostgreSQL at ${db} is out of disk space: free some, then start again.`;
    if (has("57P03")) return `PostgreSQL at ${db} is starting up or shutting down: start again in a moment.`;
    if (has("42501")) return `The user in DATABASE_URL may not create tables in ${db}: grant it the rights to (or use the database's owner).`;
    return null;
  }
  const dir = where.pgliteDir;
  if (has("EROFS", "EACCES", "EPERM") || /read-only file system|permission denied/i.test(messages)) {
    return `The embedded database folder ${dir} (or its parent) cannot be written: make it writable by this user, or point PGLITE_DIR elsewhere.`;
  }
  if (has("ENOSPC") || /no space left/i.test(messages)) return `The disk holding the embedded database (${dir}) is full: free some space, then start again.`;
  return null;
}
