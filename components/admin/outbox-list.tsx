import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable, dataTableColumns, type DataTableState } from "@/components/data-table/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/format";
import { OUTBOX_PAGE_SIZE, outboxHref, type OutboxQuery } from "@/lib/validation/admin-outbox";

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

const helper = dataTableColumns<OutboxListRow>();
// Below md two columns stay, the message and its status; the rest folds into them.
const wide = "hidden md:table-cell";
const wider = "hidden lg:table-cell";

export interface OutboxListProps {
  rows: OutboxListRow[];
  total: number;
  query: OutboxQuery;
  timeZone: string;
  empty: ReactNode;
}

/** The outbox, newest first: each message links to its page (headers, HTML, text). */
export function OutboxList({ rows, total, query, timeZone, empty }: OutboxListProps) {
  const columns = helper.columns([
    helper.display({
      id: "message",
      header: "Message",
      cell: ({ row: { original: m } }) => (
        <>
          <Link prefetch={false} href={`/admin/outbox/${m.id}`} className="font-medium break-words text-brand-700 hover:underline">
            {m.subject ?? `Not rendered yet (${m.template})`}
          </Link>
          <span className="block break-all text-slate-700 md:hidden">{m.to}</span>
          <span className="block text-xs whitespace-nowrap text-slate-600 md:hidden">{formatDateTime(m.createdAt, timeZone)}</span>
        </>
      ),
    }),
    helper.accessor("to", { header: "To" }),
    helper.display({
      id: "status",
      header: "Status",
      cell: ({ row: { original: m } }) => (
        <>
          <span className="flex flex-wrap gap-1">
            <EmailStatusBadge status={m.status} />
            {m.possibleDuplicate ? <DuplicateMark /> : null}
          </span>
          <span className="mt-1 block text-xs text-slate-600 lg:hidden">
            {m.transport ? `${transportLabel(m.transport)} · ` : ""}
            {m.attempts} {m.attempts === 1 ? "attempt" : "attempts"}
          </span>
          {m.lastError ? <span className="mt-1 block text-xs break-words text-red-800 lg:hidden">{m.lastError}</span> : null}
        </>
      ),
    }),
    helper.accessor("transport", { header: "Went to", cell: (info) => transportLabel(info.getValue()) }),
    helper.accessor("createdAt", { id: "created", header: "Created", cell: (info) => formatDateTime(info.getValue(), timeZone) }),
    helper.accessor("sentAt", { id: "sent", header: "Sent", cell: (info) => (info.getValue() ? formatDateTime(info.getValue()!, timeZone) : "—") }),
    helper.accessor("attempts", { header: "Attempts" }),
    helper.accessor("lastError", { header: "Last error", cell: (info) => info.getValue() ?? "" }),
  ]);
  return (
    <DataTable
      columns={columns}
      data={rows}
      state={{ page: query.page, pageSize: OUTBOX_PAGE_SIZE }}
      rowCount={total}
      hrefFor={(next: DataTableState) => outboxHref("/admin/outbox", { ...query, page: next.page })}
      getRowId={(m) => String(m.id)}
      caption="Emails"
      // The message's column holds the subject and, on a phone, the address: it wraps rather than being pinned.
      pinFirst={false}
      numeric={["attempts"]}
      wrap={["message", "to", "status", "lastError"]}
      columnClass={{
        to: `break-all ${wide}`,
        transport: wider,
        created: wide,
        sent: wider,
        attempts: wider,
        lastError: `max-w-64 break-words text-red-800 ${wider}`,
      }}
      rowTestId={(m) => `outbox-${m.id}`}
      pagerLabel="Outbox pages"
      empty={empty}
    />
  );
}
