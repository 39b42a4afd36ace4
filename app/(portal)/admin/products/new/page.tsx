import type { Metadata } from "next";
import Link from "next/link";
import { ProductForm } from "@/components/admin/product-form";
import { createProductAsAdmin } from "@/lib/actions/admin/create-product";
import { requireAdmin } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";

export const metadata: Metadata = { title: "New product · Admin" };

export default async function NewProductPage() {
  await requireAdmin();
  const company = await getCompany();
  return (
    <section className="max-w-3xl space-y-6">
      <Link href="/admin/products" className="text-sm font-medium text-brand-700 hover:underline">
        ← Products
      </Link>
      <h1 className="text-2xl font-bold text-slate-900">New product</h1>
      <ProductForm
        action={createProductAsAdmin}
        currency={company.currency}
        submitLabel="Create product"
        defaults={{ name: "", sku: "", description: "", imageUrl: "", price: "", pv: "", cv: "", active: true }}
      />
    </section>
  );
}
