import "server-only";
import { getDb } from "@/db/client";
import { getAdminOverview, type AdminOverview } from "@/lib/admin/overview";
import { requireAdmin } from "@/lib/auth/session";
import { now } from "@/lib/clock";

/** The back office's landing figures (orders today, open period, pending payouts, failures); admins only. */
export async function getMyAdminOverview(): Promise<AdminOverview> {
  await requireAdmin();
  return getAdminOverview(await getDb(), now());
}
