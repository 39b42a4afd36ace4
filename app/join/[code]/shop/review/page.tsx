import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect, redirect } from "next/navigation";
import { CartSummary } from "@/components/shop/cart-summary";
import { CheckoutForm } from "@/components/shop/checkout-form";
import { placeRetailOrder } from "@/lib/actions/orders/place-retail-order";
import { getJoinContext } from "@/lib/data/referrals";
import { getCheckoutOptions, quoteCart } from "@/lib/data/shop";
import { guessCountry } from "@/lib/countries";
import { noProviderMessage } from "@/lib/payments/config";
import { paymentNote } from "@/lib/payments/display";
import { headers } from "next/headers";
import { joinPath } from "@/lib/referrals/display";
import { parseCartQuery } from "@/lib/validation/orders";

export const metadata: Metadata = { title: "Your order", robots: { index: false, follow: false } };

export default async function ReferralShopReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code } = await params;
  const context = await getJoinContext(code);
  if (context.kind === "invalid") notFound();
  const shop = `${joinPath(context.kind === "redirect" ? context.code : context.sponsor.code)}/shop`;
  if (context.kind === "redirect") permanentRedirect(shop);
  const cart = parseCartQuery(await searchParams);
  if (cart.error) redirect(`${shop}?error=quantity`);
  if (cart.items.length === 0) redirect(`${shop}?error=empty`);
  const [{ lines, missing }, options, requestHeaders] = await Promise.all([quoteCart(cart.items), getCheckoutOptions(), headers()]);
  return (
    <section className="max-w-2xl space-y-6">
      <header>
        <p className="text-sm font-medium text-brand-700">Shopping with {context.sponsor.displayName}</p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">Your order</h1>
      </header>
      {missing ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some products are no longer available and were left out.
        </p>
      ) : null}
      {!options.provider ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {noProviderMessage}
        </p>
      ) : lines.length > 0 ? (
        <>
          <CartSummary lines={lines} currency={options.currency} showPv={false} />
          <CheckoutForm
            action={placeRetailOrder.bind(null, context.sponsor.code)}
            items={lines.map((l) => `${l.id}:${l.quantity}`)}
            idempotencyKey={randomUUID()}
            guest
            shipping={options.shipping}
            currency={options.currency}
            subtotalCents={lines.reduce((s, l) => s + l.lineCents, 0)}
            defaults={{ country: guessCountry(requestHeaders.get("accept-language")) ?? undefined }}
            submitLabel="Continue to payment"
            paymentNote={paymentNote(options.provider)}
          />
        </>
      ) : null}
      <Link
        href={`${shop}?${cart.items.map((i) => `qty-${i.productId}=${i.quantity}`).join("&")}`}
        className="inline-block text-sm font-medium text-brand-700 hover:underline"
      >
        ← Change quantities
      </Link>
    </section>
  );
}
