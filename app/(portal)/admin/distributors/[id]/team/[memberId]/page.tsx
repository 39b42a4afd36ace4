import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MemberCard } from "@/components/team/member-card";
import { ReadOnlyBanner } from "@/components/team/read-only-banner";
import { requireAdmin } from "@/lib/auth/session";
import { getTeamMember, getTeamView } from "@/lib/data/team";
import { parseDistributorId } from "@/lib/validation/team";

export const metadata: Metadata = { title: "Team member" };

export default async function AdminTeamMember({ params }: { params: Promise<{ id: string; memberId: string }> }) {
  await requireAdmin();
  const p = await params;
  const id = parseDistributorId(p.id);
  const memberId = parseDistributorId(p.memberId);
  if (id === null || memberId === null) notFound();
  const [view, member] = await Promise.all([getTeamView(id), getTeamMember(memberId, id)]);
  if (!view || !member) notFound();
  return (
    <>
      <ReadOnlyBanner ownerName={view.ownerName} basePath={view.basePath} />
      <MemberCard member={member} ranks={view.ranks} teamPath={`${view.basePath}/team`} ownerLabel={view.ownerName} />
    </>
  );
}
