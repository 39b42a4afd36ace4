import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { incomeStatements, users } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import type { Executor } from "@/lib/ledger/db";
import { computeIncomeStatement, resolveStatementRange, type IncomeStatement } from "./income-statement";
import { statementInputsChecksum } from "./statement-inputs";

// Published income disclosure statements: computed once, stored as a frozen
// snapshot with the checksum of their inputs, never recomputed or edited.
// Domain service: the caller authorized (publishing is for admins).

export interface PublishedStatement {
  id: number;
  statement: IncomeStatement;
  inputsSha256: string;
  generatedAt: string;
  publishedByName: string | null;
}

export interface PublishedSummary {
  id: number;
  rangeStartsOn: string;
  rangeEndsOn: string;
  range: IncomeStatement["range"];
  generatedAt: string;
  population: number;
  inputsSha256: string;
  publishedByName: string | null;
}

/**
 * Computes the statement over the periods from `fromPeriodId` to `toPeriodId`
 * (all closed) and publishes it, with an audit entry, in one repeatable-read
 * transaction so the figures and the checksum read the same data.
 */
export async function publishIncomeStatement(
  db: Database,
  actorUserId: number | null,
  fromPeriodId: number,
  toPeriodId: number,
  now: Date,
): Promise<{ id: number; statement: IncomeStatement; inputsSha256: string }> {
  return db.transaction(
    async (tx) => {
      const range = await resolveStatementRange(tx, fromPeriodId, toPeriodId);
      const statement = await computeIncomeStatement(tx, range, now);
      const inputsSha256 = await statementInputsChecksum(tx, range);
      const [row] = await tx
        .insert(incomeStatements)
        .values({ rangeStartsOn: range.startsOn, rangeEndsOn: range.endsOn, snapshot: statement, inputsSha256, generatedAt: now, publishedBy: actorUserId })
        .returning({ id: incomeStatements.id });
      await recordAudit(tx, {
        actorUserId,
        action: "income_statement.publish",
        entity: "income_statement",
        entityId: row!.id,
        after: { rangeStartsOn: range.startsOn, rangeEndsOn: range.endsOn, population: statement.population.total, inputsSha256 },
        at: now,
      });
      return { id: row!.id, statement, inputsSha256 };
    },
    { isolationLevel: "repeatable read" },
  );
}

const columns = {
  id: incomeStatements.id,
  rangeStartsOn: incomeStatements.rangeStartsOn,
  rangeEndsOn: incomeStatements.rangeEndsOn,
  snapshot: incomeStatements.snapshot,
  inputsSha256: incomeStatements.inputsSha256,
  generatedAt: incomeStatements.generatedAt,
  publishedByName: users.name,
};

/** Every published statement, newest first. */
export async function listPublishedStatements(db: Executor): Promise<PublishedSummary[]> {
  const rows = await db
    .select(columns)
    .from(incomeStatements)
    .leftJoin(users, eq(users.id, incomeStatements.publishedBy))
    .orderBy(desc(incomeStatements.generatedAt), desc(incomeStatements.id));
  return rows.map((r) => ({
    id: r.id,
    rangeStartsOn: r.rangeStartsOn,
    rangeEndsOn: r.rangeEndsOn,
    range: r.snapshot.range,
    generatedAt: r.generatedAt.toISOString(),
    population: r.snapshot.population.total,
    inputsSha256: r.inputsSha256,
    publishedByName: r.publishedByName,
  }));
}

/** One published statement, or the latest when `id` is null; null when there is none. */
export async function getPublishedStatement(db: Executor, id: number | null): Promise<PublishedStatement | null> {
  const query = db.select(columns).from(incomeStatements).leftJoin(users, eq(users.id, incomeStatements.publishedBy));
  const [row] = await (id === null
    ? query.orderBy(desc(incomeStatements.generatedAt), desc(incomeStatements.id)).limit(1)
    : query.where(eq(incomeStatements.id, id)));
  if (!row) return null;
  return {
    id: row.id,
    statement: row.snapshot,
    inputsSha256: row.inputsSha256,
    generatedAt: row.generatedAt.toISOString(),
    publishedByName: row.publishedByName,
  };
}

/** The latest published statement's id, for links; null when none is published. */
export async function latestPublishedStatementId(db: Executor): Promise<number | null> {
  const [row] = await db
    .select({ id: incomeStatements.id })
    .from(incomeStatements)
    .orderBy(desc(incomeStatements.generatedAt), desc(incomeStatements.id))
    .limit(1);
  return row?.id ?? null;
}
