import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  await requireUser();
  return <ComingSoon title="Team">Your downline by generation, with volumes and ranks.</ComingSoon>;
}
