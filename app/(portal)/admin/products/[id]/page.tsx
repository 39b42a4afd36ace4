import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductForm } from "@/components/admin/product-form";
import { ProductLifecycle } from "@/components/admin/product-lifecycle";
import { StatusBadge } from "@/components/ui/status-badge";
import { archiveProductAsAdmin } from "@/lib/actions/admin/archive-product";
import { deleteProductAsAdmin } from "@/lib/actions/admin/delete-product";
import { restoreProductAsAdmin } from "@/lib/actions/admin/restore-product";
import { updateProductAsAdmin } from "@/lib/actions/admin/update-product";
import { requireAdmin } from "@/lib/auth/session";
import { getAdminProduct } from "@/lib/data/admin-products";
import { getCompany } from "@/lib/data/company";
import { formatNumber } from "@/lib/format";
import { currencyDigits, minorToDecimal } from "@/lib/validation/admin-money";

export const metadata: Metadata = { title: "Product · Admin" };

export default async function EditProductPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  await requireAdmin();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [product, company, { created }] = await Promise.all([getAdminProduct(Number(id)), getCompany(), searchParams]);
  if (!product) notFound();
  const digits = currencyDigits(company.currency);
  return (
    <section className="max-w-3xl space-y-6">
      <Link href="/admin/products" className="text-sm font-medium text-brand-700 hover:underline">
        ← Products
      </Link>
      {created ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Product created{product.active ? ": it is in the shop now." : "."}
        </p>
      ) : null}
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-slate-900">{product.name}</h1>
        {product.active ? <StatusBadge tone="green">Active</StatusBadge> : <StatusBadge tone="slate">Archived</StatusBadge>}
        <span className="text-sm text-slate-600">
          {product.orderLines === 0 ? "No orders yet" : `In ${formatNumber(product.orderLines)} order line(s)`} ·{" "}
          <Link href={`/admin/audit?entity=product&entityId=${product.id}`} className="text-brand-700 underline">
            History
          </Link>
        </span>
      </header>
      <ProductForm
        action={updateProductAsAdmin}
        currency={company.currency}
        submitLabel="Save changes"
        defaults={{
          id: product.id,
          name: product.name,
          sku: product.sku,
          description: product.description,
          imageUrl: product.imageUrl ?? "",
          price: minorToDecimal(product.priceCents, digits),
          pv: String(product.pv),
          cv: minorToDecimal(product.cvCents, digits),
          active: product.active,
        }}
      />
      <ProductLifecycle
        productId={product.id}
        active={product.active}
        hasOrders={product.orderLines > 0}
        archive={archiveProductAsAdmin}
        restore={restoreProductAsAdmin}
        remove={deleteProductAsAdmin}
      />
    </section>
  );
}
