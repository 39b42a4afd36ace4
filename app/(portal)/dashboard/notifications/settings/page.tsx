import type { Metadata } from "next";
import Link from "next/link";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { saveNotificationPreferences } from "@/lib/actions/notifications/save-notification-preferences";
import { getMyNotificationPreferences } from "@/lib/data/notifications";
import { DIGEST_HOUR_UTC } from "@/lib/notifications/digest";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const rows = await getMyNotificationPreferences();
  return (
    <section className="space-y-6">
      <header>
        <p className="text-sm">
          <Link href="/dashboard/notifications" className="text-brand-800 underline">
            Notifications
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">Notification settings</h1>
        <p className="mt-1 max-w-prose text-slate-600">
          Choose what you see under the bell and what comes by email: at once, in one daily digest (sent from {String(DIGEST_HOUR_UTC).padStart(2, "0")}:00
          UTC), or not at all. Turned off in the portal, a notification is still listed, already read. Receipts and security emails are always sent.
        </p>
      </header>
      <PreferencesForm action={saveNotificationPreferences} rows={rows} />
    </section>
  );
}
