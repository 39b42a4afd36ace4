import type { Metadata } from "next";
import Link from "next/link";
import { OutboxList } from "@/components/admin/outbox-list";
import { SendTestEmailForm } from "@/components/admin/send-test-email-form";
import { ApplyButton, FilterSearch, FilterSelect, NoMatches } from "@/components/ui/list-filters";
import { sendTestEmailAsAdmin } from "@/lib/actions/admin/send-test-email";
import { requireAdmin } from "@/lib/auth/session";
import { listOutboxForAdmin } from "@/lib/data/admin-outbox";
import { parseOutboxQuery } from "@/lib/validation/admin-outbox";

export const metadata: Metadata = { title: "Outbox · Admin" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const { timeZone } = admin;
  const query = parseOutboxQuery(await searchParams);
  const { rows, total } = await listOutboxForAdmin(query);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Outbox</h1>
        <p className="mt-1 text-slate-600">
          Every email the portal has queued, newest first. A background worker renders and sends each one within seconds: to the SMTP server when one is set up,
          otherwise it stays here, where you can read exactly what would have gone out. Failed deliveries are retried; see{" "}
          <Link href="/admin/jobs" className="text-brand-700 underline">
            Background jobs
          </Link>
          .
        </p>
      </header>
      <SendTestEmailForm action={sendTestEmailAsAdmin} to={admin.email} />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter emails">
        <FilterSearch defaultValue={query.q ?? ""} placeholder="Recipient's address" width="w-64 max-w-full" />
        <FilterSelect
          label="Status"
          name="status"
          defaultValue={query.status ?? ""}
          options={[
            { value: "", label: "Any" },
            { value: "queued", label: "Queued" },
            { value: "sent", label: "Sent" },
            { value: "failed", label: "Failed" },
          ]}
        />
        <ApplyButton />
      </form>
      <OutboxList
        rows={rows}
        total={total}
        query={query}
        timeZone={timeZone}
        empty={<NoMatches>{query.status || query.q ? "No email matches." : "No email yet."}</NoMatches>}
      />
    </section>
  );
}
