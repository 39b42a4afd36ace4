import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadForm } from "@/components/notifications/mark-all-read-form";
import { NotificationList } from "@/components/notifications/notification-list";
import { markAllNotificationsRead } from "@/lib/actions/notifications/mark-all-notifications-read";
import { markNotificationRead } from "@/lib/actions/notifications/mark-notification-read";
import { requireUser } from "@/lib/auth/session";
import { listMyNotifications } from "@/lib/data/notifications";
import { pageNumber } from "@/lib/validation/input";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const { timeZone } = await requireUser();
  const { page: raw } = await searchParams;
  const list = await listMyNotifications(pageNumber(raw));
  const pageHref = (n: number) => (n === 1 ? "/dashboard/notifications" : `/dashboard/notifications?page=${n}`);
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Notifications</h1>
          <p className="mt-1 text-slate-600" data-testid="unread-summary">
            {list.unread === 0 ? "Nothing unread." : list.unread === 1 ? "1 unread." : `${list.unread} unread.`}
          </p>
        </div>
        <Link href="/dashboard/notifications/settings" className="text-sm font-medium text-brand-800 underline">
          Notification settings
        </Link>
      </header>
      {list.total === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-700" data-testid="notifications-empty">
          <p className="font-medium text-slate-900">No notifications yet.</p>
          <p className="mt-1 text-sm">
            When someone joins your team, you reach a new rank, a period&rsquo;s earnings or a payout are ready, or the company has news, it appears here.
            Choose what also comes by email in your{" "}
            <Link href="/dashboard/notifications/settings" className="underline">
              notification settings
            </Link>
            .
          </p>
        </div>
      ) : (
        <>
          {list.unread > 0 ? <MarkAllReadForm action={markAllNotificationsRead} upTo={list.newestId} /> : null}
          <NotificationList items={list.items} markRead={markNotificationRead} timeZone={timeZone} />
          {list.pages > 1 ? (
            <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
              {list.page > 1 ? (
                <Link href={pageHref(list.page - 1)} className={buttonClass({ variant: "secondary", size: "sm" })}>
                  Newer
                </Link>
              ) : (
                <span />
              )}
              <span className="text-slate-600">
                Page {list.page} of {list.pages}
              </span>
              {list.page < list.pages ? (
                <Link href={pageHref(list.page + 1)} className={buttonClass({ variant: "secondary", size: "sm" })}>
                  Older
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
