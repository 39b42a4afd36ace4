import "server-only";
import { getDb } from "@/db/client";
import { getPublishedPlan, listOpenPeriodStarts, listPlanVersions, type PublishedPlan } from "@/lib/admin/plan";
import { requireAdmin } from "@/lib/auth/session";

export interface AdminPlanDto {
  published: PublishedPlan | null;
  versions: { id: number; version: number; createdAt: string; periods: string[] }[];
  /** The open periods' first days: a new version applies from the first of them. */
  openPeriods: string[];
}

/** The published plan the editor starts from, and the version history; admins only. */
export async function getAdminPlan(): Promise<AdminPlanDto> {
  await requireAdmin();
  const db = await getDb();
  const [published, versions, openPeriods] = [await getPublishedPlan(db), await listPlanVersions(db), await listOpenPeriodStarts(db)];
  return { published, versions, openPeriods };
}
