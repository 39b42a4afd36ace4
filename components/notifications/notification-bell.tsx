import { Bell } from "lucide-react";
import Link from "next/link";

/** "Notifications, 3 unread": what the bell says to assistive technology (the badge shows "9+" past nine, the name the number up to 99). */
export function bellLabel(unread: number): string {
  if (unread <= 0) return "Notifications";
  return `Notifications, ${unread > 99 ? "more than 99" : unread} unread`;
}

/** The header's bell: a link to the notifications page with the unread count on it. */
export function NotificationBell({ unread }: { unread: number }) {
  return (
    <Link
      href="/dashboard/notifications"
      data-testid="notification-bell"
      className="relative inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
    >
      <Bell aria-hidden className="h-5 w-5" strokeWidth={1.8} />
      {/* The name comes from this text, not aria-label: the badge's "9+" is hidden from
          assistive technology, and a label that differs from visible text fails WCAG 2.5.3. */}
      <span className="sr-only">{bellLabel(unread)}</span>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white"
          data-testid="notification-badge"
        >
          {unread > 9 ? "9+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
