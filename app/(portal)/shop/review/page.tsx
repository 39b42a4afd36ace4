import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ClosedAccount } from "@/components/dashboard/closed-account";
import { CartSummary } from "@/components/shop/cart-summary";
import { CheckoutForm } from "@/components/shop/checkout-form";
import { placePersonalOrder } from "@/lib/actions/orders/place-order";
import { requireUser } from "@/lib/auth/session";
import { getCheckoutOptions, myShippingDefaults, quoteCart } from "@/lib/data/shop";
import { noProviderMessage } from "@/lib/payments/config";
import { paymentNote } from "@/lib/payments/display";
import { parseCartQuery } from "@/lib/validation/orders";

export const metadata: Metadata = { title: "Review your order" };

export default async function ReviewOrderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  if (viewer.terminated) return <ClosedAccount title="Review your order" />;
  const params = await searchParams;
  const cart = parseCartQuery(params);
  if (cart.error) redirect("/shop?error=quantity");
  if (cart.items.length === 0) redirect("/shop?error=empty");
  const [{ lines, missing }, options, defaults] = await Promise.all([quoteCart(cart.items), getCheckoutOptions(), myShippingDefaults()]);
  const back = `/shop?${cart.items.map((i) => `qty-${i.productId}=${i.quantity}`).join("&")}`;
  return (
    <section className="max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Review your order</h1>
        <p className="mt-1 text-slate-600">Prices and PV are today&rsquo;s catalog figures. The order counts toward your volume once it is paid.</p>
      </header>
      {missing ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some products are no longer available and were left out.
        </p>
      ) : null}
      {!options.provider ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {noProviderMessage}
        </p>
      ) : lines.length > 0 ? (
        <>
          <CartSummary lines={lines} currency={options.currency} />
          <CheckoutForm
            action={placePersonalOrder}
            items={lines.map((l) => `${l.id}:${l.quantity}`)}
            idempotencyKey={randomUUID()}
            guest={false}
            shipping={options.shipping}
            currency={options.currency}
            subtotalCents={lines.reduce((s, l) => s + l.lineCents, 0)}
            defaults={defaults}
            submitLabel="Continue to payment"
            paymentNote={paymentNote(options.provider)}
          />
        </>
      ) : null}
      <Link href={back} className="inline-block text-sm font-medium text-brand-700 hover:underline">
        ← Change quantities
      </Link>
    </section>
  );
}
