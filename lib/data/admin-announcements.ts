import "server-only";
import { getDb } from "@/db/client";
import { countAnnouncementAudience, listAnnouncements, type AnnouncementDto } from "@/lib/admin/announcements";
import { requireAdmin } from "@/lib/auth/session";

export type { AnnouncementDto };

/** The announcements page: who one sent now would reach, and the past ones with their progress; admins only. */
export async function getAnnouncementsPage(): Promise<{ audience: number; announcements: AnnouncementDto[] }> {
  await requireAdmin();
  const db = await getDb();
  const [audience, announcements] = await Promise.all([countAnnouncementAudience(db), listAnnouncements(db)]);
  return { audience, announcements };
}
