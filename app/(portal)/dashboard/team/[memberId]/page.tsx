import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MemberCard } from "@/components/team/member-card";
import { getTeamMember, getTeamView } from "@/lib/data/team";
import { parseDistributorId } from "@/lib/validation/team";

export const metadata: Metadata = { title: "Team member" };

/** A downline member's card; any id outside the viewer's downline (or malformed) is a 404. */
export default async function MemberPage({ params }: { params: Promise<{ memberId: string }> }) {
  const id = parseDistributorId((await params).memberId);
  if (id === null) notFound();
  const [view, member] = await Promise.all([getTeamView(), getTeamMember(id)]);
  if (!view || !member) notFound();
  return <MemberCard member={member} ranks={view.ranks} teamPath={`${view.basePath}/team`} ownerLabel="You" />;
}
