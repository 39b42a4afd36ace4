import { Client } from "pg";

// Specs that start servers of their own on PostgreSQL (e2e/instances.spec.ts,
// e2e/unavailable.spec.ts) make, change and drop their databases through this.

/** The local PostgreSQL every test run uses (docs: README, "Run it on PostgreSQL"). */
export const postgresAdminUrl = "postgres://postgres@127.0.0.1:5432/postgres";

/** Runs one statement as the local PostgreSQL's superuser, on a connection of its own. */
export async function postgresAdmin(statement: string): Promise<void> {
  const client = new Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A database URL on the local PostgreSQL. */
export const postgresUrl = (database: string): string => `postgres://postgres@127.0.0.1:5432/${database}`;
