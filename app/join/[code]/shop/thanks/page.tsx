import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getJoinContext } from "@/lib/data/referrals";
import { joinPath } from "@/lib/referrals/display";

export const metadata: Metadata = { title: "Thank you", robots: { index: false, follow: false } };

export default async function ReferralShopThanksPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ order?: string }>;
}) {
  const { code } = await params;
  const context = await getJoinContext(code);
  if (context.kind === "invalid") notFound();
  const { order } = await searchParams;
  const orderNumber = typeof order === "string" && /^\d{1,9}$/.test(order) ? order : null;
  const base = joinPath(context.kind === "redirect" ? context.code : context.sponsor.code);
  return (
    <section className="mx-auto max-w-lg space-y-4 text-center">
      <h1 className="text-2xl font-bold text-slate-900">Thank you for your order</h1>
      <p className="text-slate-700" role="status">
        {orderNumber ? <>Order #{orderNumber} is confirmed and paid. </> : <>Your order is confirmed and paid. </>}Keep the order number for any question.
      </p>
      <p className="text-sm text-slate-600">Changed your mind? Within 3 days your distributor can cancel it for a full refund.</p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link href={`${base}/shop`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100">
          Keep shopping
        </Link>
        <Link href={base} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Become a distributor
        </Link>
      </div>
    </section>
  );
}
