import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ClosedAccount } from "@/components/dashboard/closed-account";
import { NoDistributor } from "@/components/dashboard/no-distributor";
import { PageSkeleton, TableSkeleton } from "@/components/dashboard/skeletons";
import { TreePageBody } from "@/components/team/tree/tree-page-body";
import { requireUser } from "@/lib/auth/session";
import { getTeamGenerations, getTeamView, getTreeChildren, revealTeamMember, type TeamViewDto } from "@/lib/data/team";
import type { RevealDto } from "@/lib/team/tree";
import { parseDistributorId } from "@/lib/validation/team";

export const metadata: Metadata = { title: "Team tree" };

export default async function TeamTreePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  if (viewer.terminated) return <ClosedAccount title="Team tree" />;
  const raw = (await searchParams).reveal;
  const reveal = raw === undefined ? null : parseDistributorId(raw);
  if (raw !== undefined && reveal === null) notFound();
  const view = await getTeamView();
  if (!view) return <NoDistributor title="Team tree" awaitingVerification={viewer.awaitingVerification} />;
  // Checked before anything streams, so a member outside the downline is a real 404.
  const revealed = reveal === null ? null : await revealTeamMember(reveal);
  if (reveal !== null && !revealed) notFound();
  return (
    <Suspense
      fallback={
        <PageSkeleton label="Loading your team tree">
          <TableSkeleton rows={10} columns={1} />
        </PageSkeleton>
      }
    >
      <Tree view={view} revealed={revealed} />
    </Suspense>
  );
}

async function Tree({ view, revealed }: { view: TeamViewDto; revealed: RevealDto | null }) {
  const [generations, root] = await Promise.all([getTeamGenerations(), getTreeChildren([view.ownerId], 0)]);
  return <TreePageBody view={view} generations={generations.length} root={root} revealed={revealed} />;
}
