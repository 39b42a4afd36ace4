import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { requireAdmin, requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { loadTeamContext, type TeamContext } from "@/lib/team/context";
import { countDownline, getDownlinePage, streamDownline, type DownlinePageDto, type DownlineRowDto } from "@/lib/team/downline";
import { getGenerations, type GenerationDto } from "@/lib/team/generations";
import { getTeamHistory, type TeamHistoryDto } from "@/lib/team/history";
import { getMemberCard, type MemberCardDto } from "@/lib/team/member";
import { getDashboardSummary, type DashboardSummaryDto, type PeriodRefDto } from "@/lib/team/summary";
import { listChildren, revealMember, searchTeam, type RevealDto, type TeamSearchHitDto, type TreeChildrenDto } from "@/lib/team/tree";
import type { TeamFilter, TeamQuery } from "@/lib/validation/team";

// Whose team: the viewer's own, or, for an admin only, any distributor's
// (`as`, read-only). Every function below resolves it itself, so the access
// rule cannot be forgotten by a page or a route handler.

/** An admin looking at another distributor's team; undefined: the viewer's own. */
export type TeamAs = number | undefined;

export interface TeamViewDto {
  ownerId: number;
  ownerName: string;
  /** An admin looking at someone else's team: no write controls. */
  readOnly: boolean;
  /** Where this team's pages live: /dashboard or /admin/distributors/<id>. */
  basePath: string;
  period: PeriodRefDto | null;
  /** Rank names by position. */
  ranks: string[];
  activeMinPv: number;
}

const contextFor = cache(async (ownerId: number): Promise<TeamContext | null> => loadTeamContext(await getDb(), ownerId, now()));

/** The team context, or null: no distributor record (an admin's own dashboard), a terminated viewer's own, or an unknown `as` id. */
async function resolve(as: TeamAs): Promise<{ ctx: TeamContext; view: TeamViewDto } | null> {
  let ownerId: number | null;
  let readOnly = false;
  if (as !== undefined) {
    await requireAdmin();
    ownerId = as;
    readOnly = true;
  } else {
    const viewer = await requireUser();
    // A terminated distributor keeps no team: their downline is not theirs to see.
    ownerId = viewer.terminated ? null : viewer.distributorId;
  }
  if (ownerId === null) return null;
  const ctx = await contextFor(ownerId);
  if (!ctx) return null;
  const p = ctx.period;
  return {
    ctx,
    view: {
      ownerId: ctx.owner.id,
      ownerName: ctx.owner.name,
      readOnly,
      basePath: readOnly ? `/admin/distributors/${ctx.owner.id}` : "/dashboard",
      period: p ? { id: p.id, startsOn: p.startsOn, status: p.status, updating: p.updating } : null,
      ranks: ctx.plan?.ranks.map((r) => r.name) ?? [],
      activeMinPv: ctx.plan?.activeMinPv ?? 0,
    },
  };
}

export async function getTeamView(as?: TeamAs): Promise<TeamViewDto | null> {
  return (await resolve(as))?.view ?? null;
}

export interface DashboardDto {
  view: TeamViewDto;
  summary: DashboardSummaryDto;
  history: TeamHistoryDto;
}

export async function getDashboard(as?: TeamAs): Promise<DashboardDto | null> {
  const r = await resolve(as);
  if (!r) return null;
  const db = await getDb();
  const [summary, history] = await Promise.all([getDashboardSummary(db, r.ctx), getTeamHistory(db, r.ctx)]);
  return { view: r.view, summary, history };
}

export async function getTeamGenerations(as?: TeamAs): Promise<GenerationDto[]> {
  const r = await resolve(as);
  return r ? getGenerations(await getDb(), r.ctx) : [];
}

export async function getTeamPage(query: TeamQuery, as?: TeamAs): Promise<DownlinePageDto> {
  const r = await resolve(as);
  if (!r) return { rows: [], total: 0, page: 1, size: query.size };
  return getDownlinePage(await getDb(), r.ctx, query);
}

/** The CSV export takes at most this many rows; the team page says so above it. */
export const EXPORT_LIMIT = 250_000;

export interface TeamExportDto {
  view: TeamViewDto | null;
  /** The rows, read a chunk at a time as the download is written (lib/team/downline.ts streamDownline). */
  rows: AsyncIterable<DownlineRowDto[]>;
  /** Rows matching the filters (more than the export holds when over the limit). */
  total: number;
}

/** No team, nothing to export: a stream that ends at once. */
async function* noRows(): AsyncGenerator<DownlineRowDto[]> {}

/** The filtered, sorted downline for the CSV, at most EXPORT_LIMIT rows, streamed; nothing for a viewer without a team. */
export async function exportTeam(query: TeamFilter & Pick<TeamQuery, "sort" | "dir">, as?: TeamAs): Promise<TeamExportDto> {
  const r = await resolve(as);
  if (!r) return { view: null, rows: noRows(), total: 0 };
  const db = await getDb();
  const total = await countDownline(db, r.ctx, query);
  return { view: r.view, rows: streamDownline(db, r.ctx, query, EXPORT_LIMIT), total };
}

/** A member of the team, or null (outside the downline, or no such id): the page answers 404. */
export async function getTeamMember(memberId: number, as?: TeamAs): Promise<MemberCardDto | null> {
  const r = await resolve(as);
  return r ? getMemberCard(await getDb(), r.ctx, memberId) : null;
}

export async function getTreeChildren(parentIds: number[], offset: number, as?: TeamAs): Promise<TreeChildrenDto[]> {
  const r = await resolve(as);
  return r ? listChildren(await getDb(), r.ctx, parentIds, { offset }) : [];
}

export async function searchTeamMembers(q: string, as?: TeamAs): Promise<TeamSearchHitDto[]> {
  const r = await resolve(as);
  return r ? searchTeam(await getDb(), r.ctx, q) : [];
}

export async function revealTeamMember(memberId: number, as?: TeamAs): Promise<RevealDto | null> {
  const r = await resolve(as);
  return r ? revealMember(await getDb(), r.ctx, memberId) : null;
}
