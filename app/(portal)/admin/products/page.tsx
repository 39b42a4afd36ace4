import type { Metadata } from "next";
import Link from "next/link";
import { ProductsTable } from "@/components/admin/products-table";
import { ApplyButton, FilterSearch, FilterSelect } from "@/components/ui/list-filters";
import { requireAdmin } from "@/lib/auth/session";
import { listAdminProducts } from "@/lib/data/admin-products";
import { getCompany } from "@/lib/data/company";
import { parseProductListQuery } from "@/lib/validation/admin-products";
import { buttonClass } from "@/components/ui/button";
import { FlashStatus } from "@/components/ui/flash-status";

export const metadata: Metadata = { title: "Products · Admin" };

export default async function AdminProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { timeZone } = await requireAdmin();
  const params = await searchParams;
  const query = parseProductListQuery(params);
  const [{ rows, total }, company] = await Promise.all([listAdminProducts(query), getCompany()]);
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Products</h1>
          <p className="mt-1 text-slate-600">The catalog. A change of price or volume applies to new orders; existing orders keep theirs.</p>
        </div>
        <Link href="/admin/products/new" className={buttonClass()}>
          New product
        </Link>
      </header>
      {params.deleted ? <FlashStatus param="deleted">The product is deleted.</FlashStatus> : null}
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter products">
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <FilterSearch defaultValue={query.q ?? ""} placeholder="Name or SKU" width="w-56" />
        <FilterSelect
          label="Show"
          name="status"
          defaultValue={query.status}
          options={[
            { value: "active", label: "Active" },
            { value: "archived", label: "Archived" },
            { value: "all", label: "All" },
          ]}
        />
        <ApplyButton />
      </form>
      <ProductsTable rows={rows} total={total} query={query} currency={company.currency} timeZone={timeZone} />
    </section>
  );
}
