import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { ProductGrid } from "@/components/shop/product-grid";
import { getCompany } from "@/lib/data/company";
import { getJoinContext } from "@/lib/data/referrals";
import { listShopProducts } from "@/lib/data/shop";
import { joinPath } from "@/lib/referrals/display";
import { parseCartQuery } from "@/lib/validation/orders";

export const metadata: Metadata = { title: "Shop", robots: { index: false, follow: false } };

/** A distributor's retail shop: anyone can buy as a guest, and the sale is theirs. */
export default async function ReferralShopPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code } = await params;
  const context = await getJoinContext(code);
  if (context.kind === "invalid") notFound();
  if (context.kind === "redirect") permanentRedirect(`${joinPath(context.code)}/shop`);
  const query = await searchParams;
  const [products, company] = await Promise.all([listShopProducts(), getCompany()]);
  const quantities = Object.fromEntries(parseCartQuery(query).items.map((i) => [i.productId, i.quantity]));
  const error = typeof query.error === "string" ? query.error : null;
  return (
    <section className="space-y-6">
      <header>
        <p className="text-sm font-medium text-brand-700">
          Shopping with <span data-testid="sponsor-name">{context.sponsor.displayName}</span>
        </p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">{company.name} shop</h1>
        <p className="mt-1 text-slate-600">Buy as a guest: no account needed. Your purchase supports {context.sponsor.displayName}&rsquo;s business.</p>
      </header>
      {error ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error === "empty" ? "Choose a quantity for at least one product." : "Quantities must be whole numbers from 0 to 99."}
        </p>
      ) : null}
      <ProductGrid
        products={products}
        currency={company.currency}
        action={`${joinPath(context.sponsor.code)}/shop/review`}
        quantities={quantities}
        showPv={false}
      />
    </section>
  );
}
