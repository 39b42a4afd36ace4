import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { getDatabase } from "./client";
import { isDatabaseEmpty, seedDemoCompany } from "./seed/demo";

/**
 * Opens the configured database (which applies pending migrations) and seeds
 * the demo company into an empty one, unless this is a production deployment
 * on PostgreSQL, where demo data is only seeded on request (npm run db:seed).
 */
export async function prepareDatabase(): Promise<void> {
  const handle = await getDatabase();
  const production = env.nodeEnv === "production" && env.databaseUrl !== undefined;
  const wanted = env.seedDemo === "always" || (env.seedDemo === "auto" && !production);
  if (!wanted) return;
  // Several instances may start on one empty database: the first seeds, the others then find it seeded.
  await handle.exclusive(async () => {
    if (!(await isDatabaseEmpty(handle.db))) return;
    const started = Date.now();
    const seeded = await seedDemoCompany(handle.db, now());
    console.info(`[lineage] Seeded the demo company (${seeded.distributors} distributors, ${seeded.orders} orders) in ${Date.now() - started} ms`);
  });
}
