import type { Metadata } from "next";
import { AnnouncementComposer } from "@/components/admin/announcement-composer";
import { AnnouncementList } from "@/components/admin/announcement-list";
import { previewAnnouncementAsAdmin } from "@/lib/actions/admin/preview-announcement";
import { sendAnnouncementAsAdmin } from "@/lib/actions/admin/send-announcement";
import { requireAdmin } from "@/lib/auth/session";
import { getAnnouncementsPage } from "@/lib/data/admin-announcements";
import { formatDateTime, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Announcements · Admin" };

export default async function AdminAnnouncementsPage() {
  const { timeZone } = await requireAdmin();
  const { audience, announcements } = await getAnnouncementsPage();
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Announcements</h1>
        <p className="mt-1 text-slate-600">
          News from the company to every active distributor ({formatNumber(audience)} now): in their notifications, and by email (at a verified address) as each
          one chose.
        </p>
      </header>
      <AnnouncementComposer preview={previewAnnouncementAsAdmin} send={sendAnnouncementAsAdmin} />
      <section aria-labelledby="sent-heading" className="space-y-3">
        <h2 id="sent-heading" className="text-lg font-semibold text-slate-900">
          Sent
        </h2>
        <AnnouncementList
          items={announcements.map((a) => ({
            id: a.id,
            subject: a.subject,
            paragraphs: a.paragraphs,
            sent: `${formatDateTime(a.createdAt, timeZone)} by ${a.createdBy}`,
            createdAt: a.createdAt,
            progress: a.finished
              ? `Notified ${formatNumber(a.notified)} distributor${a.notified === 1 ? "" : "s"}`
              : `Sending: ${formatNumber(a.notified)} of ${formatNumber(a.audience)} notified so far`,
          }))}
        />
      </section>
    </section>
  );
}
