import type { Metadata } from "next";
import { TeamPageBody } from "@/components/team/team-page-body";
import { requireUser } from "@/lib/auth/session";
import { EXPORT_LIMIT, getTeamGenerations, getTeamPage, getTeamView } from "@/lib/data/team";
import { parseTeamQuery } from "@/lib/validation/team";
import { ClosedAccount } from "@/components/dashboard/closed-account";
import { NoDistributor } from "@/components/dashboard/no-distributor";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  if (viewer.terminated) return <ClosedAccount title="Team" />;
  const query = parseTeamQuery(await searchParams);
  const [view, generations, page] = await Promise.all([getTeamView(), getTeamGenerations(), getTeamPage(query)]);
  if (!view) return <NoDistributor title="Team" awaitingVerification={viewer.awaitingVerification} />;
  return <TeamPageBody view={view} generations={generations} page={page} query={query} exportLimit={EXPORT_LIMIT} />;
}
