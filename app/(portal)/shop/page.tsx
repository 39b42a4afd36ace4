import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Shop" };

export default async function ShopPage() {
  await requireUser();
  return <ComingSoon title="Shop">Order products for yourself and earn volume.</ComingSoon>;
}
