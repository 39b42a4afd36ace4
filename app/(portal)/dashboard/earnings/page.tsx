import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Earnings" };

export default async function EarningsPage() {
  await requireUser();
  return <ComingSoon title="Earnings">Your commissions by period, and why each amount is what it is.</ComingSoon>;
}
