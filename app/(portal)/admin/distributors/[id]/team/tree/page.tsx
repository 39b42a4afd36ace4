import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TreePageBody } from "@/components/team/tree/tree-page-body";
import { requireAdmin } from "@/lib/auth/session";
import { getTeamGenerations, getTeamView, getTreeChildren, revealTeamMember } from "@/lib/data/team";
import { parseDistributorId } from "@/lib/validation/team";

export const metadata: Metadata = { title: "Distributor team tree" };

export default async function AdminTeamTree({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const id = parseDistributorId((await params).id);
  if (id === null) notFound();
  const raw = (await searchParams).reveal;
  const reveal = raw === undefined ? null : parseDistributorId(raw);
  if (raw !== undefined && reveal === null) notFound();
  const view = await getTeamView(id);
  if (!view) notFound();
  const [generations, root, revealed] = await Promise.all([
    getTeamGenerations(id),
    getTreeChildren([id], 0, id),
    reveal === null ? null : revealTeamMember(reveal, id),
  ]);
  if (reveal !== null && !revealed) notFound();
  return <TreePageBody view={view} generations={generations.length} root={root} revealed={revealed} />;
}
