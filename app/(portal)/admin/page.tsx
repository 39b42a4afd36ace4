import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireAdmin();
  return <ComingSoon title="Admin">Products, the compensation plan, distributors, periods and payouts.</ComingSoon>;
}
