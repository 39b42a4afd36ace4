import { formatMoney, formatNumber } from "@/lib/format";
import { Button } from "@/components/ui/button";

export interface ShopProduct {
  id: number;
  name: string;
  description: string;
  imageUrl: string | null;
  priceCents: number;
  pv: number;
  cvCents: number;
}

/**
 * The catalog as one GET form: a quantity per product, then "Review order".
 * It needs no JavaScript; the quantities travel in the review page's URL.
 */
export function ProductGrid({
  products,
  currency,
  action,
  quantities = {},
  showPv = true,
}: {
  products: ShopProduct[];
  currency: string;
  action: string;
  quantities?: Record<number, number>;
  /** PV and CV: for members, whose activity and commissions they make; not for retail customers. */
  showPv?: boolean;
}) {
  if (products.length === 0) {
    return <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No products are on sale right now.</p>;
  }
  return (
    <form action={action} method="get" className="space-y-6">
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {products.map((p) => (
          <li key={p.id} className="flex gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs; next/image adds nothing here */}
            <img src={p.imageUrl ?? "/products/placeholder.svg"} alt="" width={72} height={72} className="size-18 shrink-0 rounded-lg" />
            <div className="min-w-0 flex-1">
              <h3 className="font-semibold text-slate-900">{p.name}</h3>
              <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{p.description}</p>
              <p className="mt-2 text-sm">
                <span className="font-semibold text-slate-900">{formatMoney(p.priceCents, currency)}</span>
                {showPv ? (
                  <span className="ml-2 text-slate-500" data-testid="product-volumes">
                    {formatNumber(p.pv)} PV · {formatMoney(p.cvCents, currency)} CV
                  </span>
                ) : null}
              </p>
              <label className="mt-2 flex items-center gap-2 text-sm text-slate-700">
                Quantity
                <input
                  type="number"
                  name={`qty-${p.id}`}
                  min={0}
                  max={99}
                  step={1}
                  inputMode="numeric"
                  defaultValue={quantities[p.id] ?? 0}
                  aria-label={`Quantity of ${p.name}`}
                  className="w-20 rounded-md border border-slate-300 px-2 py-1"
                />
              </label>
            </div>
          </li>
        ))}
      </ul>
      <div className="sticky bottom-0 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
        <Button type="submit" size="lg" className="w-full sm:w-auto">
          Review order
        </Button>
      </div>
    </form>
  );
}
