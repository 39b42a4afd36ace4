import type { Metadata } from "next";
import { ClosedAccount } from "@/components/dashboard/closed-account";
import { ProductGrid } from "@/components/shop/product-grid";
import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { listShopProducts } from "@/lib/data/shop";
import { parseCartQuery } from "@/lib/validation/orders";

export const metadata: Metadata = { title: "Shop" };

export default async function ShopPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  if (viewer.terminated) return <ClosedAccount title="Shop" />;
  const params = await searchParams;
  const [products, company] = await Promise.all([listShopProducts(), getCompany()]);
  const quantities = Object.fromEntries(parseCartQuery(params).items.map((i) => [i.productId, i.quantity]));
  const error = typeof params.error === "string" ? params.error : null;
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Shop</h1>
        <p className="mt-1 text-slate-600">
          Order for yourself: every product&rsquo;s PV counts towards your activity and rank this month, and its CV (commissionable value) is what commissions
          are paid on.
        </p>
      </header>
      {viewer.distributorId === null ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="shop-no-distributor">
          {viewer.awaitingVerification
            ? "Confirm your email first: until then you can browse the catalog, not order. Open the link we emailed you."
            : "You are signed in as an administrator without a distributor account: you can browse the catalog, not order."}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error === "empty" ? "Choose a quantity for at least one product." : "Quantities must be whole numbers from 0 to 99."}
        </p>
      ) : null}
      <ProductGrid products={products} currency={company.currency} action="/shop/review" quantities={quantities} />
    </section>
  );
}
