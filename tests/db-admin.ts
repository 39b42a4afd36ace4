import path from "node:path";
import type { Client } from "pg";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function templateDatabaseName(): string {
  return `lineage_vt_tpl_${process.pid}`;
}

/** Runs `fn` with a client on the server's maintenance database, always closing it. */
export async function withAdminClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const { Client } = await import("pg");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
