import { eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { distributors, users } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { revokeSessions } from "@/lib/auth/sessions";
import { lockLedger, type Executor, type Tx } from "@/lib/ledger/db";
import { DISTRIBUTOR_PAGE_SIZE, type DistributorListQuery, type DistributorSortKey } from "@/lib/validation/admin-distributors";
import { recordAudit } from "./audit";
import { AdminError, CHECK_VIOLATION, sqlMessage, sqlState } from "./errors";
import { flagOpenPeriods, recomputePeriods } from "./recompute";

export interface AdminDistributorDto {
  id: number;
  name: string;
  email: string;
  code: string;
  status: "active" | "terminated";
  sponsor: { id: number; name: string; code: string } | null;
  depth: number;
  /** Everyone below, from the per-generation rollups the database keeps (no walk over the team). */
  teamSize: number;
  joinedAt: string;
  pv: number;
  gv: number;
  rank: string | null;
}

export interface RankOption {
  position: number;
  name: string;
}

/** The latest open period and its plan's ranks: what the list's rank and volumes refer to. */
export async function currentRankContext(db: Executor): Promise<{ periodId: number | null; startsOn: string | null; ranks: RankOption[] }> {
  const [period] = await queryRows<{ id: number; starts_on: string; plan_id: number }>(
    db,
    sql`select id, starts_on::text, plan_id from commission_periods where status = 'open' order by starts_on desc limit 1`,
  );
  if (!period) return { periodId: null, startsOn: null, ranks: [] };
  const ranks = await queryRows<RankOption>(db, sql`select position, name from plan_ranks where plan_id = ${period.plan_id} order by position`);
  return { periodId: period.id, startsOn: period.starts_on, ranks };
}

// The whitelisted sort keys' SQL: a URL only ever picks one of these, never writes SQL. Ties go by id.
const sortSql: Record<DistributorSortKey, SQL> = {
  name: sql`lower(u.name)`,
  code: sql`d.referral_code`,
  pv: sql`coalesce(s.pv, 0)`,
  gv: sql`coalesce(s.gv, 0)`,
  rank: sql`s.rank_position`,
};

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of distributors matching the filters, with the open period's volumes and rank. */
export async function listDistributors(
  db: Executor,
  query: DistributorListQuery,
): Promise<{ rows: AdminDistributorDto[]; total: number; ranks: RankOption[]; periodStartsOn: string | null }> {
  const context = await currentRankContext(db);
  const where: SQL[] = [sql`true`];
  if (query.status !== "any") where.push(sql`d.status = ${query.status}`);
  if (query.q) {
    const id = /^#\d{1,9}$/.test(query.q) ? Number(query.q.slice(1)) : null;
    where.push(
      id !== null
        ? sql`d.id = ${id}`
        : sql`(u.name ilike ${likePattern(query.q)} or u.email ilike ${likePattern(query.q)} or d.referral_code ilike ${likePattern(query.q)})`,
    );
  }
  if (query.rank === "none") where.push(sql`s.rank_position is null`);
  else if (query.rank !== undefined) where.push(sql`s.rank_position = ${query.rank}`);
  const condition = sql.join(where, sql` and `);
  const dir = query.dir === "desc" ? sql`desc nulls last` : sql`asc nulls first`;
  const orderBy = sql`${sortSql[query.sort ?? "name"]} ${dir}, d.id ${query.dir === "desc" ? sql`desc` : sql`asc`}`;
  const from = sql`from distributors d join users u on u.id = d.user_id
    left join distributor_period_stats s on s.distributor_id = d.id and s.period_id = ${context.periodId ?? -1}`;
  const [rows, [total]] = await Promise.all([
    queryRows<{
      id: number;
      name: string;
      email: string;
      code: string;
      status: "active" | "terminated";
      depth: number;
      joined_at: string;
      sponsor_id: number | null;
      sponsor_name: string | null;
      sponsor_code: string | null;
      team: number;
      pv: number;
      gv: number;
      rank_position: number | null;
    }>(
      db,
      sql`select d.id, u.name, u.email, d.referral_code as code, d.status, d.depth, d.joined_at::text,
            d.sponsor_id, su.name as sponsor_name, sd.referral_code as sponsor_code,
            (select coalesce(sum(g.members), 0)::int from team_generation_members g where g.ancestor_id = d.id) as team,
            coalesce(s.pv, 0)::float8 as pv, coalesce(s.gv, 0)::float8 as gv, s.rank_position
          ${from}
          left join distributors sd on sd.id = d.sponsor_id left join users su on su.id = sd.user_id
          where ${condition}
          order by ${orderBy}
          limit ${DISTRIBUTOR_PAGE_SIZE} offset ${(query.page - 1) * DISTRIBUTOR_PAGE_SIZE}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from} where ${condition}`),
  ]);
  const rankName = new Map(context.ranks.map((r) => [r.position, r.name]));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      code: r.code,
      status: r.status,
      sponsor: r.sponsor_id === null ? null : { id: r.sponsor_id, name: r.sponsor_name ?? "", code: r.sponsor_code ?? "" },
      depth: r.depth,
      teamSize: r.team,
      joinedAt: new Date(r.joined_at).toISOString(),
      pv: r.pv,
      gv: r.gv,
      rank: r.rank_position === null ? null : (rankName.get(r.rank_position) ?? null),
    })),
    total: total?.n ?? 0,
    ranks: context.ranks,
    periodStartsOn: context.startsOn,
  };
}

interface Locked {
  id: number;
  userId: number;
  name: string;
  code: string;
  status: "active" | "terminated";
  sponsorId: number | null;
  path: string;
}

async function lockDistributor(tx: Tx, id: number): Promise<Locked> {
  const [row] = await tx
    .select({
      id: distributors.id,
      userId: users.id,
      name: users.name,
      code: distributors.referralCode,
      status: distributors.status,
      sponsorId: distributors.sponsorId,
      path: distributors.path,
    })
    .from(distributors)
    .innerJoin(users, eq(users.id, distributors.userId))
    .where(eq(distributors.id, id))
    .for("update", { of: distributors });
  if (!row) throw new AdminError("This distributor does not exist.");
  return row;
}

export interface DistributorChange {
  periodIds: number[];
  /** False when a full run failed and was left to the background. */
  recomputed: boolean;
}

/**
 * Runs an admin change to the tree or to someone's standing: under the ledger
 * lock (no order reads a half-changed tree), audited, with every open period
 * flagged and then recomputed from scratch once it has committed.
 */
async function changeDistributor(db: Database, write: (tx: Tx) => Promise<void>): Promise<DistributorChange> {
  const periodIds = await db.transaction(async (tx) => {
    await lockLedger(tx);
    await write(tx);
    return flagOpenPeriods(tx);
  });
  return { periodIds, recomputed: await recomputePeriods(db, periodIds) };
}

/** Terminated: never active, no rank, no retail share; their volume still counts for their upline (the spec). */
/** `at`: when, for the audit log (the demo seed's history); by default the transaction's time. */
export function terminateDistributor(db: Database, actorUserId: number, id: number, at?: Date): Promise<DistributorChange> {
  return changeDistributor(db, async (tx) => {
    const d = await lockDistributor(tx, id);
    if (d.sponsorId === null) throw new AdminError("The company's root account cannot be terminated.");
    if (d.status === "terminated") throw new AdminError(`${d.name} is already terminated.`);
    await tx.update(distributors).set({ status: "terminated" }).where(eq(distributors.id, id));
    // Signed out everywhere: they sign in again to whatever a terminated account still may see.
    await revokeSessions(tx, d.userId);
    await recordAudit(tx, {
      at,
      actorUserId,
      action: "distributor.terminate",
      entity: "distributor",
      entityId: id,
      before: { status: d.status },
      after: { status: "terminated" },
    });
  });
}

export function reactivateDistributor(db: Database, actorUserId: number, id: number): Promise<DistributorChange> {
  return changeDistributor(db, async (tx) => {
    const d = await lockDistributor(tx, id);
    if (d.status === "active") throw new AdminError(`${d.name} is already active.`);
    await tx.update(distributors).set({ status: "active" }).where(eq(distributors.id, id));
    await recordAudit(tx, {
      actorUserId,
      action: "distributor.reactivate",
      entity: "distributor",
      entityId: id,
      before: { status: d.status },
      after: { status: "active" },
    });
  });
}

export const ownTeamMessage = "A distributor cannot be moved under their own team.";

/** A sponsor as an admin types it: a referral code, or "#id". */
async function findSponsor(tx: Tx, ref: string): Promise<Locked | null> {
  const byId = /^#?(\d{1,9})$/.exec(ref);
  const [row] = await tx
    .select({ id: distributors.id })
    .from(distributors)
    .where(byId ? eq(distributors.id, Number(byId[1])) : sql`lower(${distributors.referralCode}) = lower(${ref})`)
    .limit(1);
  return row ? lockDistributor(tx, row.id) : null;
}

/**
 * Moves a distributor, with their whole team, under another sponsor. The
 * database's trigger rewrites the materialised paths of the whole subtree in
 * the same statement, and refuses a sponsor inside the subtree.
 */
export function moveDistributor(db: Database, actorUserId: number, id: number, sponsorRef: string): Promise<DistributorChange> {
  return changeDistributor(db, async (tx) => {
    const d = await lockDistributor(tx, id);
    if (d.sponsorId === null) throw new AdminError("The company's root account cannot be moved.");
    const sponsor = await findSponsor(tx, sponsorRef);
    if (!sponsor) throw new AdminError(`No distributor has the referral code or id "${sponsorRef}".`, "sponsor");
    if (sponsor.id === d.id || sponsor.path.startsWith(`${d.path}.`)) throw new AdminError(ownTeamMessage, "sponsor");
    if (sponsor.id === d.sponsorId) throw new AdminError(`${sponsor.name} is already ${d.name}'s sponsor.`, "sponsor");
    if (sponsor.status === "terminated") throw new AdminError(`${sponsor.name} is terminated: choose an active sponsor.`, "sponsor");
    const [old] = await tx.select({ code: distributors.referralCode }).from(distributors).where(eq(distributors.id, d.sponsorId));
    try {
      await tx.update(distributors).set({ sponsorId: sponsor.id }).where(eq(distributors.id, id));
    } catch (error) {
      // The trigger's own check, should the tree have changed since the one above (it cannot under the lock, but the database is the last word).
      if (sqlState(error) === CHECK_VIOLATION && /own downline/.test(sqlMessage(error))) throw new AdminError(ownTeamMessage, "sponsor");
      throw error;
    }
    await recordAudit(tx, {
      actorUserId,
      action: "distributor.move",
      entity: "distributor",
      entityId: id,
      before: { sponsorId: d.sponsorId, sponsorCode: old?.code ?? null, path: d.path },
      after: { sponsorId: sponsor.id, sponsorCode: sponsor.code, path: `${sponsor.path}.${d.id}` },
    });
  });
}
