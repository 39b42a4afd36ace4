import { NoMatches } from "@/components/ui/list-filters";

export interface AnnouncementItem {
  id: number;
  subject: string;
  paragraphs: string[];
  /** "Jun 15, 2026, 12:00 PM UTC by Ada Admin". */
  sent: string;
  /** ISO. */
  createdAt: string;
  progress: string;
}

/** Past announcements, newest first: when, by whom, how many were notified, and the text behind a disclosure. */
export function AnnouncementList({ items }: { items: AnnouncementItem[] }) {
  if (items.length === 0) return <NoMatches>No announcement sent yet.</NoMatches>;
  return (
    <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="announcements">
      {items.map((a) => (
        <li key={a.id} className="px-4 py-3" data-testid={`announcement-${a.id}`}>
          <details>
            <summary className="cursor-pointer font-medium break-words text-slate-900">{a.subject}</summary>
            <div className="mt-2 space-y-2 text-sm text-slate-800">
              {a.paragraphs.map((p, i) => (
                <p key={i} className="break-words">
                  {p}
                </p>
              ))}
            </div>
          </details>
          <p className="mt-1 text-sm text-slate-600">
            <time dateTime={a.createdAt}>{a.sent}</time> · <span data-testid="announcement-progress">{a.progress}</span>
          </p>
        </li>
      ))}
    </ol>
  );
}
