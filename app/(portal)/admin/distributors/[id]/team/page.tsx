import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TeamPageBody } from "@/components/team/team-page-body";
import { requireAdmin } from "@/lib/auth/session";
import { EXPORT_LIMIT, getTeamGenerations, getTeamPage, getTeamView } from "@/lib/data/team";
import { parseDistributorId, parseTeamQuery } from "@/lib/validation/team";

export const metadata: Metadata = { title: "Distributor team" };

export default async function AdminDistributorTeam({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const id = parseDistributorId((await params).id);
  if (id === null) notFound();
  const query = parseTeamQuery(await searchParams);
  const [view, generations, page] = await Promise.all([getTeamView(id), getTeamGenerations(id), getTeamPage(query, id)]);
  if (!view) notFound();
  return <TeamPageBody view={view} generations={generations} page={page} query={query} exportLimit={EXPORT_LIMIT} />;
}
