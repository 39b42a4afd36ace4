import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DuplicateMark, EmailStatusBadge, transportLabel } from "@/components/admin/outbox-list";
import { requireAdmin } from "@/lib/auth/session";
import { getOutboxMessageForAdmin } from "@/lib/data/admin-outbox";
import { formatDateTime } from "@/lib/format";
import { parseId } from "@/lib/validation/input";

export const metadata: Metadata = { title: "Email · Outbox · Admin" };

/** One message: its headers, its HTML in a sandboxed frame (no scripts, no forms), and its plain-text part. */
export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { timeZone } = await requireAdmin();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const m = await getOutboxMessageForAdmin(id);
  if (!m) notFound();
  const headers: [string, string][] = [
    ["From", m.from],
    ["To", m.to],
    ["Subject", m.subject ?? "(not rendered yet)"],
    ["Message-ID", m.messageId ?? "(given when it is sent)"],
  ];
  return (
    <section className="space-y-6">
      <p>
        <Link href="/admin/outbox" className="text-sm text-brand-700 hover:underline">
          ← Outbox
        </Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold break-words text-slate-900">{m.subject ?? `Email #${m.id}`}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <EmailStatusBadge status={m.status} />
          {m.possibleDuplicate ? <DuplicateMark /> : null}
          <span>
            Queued {formatDateTime(m.createdAt, timeZone)}
            {m.sentAt ? `, sent ${formatDateTime(m.sentAt, timeZone)} (${transportLabel(m.transport)})` : ""} · {m.attempts}{" "}
            {m.attempts === 1 ? "attempt" : "attempts"}
          </span>
        </p>
        {m.lastError ? <p className="text-sm break-words text-red-800">Last error: {m.lastError}</p> : null}
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="email-headers">
        {headers.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="font-medium text-slate-600">{name}</dt>
            <dd className="min-w-0 break-all text-slate-900">{value}</dd>
          </div>
        ))}
        <dt className="font-medium text-slate-600">Template</dt>
        <dd className="min-w-0 break-all text-slate-900">
          {m.template}
          {m.category ? ` (notification: ${m.category}, with an unsubscribe link)` : " (account mail, always sent)"}
        </dd>
      </dl>
      {m.rendered ? (
        <>
          <section className="space-y-2" aria-labelledby="html-part">
            <h2 id="html-part" className="text-lg font-semibold text-slate-900">
              HTML
            </h2>
            <iframe
              src={`/admin/outbox/${m.id}/html`}
              title={`The HTML of “${m.subject ?? `email #${m.id}`}”`}
              sandbox=""
              className="h-[36rem] w-full rounded-xl border border-slate-200 bg-white"
            />
          </section>
          <section className="space-y-2" aria-labelledby="text-part">
            <h2 id="text-part" className="text-lg font-semibold text-slate-900">
              Plain text
            </h2>
            <pre
              className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-4 text-sm break-words whitespace-pre-wrap text-slate-800"
              data-testid="email-text"
            >
              {m.text}
            </pre>
          </section>
        </>
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600" data-testid="not-rendered">
          This message is queued and not rendered yet: the worker renders it when it sends it, usually within seconds. Reload to see it.
        </p>
      )}
    </section>
  );
}
