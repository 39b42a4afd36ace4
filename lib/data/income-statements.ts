import "server-only";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import {
  computeIncomeStatement,
  defaultRange,
  listClosedPeriods,
  resolveStatementRange,
  StatementRangeError,
  type ClosedPeriod,
  type IncomeStatement,
} from "@/lib/compliance/income-statement";
import {
  getPublishedStatement,
  latestPublishedStatementId,
  listPublishedStatements,
  type PublishedStatement,
  type PublishedSummary,
} from "@/lib/compliance/published";
import { parseId } from "@/lib/validation/input";

export interface IncomeStatementAdminView {
  closed: ClosedPeriod[];
  /** The chosen range (from the query, else the default); null when no period is closed. */
  range: { fromPeriodId: number; toPeriodId: number } | null;
  preview: IncomeStatement | null;
  /** Why there is no preview for the chosen range. */
  problem: string | null;
  published: PublishedSummary[];
}

/** The back office's statement page: closed periods, a preview over the chosen range, the published statements; admins only. */
export async function getIncomeStatementAdminView(query: { from?: string | string[]; to?: string | string[] }): Promise<IncomeStatementAdminView> {
  await requireAdmin();
  const db = await getDb();
  const [closed, published] = await Promise.all([listClosedPeriods(db), listPublishedStatements(db)]);
  const fallback = defaultRange(closed);
  const from = parseId(query.from);
  const to = parseId(query.to);
  const range = from !== null && to !== null ? { fromPeriodId: from, toPeriodId: to } : fallback;
  if (!range) return { closed, range: null, preview: null, problem: "No period is closed yet: a statement covers closed periods only.", published };
  const chosen = closed.some((p) => p.id === range.fromPeriodId) && closed.some((p) => p.id === range.toPeriodId);
  if (!chosen) return { closed, range: fallback, preview: null, problem: "Choose two closed periods from the lists.", published };
  try {
    const resolved = await resolveStatementRange(db, range.fromPeriodId, range.toPeriodId);
    return { closed, range, preview: await computeIncomeStatement(db, resolved, now()), problem: null, published };
  } catch (error) {
    if (error instanceof StatementRangeError) return { closed, range, preview: null, problem: error.message, published };
    throw error;
  }
}

/** A published statement (the latest when `id` is null): public, for prospects. */
export async function getPublicIncomeStatement(id: number | null): Promise<PublishedStatement | null> {
  await connection();
  return getPublishedStatement(await getDb(), id);
}

/** The latest published statement's id, for the "What do distributors really earn?" links; null hides them. */
export async function getLatestIncomeStatementId(): Promise<number | null> {
  await connection();
  return latestPublishedStatementId(await getDb());
}
