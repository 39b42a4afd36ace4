import type { Metadata } from "next";
import { AdminOrdersTable } from "@/components/admin/admin-orders-table";
import { ApplyButton, FilterSearch, FilterSelect } from "@/components/ui/list-filters";
import { requireAdmin } from "@/lib/auth/session";
import { listAdminOrders } from "@/lib/data/admin-orders";
import { getCompany } from "@/lib/data/company";
import { parseAdminOrderFilter } from "@/lib/validation/admin-orders";

export const metadata: Metadata = { title: "Orders · Admin" };

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { timeZone } = await requireAdmin();
  const filter = parseAdminOrderFilter(await searchParams);
  const [{ rows: orders, total, page }, company] = await Promise.all([listAdminOrders(filter), getCompany()]);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Orders</h1>
        <p className="mt-1 text-slate-600">
          Every order of the company, paid or not. An order counts toward volumes and commissions only once its payment is confirmed. A refund returns the money
          through the payment provider, then removes the order&rsquo;s commissions, or claws them back if its period is closed.
        </p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter orders">
        <FilterSearch defaultValue={filter.q ?? ""} placeholder="Seller, customer, #id or reference" width="w-64 max-w-full" />
        <FilterSelect
          label="Status"
          name="status"
          defaultValue={filter.status ?? ""}
          options={[
            { value: "", label: "Any" },
            { value: "pending_payment", label: "Awaiting payment" },
            { value: "payment_failed", label: "Payment failed" },
            { value: "paid", label: "Paid" },
            { value: "refunded", label: "Refunded" },
            { value: "cancelled", label: "Cancelled" },
            { value: "expired", label: "Expired" },
          ]}
        />
        <FilterSelect
          label="Type"
          name="kind"
          defaultValue={filter.kind ?? ""}
          options={[
            { value: "", label: "Any" },
            { value: "personal", label: "Personal" },
            { value: "retail", label: "Retail" },
          ]}
        />
        <FilterSelect
          label="Flag"
          name="flagged"
          defaultValue={filter.flagged ? "1" : ""}
          options={[
            { value: "", label: "Any" },
            { value: "1", label: "Flagged only" },
          ]}
        />
        {/* The chosen order survives a new filter; the page starts over. */}
        {filter.dir === "asc" ? <input type="hidden" name="dir" value="asc" /> : null}
        <ApplyButton />
      </form>
      <AdminOrdersTable orders={orders} total={total} page={page} filter={filter} timeZone={timeZone} currency={company.currency} />
    </section>
  );
}
