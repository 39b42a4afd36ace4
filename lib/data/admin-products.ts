import "server-only";
import { getDb } from "@/db/client";
import { getProduct, listProducts, type AdminProductDto } from "@/lib/admin/products";
import { requireAdmin } from "@/lib/auth/session";
import type { ProductListQuery } from "@/lib/validation/admin-products";

export type { AdminProductDto };

/** A page of the catalog for the admin list; admins only. */
export async function listAdminProducts(query: ProductListQuery): Promise<{ rows: AdminProductDto[]; total: number }> {
  await requireAdmin();
  return listProducts(await getDb(), query);
}

export async function getAdminProduct(id: number): Promise<AdminProductDto | null> {
  await requireAdmin();
  return getProduct(await getDb(), id);
}
