import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { distributors, products } from "@/db/schema";
import { getViewer, requireAdmin, requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { authSecret } from "@/lib/env";
import { requestSiteOrigin } from "@/lib/http/request";
import { attributionCookieName, verifyAttribution, type Attribution } from "@/lib/referrals/attribution-cookie";
import { CODE_CHANGE_WINDOW_DAYS, CODE_CHANGES_PER_WINDOW } from "@/lib/referrals/code-policy";
import { codeChangeAllowance, resolveAttribution, resolveReferralCode, type ResolvedCode, type SponsorRecord } from "@/lib/referrals/codes";
import { joinPath, nameInitial } from "@/lib/referrals/display";
import { qrSvgDataUrl } from "@/lib/referrals/qr";
import { addVisit, monthlyLinkStats, type LinkStats } from "@/lib/referrals/stats";
import { findSponsorOf, listDirectSignups, listRecentRecruits } from "@/lib/referrals/team";

/** What a public referral page may show about a sponsor: no id, no email. */
export interface PublicSponsor {
  displayName: string;
  initial: string;
  code: string;
}

/** Who is looking at a referral page, relative to its sponsor. */
export type JoinViewer = "guest" | "owner" | "member" | "admin";

export type JoinContext = { kind: "invalid" } | { kind: "redirect"; code: string } | { kind: "join"; sponsor: PublicSponsor; viewer: JoinViewer };

function toPublic(sponsor: SponsorRecord): PublicSponsor {
  return { displayName: sponsor.name, initial: nameInitial(sponsor.name), code: sponsor.code };
}

async function viewerRelation(sponsorId: number | null): Promise<JoinViewer> {
  const viewer = await getViewer();
  if (!viewer) return "guest";
  if (viewer.role === "admin") return "admin";
  return viewer.distributorId !== null && viewer.distributorId === sponsorId ? "owner" : "member";
}

// Once per request: the page and its metadata resolve the same code with one query (and one reading of the clock).
const resolveCached = cache(async (raw: string): Promise<ResolvedCode> => resolveReferralCode(await getDb(), raw, now()));

/**
 * The referral page for a code from the URL: join (with who is looking),
 * redirect (a retired code or another spelling of a current one), or invalid.
 * Public: no session needed.
 */
export async function getJoinContext(raw: string): Promise<JoinContext> {
  const resolved = await resolveCached(raw);
  if (resolved.kind === "invalid") return { kind: "invalid" };
  if (resolved.kind === "alias" || resolved.sponsor.code !== raw) return { kind: "redirect", code: resolved.sponsor.code };
  return { kind: "join", sponsor: toPublic(resolved.sponsor), viewer: await viewerRelation(resolved.sponsor.distributorId) };
}

/** Counts a prospect's visit of a valid referral page on `at`'s day (UTC); public: any guest's visit counts. */
export async function recordJoinVisit(raw: string, at: Date): Promise<void> {
  const resolved = await resolveCached(raw);
  if (resolved.kind !== "current") return;
  await addVisit(await getDb(), resolved.sponsor.distributorId, at);
}

/** The attribution cookie's code and time, if this site signed it. */
export async function readAttribution(): Promise<Attribution | null> {
  return verifyAttribution((await cookies()).get(attributionCookieName)?.value, authSecret());
}

export interface DirectJoinContext {
  /** The remembered sponsor, or null to join the company directly (under its root). */
  sponsor: PublicSponsor | null;
  viewer: JoinViewer;
}

/** /join without a code: the sponsor remembered by the cookie when still valid, else the company. */
export async function getDirectJoinContext(): Promise<DirectJoinContext> {
  const attribution = await readAttribution();
  const sponsor = attribution ? await resolveAttribution(await getDb(), attribution, now()) : null;
  if (!sponsor) return { sponsor: null, viewer: await viewerRelation(null) };
  return { sponsor: toPublic(sponsor), viewer: await viewerRelation(sponsor.distributorId) };
}

export interface ProductHighlight {
  name: string;
  description: string;
  imageUrl: string | null;
}

/** A few products for the public pitch. */
export async function listProductHighlights(limit = 3): Promise<ProductHighlight[]> {
  const db = await getDb();
  return db
    .select({ name: products.name, description: products.description, imageUrl: products.imageUrl })
    .from(products)
    .where(eq(products.active, true))
    .orderBy(asc(products.id))
    .limit(limit);
}

export interface ShareLink {
  code: string;
  /** Absolute when the request's host is known, else the path. */
  url: string;
  qrDataUrl: string;
  stats: LinkStats;
}

/** The full URL of a referral page as the visitor reached this site. */
export async function absoluteJoinUrl(code: string): Promise<string> {
  const origin = requestSiteOrigin(await headers());
  return `${origin ?? ""}${joinPath(code)}`;
}

/** The viewer's own referral link, its QR code and this month's counters; null for users without a distributor. */
export async function getMyShareLink(): Promise<ShareLink | null> {
  const viewer = await requireUser();
  // A terminated distributor's link is dead (getMyReferralCode reads no code for them): no counters to read either.
  if (viewer.distributorId === null || viewer.terminated) return null;
  const db = await getDb();
  const [code, stats] = await Promise.all([getMyReferralCode(), monthlyLinkStats(db, viewer.distributorId, now())]);
  if (code === null) return null;
  const url = await absoluteJoinUrl(code);
  return { code, url, qrDataUrl: await qrSvgDataUrl(url), stats };
}

/** The viewer's current referral code; null for users without a distributor, or a terminated one (their link is dead). */
export async function getMyReferralCode(): Promise<string | null> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return null;
  const db = await getDb();
  const [row] = await db
    .select({ code: distributors.referralCode })
    .from(distributors)
    .where(and(eq(distributors.id, viewer.distributorId), eq(distributors.status, "active")))
    .limit(1);
  return row?.code ?? null;
}

export interface CodeChangeAllowanceDto {
  /** Changes left now. */
  remaining: number;
  /** Of how many per window. */
  limit: number;
  windowDays: number;
  /** ISO: when the next change is allowed (none left) or the oldest counted change stops counting; null when none counts. */
  nextChangeAt: string | null;
  /** The viewer's zone, to state nextChangeAt in. */
  timeZone: string;
}

/** How many times the viewer may still change their code, and when one frees up; null for users without an active distributor. */
export async function getMyCodeChangeAllowance(): Promise<CodeChangeAllowanceDto | null> {
  const viewer = await requireUser();
  if (viewer.distributorId === null || viewer.terminated) return null;
  const allowance = await codeChangeAllowance(await getDb(), viewer.distributorId, now());
  return {
    remaining: allowance.remaining,
    limit: CODE_CHANGES_PER_WINDOW,
    windowDays: CODE_CHANGE_WINDOW_DAYS,
    nextChangeAt: allowance.nextChangeAt?.toISOString() ?? null,
    timeZone: viewer.timeZone,
  };
}

export interface RecruitDto {
  name: string;
  /** ISO timestamp. */
  joinedAt: string;
}

/** The viewer's five newest first-generation recruits (none for a terminated distributor: no team). */
export async function listMyRecentRecruits(): Promise<RecruitDto[]> {
  const viewer = await requireUser();
  if (viewer.distributorId === null || viewer.terminated) return [];
  const rows = await listRecentRecruits(await getDb(), viewer.distributorId, 5);
  return rows.map((r) => ({ name: r.name, joinedAt: r.joinedAt.toISOString() }));
}

/** Whom the viewer joined under, for the first-visit welcome; null without a sponsor. */
export async function getMySponsor(): Promise<{ name: string; isCompany: boolean } | null> {
  const viewer = await requireUser();
  if (viewer.distributorId === null) return null;
  const sponsor = await findSponsorOf(await getDb(), viewer.distributorId);
  return sponsor ? { name: sponsor.name, isCompany: sponsor.isRoot } : null;
}

export interface DirectSignupDto {
  name: string;
  email: string;
  country: string | null;
  joinedAt: string;
}

/** Admins only: the newest signups that came without a sponsor's link and landed under the root. */
export async function listDirectSignupsForAdmin(): Promise<DirectSignupDto[]> {
  await requireAdmin();
  const rows = await listDirectSignups(await getDb(), 10);
  return rows.map((r) => ({ name: r.name, email: r.email, country: r.country, joinedAt: r.joinedAt.toISOString() }));
}
