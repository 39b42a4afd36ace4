import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CartSummary } from "@/components/shop/cart-summary";
import { ConfirmOrderForm } from "@/components/shop/confirm-order-form";
import { placePersonalOrder } from "@/lib/actions/orders/place-order";
import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { quoteCart } from "@/lib/data/shop";
import { parseCartQuery } from "@/lib/validation/orders";
import { ClosedAccount } from "@/components/dashboard/closed-account";

export const metadata: Metadata = { title: "Review your order" };

export default async function ReviewOrderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  if (viewer.terminated) return <ClosedAccount title="Review your order" />;
  const params = await searchParams;
  const cart = parseCartQuery(params);
  if (cart.error) redirect("/shop?error=quantity");
  if (cart.items.length === 0) redirect("/shop?error=empty");
  const [{ lines, missing }, company] = await Promise.all([quoteCart(cart.items), getCompany()]);
  const back = `/shop?${cart.items.map((i) => `qty-${i.productId}=${i.quantity}`).join("&")}`;
  return (
    <section className="max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Review your order</h1>
        <p className="mt-1 text-slate-600">Prices and PV are today&rsquo;s catalog figures. Payment is taken when you confirm.</p>
      </header>
      {missing ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some products are no longer available and were left out.
        </p>
      ) : null}
      {lines.length > 0 ? (
        <>
          <CartSummary lines={lines} currency={company.currency} />
          <ConfirmOrderForm action={placePersonalOrder} items={lines.map((l) => `${l.id}:${l.quantity}`)} idempotencyKey={randomUUID()} />
        </>
      ) : null}
      <Link href={back} className="inline-block text-sm font-medium text-brand-700 hover:underline">
        ← Change quantities
      </Link>
    </section>
  );
}
