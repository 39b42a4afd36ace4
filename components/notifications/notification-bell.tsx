import { Bell } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

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
      className={buttonClass({ variant: "ghost", size: "icon", className: "relative shrink-0" })}
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
