"use server";

import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/session";
import { formatPeriod } from "@/lib/format";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";
import type { ActionResult } from "../result";

/** Recomputes every open period from scratch and compares it with the ledger, line for line. */
export async function reconcilePeriodsAsAdmin(): Promise<ActionResult> {
  await requireAdmin();
  const results = await reconcileOpenPeriods(await getDb());
  const bad = results.filter((r) => r.differences.length > 0);
  if (bad.length === 0) {
    return {
      ok: true,
      message: `No differences: ${results.map((r) => `${formatPeriod(r.startsOn)} (${r.ledgerLines} lines)`).join(", ") || "no open period"} matches a full run.`,
    };
  }
  return {
    ok: false,
    message: bad.map((r) => `${formatPeriod(r.startsOn)}: ${r.differences.length} line(s) differ from a full run`).join("; ") + ". Run a recompute to repair.",
  };
}
