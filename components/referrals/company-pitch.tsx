import Image from "next/image";
import Link from "next/link";
import type { ProductHighlight } from "@/lib/data/referrals";

/** The company's short pitch and a few of its products, on every referral page. */
export function CompanyPitch({
  companyName,
  products,
  incomeStatementId,
}: {
  companyName: string;
  products: ProductHighlight[];
  incomeStatementId: number | null;
}) {
  return (
    <section aria-labelledby="pitch-heading" className="space-y-4">
      <h2 id="pitch-heading" className="text-lg font-semibold text-slate-900">
        Why {companyName}
      </h2>
      <ul className="space-y-2 text-slate-700">
        <li>Free to join: no starter kit, no minimum order.</li>
        <li>Buy at member prices and share the products you already use.</li>
        <li>Earn on your own sales and your team’s, by a published plan.</li>
        <li>See your team, volumes and earnings on your phone.</li>
      </ul>
      {incomeStatementId !== null ? (
        <p>
          <Link href="/income-disclosure" className="font-medium text-brand-800 underline" data-testid="income-disclosure-link">
            What do distributors really earn?
          </Link>{" "}
          <span className="text-slate-600">Everyone’s earnings, including those who earned nothing.</span>
        </p>
      ) : null}
      {products.length > 0 ? (
        <>
          <h3 className="pt-2 font-semibold text-slate-900">Customer favourites</h3>
          <ul className="grid gap-3 sm:grid-cols-3">
            {products.map((p) => (
              <li key={p.name} className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:flex-col sm:items-start">
                {p.imageUrl ? <Image src={p.imageUrl} alt="" width={48} height={48} unoptimized className="size-12 rounded-md" /> : null}
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{p.name}</p>
                  <p className="text-sm text-slate-600">{p.description}</p>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
