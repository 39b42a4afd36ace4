import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type DatabaseHandle } from "@/db/client";
import { placeDemoPaidOrder } from "@/lib/payments/demo";
import { createTestDatabase, type TestDatabase } from "@/tests/db";
import { createCompany } from "@/tests/fixtures/company";

// The reconcile command runs in its own process on the database the app is
// configured for: PostgreSQL (DATABASE_URL) in CI's second pass, else a PGlite folder.
const pgUrl = process.env.TEST_DATABASE_URL;
let pg: TestDatabase | undefined;
let dir: string | undefined;

async function open(): Promise<DatabaseHandle> {
  if (pg) return pg;
  return openPglite(path.join(dir!, "pglite"));
}
async function release(handle: DatabaseHandle) {
  if (!pg) await handle.close();
}

function reconcile(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: pg?.url, PGLITE_DIR: dir ? path.join(dir, "pglite") : undefined };
  if (!pg) delete env.DATABASE_URL;
  return spawnSync(path.join("node_modules", ".bin", "tsx"), ["scripts/commissions.ts", "reconcile", ...args], { encoding: "utf8", env });
}

beforeAll(async () => {
  if (pgUrl) pg = await createTestDatabase();
  else dir = fs.mkdtempSync(path.join(os.tmpdir(), "lineage-reconcile-"));
  const handle = await open();
  const co = await createCompany(handle.db, [null, 0, 1, 2, 1]);
  const at = new Date("2026-11-15T12:00:00Z");
  for (const [i, seller] of [3, 2, 4, 1, 3].entries()) {
    await placeDemoPaidOrder(handle.db, {
      sellerId: co.ids[seller]!,
      kind: i % 2 ? "retail" : "personal",
      items: [{ productId: co.productIds[2]!, quantity: 1 }],
      idempotencyKey: `r-${i}`,
      at,
    });
  }
  await release(handle);
});
afterAll(async () => {
  await pg?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run commissions -- reconcile", () => {
  it("exits 0 when the open period's ledger equals a full run", () => {
    const r = reconcile();
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/0 difference\(s\)/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("No differences.");
    expect(r.status).toBe(0);
  });

  it("exits 1 and names each line that differs", async () => {
    const handle = await open();
    await handle.db.execute(sql`update commission_ledger set amount_cents = amount_cents + 1
      where id = (select min(id) from commission_ledger)`);
    await release(handle);
    const r = reconcile();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/order \d+ level \d+ beneficiary \d+: ledger \d+, full run \d+/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("1 difference(s).");
  });

  it("--repair rewrites the lines that differ, and the next run finds none", () => {
    const r = reconcile("--repair");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/repaired: 1 line\(s\) removed, 1 written/);
    const again = reconcile();
    expect(again.stdout.trimEnd().split("\n").at(-1)).toBe("No differences.");
    expect(again.status).toBe(0);
  });

  it("refuses arguments with a usage line", () => {
    const r = spawnSync(path.join("node_modules", ".bin", "tsx"), ["scripts/commissions.ts", "reconcile", "extra"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: commissions reconcile/);
  });
});
