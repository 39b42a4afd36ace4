import Link from "next/link";
import type { ActionResult } from "@/lib/actions/result";
import { formatDateTime } from "@/lib/format";
import type { NotificationItem } from "@/lib/notifications/inbox";
import { MarkReadButton } from "./mark-read-button";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Only a path of this site is linked (notifications carry one, set by the code that sent them). */
function isPortalPath(href: string | null): href is string {
  return href !== null && href.startsWith("/") && !href.startsWith("//") && !href.includes("\\");
}

/** The viewer's notifications, newest first; unread ones stand out and can be marked read one by one. */
export function NotificationList({ items, markRead, timeZone }: { items: NotificationItem[]; markRead: Action; timeZone: string }) {
  return (
    <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white" data-testid="notification-list">
      {items.map((n) => (
        <li key={n.id} className={`flex gap-3 p-4 ${n.read ? "" : "bg-brand-50/60"}`} data-testid="notification" data-read={n.read ? "true" : "false"}>
          <span aria-hidden="true" className={`mt-2 h-2 w-2 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-brand-700"}`} />
          <div className="min-w-0 flex-1 space-y-1">
            <p className="font-medium break-words text-slate-900">
              {n.read ? null : <span className="sr-only">Unread: </span>}
              {isPortalPath(n.href) ? (
                <Link href={n.href} className="underline decoration-slate-300 underline-offset-2 hover:decoration-slate-700">
                  {n.title}
                </Link>
              ) : (
                n.title
              )}
            </p>
            {n.line ? <p className="text-sm break-words text-slate-700">{n.line}</p> : null}
            <p className="text-xs text-slate-500">
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, timeZone)}</time>
            </p>
          </div>
          {n.read ? null : <MarkReadButton action={markRead} id={n.id} title={n.title} />}
        </li>
      ))}
    </ul>
  );
}
