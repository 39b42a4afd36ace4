// npm run db:seed: seeds the demo company into the configured database when it is empty.
import { getDatabase } from "@/db/client";
import { isDatabaseEmpty, seedDemoCompany } from "@/db/seed/demo";

async function main(): Promise<number> {
  const handle = await getDatabase();
  try {
    if (!(await isDatabaseEmpty(handle.db))) {
      console.error("The database already has users: the demo company is only seeded into an empty database.");
      return 1;
    }
    const seeded = await seedDemoCompany(handle.db);
    console.info(`Seeded the demo company: ${seeded.distributors} distributors, ${seeded.orders} orders.`);
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
