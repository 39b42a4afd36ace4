import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage() {
  await requireUser();
  return <ComingSoon title="Orders">Your orders and your retail customers&rsquo; orders.</ComingSoon>;
}
