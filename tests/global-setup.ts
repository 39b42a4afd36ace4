import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrationsFolder, templateDatabaseName, withAdminClient } from "./db-admin";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: a migrated data directory dump each test file starts from. */
    pgliteTemplate: string;
    /** PostgreSQL (TEST_DATABASE_URL set): the migrated template database's name. */
    pgTemplate: string;
  }
}

/**
 * Migrates one template database per run, so each test file starts from a copy
 * in well under a second instead of running initdb and the migrations itself.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = templateDatabaseName();
    await withAdminClient(url, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      await client.query(`CREATE DATABASE "${name}"`);
    });
    const target = new URL(url);
    target.pathname = `/${name}`;
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({ connectionString: target.toString(), max: 1 });
    try {
      await migrate(drizzle(pool), { migrationsFolder });
    } finally {
      await pool.end();
    }
    project.provide("pgTemplate", name);
    project.provide("pgliteTemplate", "");
    return async () => {
      await withAdminClient(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create();
  try {
    await migrate(drizzle(client), { migrationsFolder });
    const dump = await client.dumpDataDir("none");
    const file = path.join(process.cwd(), "node_modules", ".cache", "lineage", `pglite-template-${process.pid}.tar`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide("pgliteTemplate", file);
    project.provide("pgTemplate", "");
    return () => fs.rmSync(file, { force: true });
  } finally {
    await client.close();
  }
}
