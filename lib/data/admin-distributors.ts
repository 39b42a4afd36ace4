import "server-only";
import { getDb } from "@/db/client";
import { listDistributors, type AdminDistributorDto, type RankOption } from "@/lib/admin/distributors";
import { requireAdmin } from "@/lib/auth/session";
import type { DistributorListQuery } from "@/lib/validation/admin-distributors";

export type { AdminDistributorDto, RankOption };

/** A page of distributors with the open period's volumes and rank; admins only. */
export async function listAdminDistributors(query: DistributorListQuery) {
  await requireAdmin();
  return listDistributors(await getDb(), query);
}
