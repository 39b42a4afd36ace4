import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/format";

export interface OutboxListRow {
  id: number;
  to: string;
  subject: string | null;
  template: string;
  status: "queued" | "sent" | "failed";
  transport: string | null;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  possibleDuplicate: boolean;
  lastError: string | null;
}

const statusTones = { queued: "amber", sent: "green", failed: "red" } as const;
const statusLabels = { queued: "Queued", sent: "Sent", failed: "Failed" } as const;

export function EmailStatusBadge({ status }: { status: OutboxListRow["status"] }) {
  return <StatusBadge tone={statusTones[status]}>{statusLabels[status]}</StatusBadge>;
}

/** Where a sent message went: an SMTP server's acceptance, or only this outbox. */
export function transportLabel(transport: string | null): string {
  return transport === "smtp" ? "SMTP server" : transport === "outbox" ? "Outbox only" : "—";
}

export function DuplicateMark() {
  return (
    <StatusBadge tone="amber">
      <span title="An attempt stopped mid-send, then it was sent again: the recipient may have it twice.">Possible duplicate</span>
    </StatusBadge>
  );
}

const head = "px-3 py-2 font-medium";
// Below md two columns stay, the message and its status; the rest folds into them.
const wide = "hidden md:table-cell";
const wider = "hidden lg:table-cell";

/** The outbox, newest first: each message links to its page (headers, HTML, text). */
export function OutboxList({ rows, timeZone }: { rows: OutboxListRow[]; timeZone: string }) {
  return (
    // Focusable and named, so that a keyboard can scroll it should a long address make it wider than the screen.
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Emails">
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className={head}>
              Message
            </th>
            <th scope="col" className={`${head} ${wide}`}>
              To
            </th>
            <th scope="col" className={head}>
              Status
            </th>
            <th scope="col" className={`${head} ${wider}`}>
              Went to
            </th>
            <th scope="col" className={`${head} ${wide}`}>
              Created
            </th>
            <th scope="col" className={`${head} ${wider}`}>
              Sent
            </th>
            <th scope="col" className={`${head} ${wider} text-right`}>
              Attempts
            </th>
            <th scope="col" className={`${head} ${wider}`}>
              Last error
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((m) => (
            <tr key={m.id} className="align-top" data-testid={`outbox-${m.id}`}>
              <td className="px-3 py-2">
                <Link href={`/admin/outbox/${m.id}`} className="font-medium break-words text-brand-700 hover:underline">
                  {m.subject ?? `Not rendered yet (${m.template})`}
                </Link>
                <span className="block break-all text-slate-700 md:hidden">{m.to}</span>
                <span className="block text-xs whitespace-nowrap text-slate-600 md:hidden">{formatDateTime(m.createdAt, timeZone)}</span>
              </td>
              <td className={`px-3 py-2 break-all ${wide}`}>{m.to}</td>
              <td className="px-3 py-2">
                <span className="flex flex-wrap gap-1">
                  <EmailStatusBadge status={m.status} />
                  {m.possibleDuplicate ? <DuplicateMark /> : null}
                </span>
                <span className="mt-1 block text-xs text-slate-600 lg:hidden">
                  {m.transport ? `${transportLabel(m.transport)} · ` : ""}
                  {m.attempts} {m.attempts === 1 ? "attempt" : "attempts"}
                </span>
                {m.lastError ? <span className="mt-1 block text-xs break-words text-red-800 lg:hidden">{m.lastError}</span> : null}
              </td>
              <td className={`px-3 py-2 whitespace-nowrap ${wider}`}>{transportLabel(m.transport)}</td>
              <td className={`px-3 py-2 whitespace-nowrap ${wide}`}>{formatDateTime(m.createdAt, timeZone)}</td>
              <td className={`px-3 py-2 whitespace-nowrap ${wider}`}>{m.sentAt ? formatDateTime(m.sentAt, timeZone) : "—"}</td>
              <td className={`px-3 py-2 text-right tabular-nums ${wider}`}>{m.attempts}</td>
              <td className={`max-w-64 px-3 py-2 break-words text-red-800 ${wider}`}>{m.lastError ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
