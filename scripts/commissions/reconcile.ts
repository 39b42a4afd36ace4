import { getDatabase } from "@/db/client";
import type { CommandIo } from "@/lib/commissions/cli";
import { formatPeriod } from "@/lib/format";
import { recomputePeriod } from "@/lib/ledger/full-run";
import { reconcileOpenPeriods } from "@/lib/ledger/reconcile";

const USAGE =
  "usage: commissions reconcile [--repair]  (compares every open period's ledger with a full run, --repair rewrites the lines that differ; DATABASE_URL, or PGlite at PGLITE_DIR)";

const money = (cents: number | null) => (cents === null ? "nothing" : String(cents));

/**
 * `commissions reconcile`: recomputes every open period from the configured
 * database and prints each line where the ledger differs from a full run.
 * Exit 0 when there is no difference, 1 when there is, 2 on a usage or
 * connection error. With --repair, a period with differences is then
 * recomputed comparing every line (a routine full run compares digests, so it
 * cannot see lines changed behind the ledger's back); the exit code still says
 * whether there were differences.
 */
export async function reconcileCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const repair = args.length === 1 && args[0] === "--repair";
  if (args.length > 0 && !repair) {
    io.stderr(USAGE);
    return 2;
  }
  let handle;
  try {
    handle = await getDatabase();
  } catch (e) {
    io.stderr(`cannot open the database: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  try {
    const results = await reconcileOpenPeriods(handle.db);
    let differences = 0;
    for (const r of results) {
      differences += r.differences.length;
      io.stdout(
        `${formatPeriod(r.startsOn)} (period ${r.periodId}): ${r.ledgerLines} ledger lines, ${r.expectedLines} from a full run, ${r.differences.length} difference(s)\n`,
      );
      for (const d of r.differences) {
        io.stdout(`  order ${d.orderId} level ${d.level} beneficiary ${d.beneficiaryId}: ledger ${money(d.actualCents)}, full run ${money(d.expectedCents)}\n`);
      }
      if (repair && r.differences.length > 0) {
        const fixed = await recomputePeriod(handle.db, r.periodId, { compare: "lines" });
        io.stdout(`  repaired: ${fixed.deleted} line(s) removed, ${fixed.inserted} written\n`);
      }
    }
    if (results.length === 0) io.stdout("No open period.\n");
    io.stdout(differences === 0 ? "No differences.\n" : `${differences} difference(s).\n`);
    return differences === 0 ? 0 : 1;
  } finally {
    await handle.close();
  }
}
