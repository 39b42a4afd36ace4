import type { Metadata } from "next";
import Link from "next/link";
import { OrdersTable } from "@/components/orders/orders-table";
import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { MY_ORDERS_PAGE_SIZE, listMyOrders } from "@/lib/data/orders";
import { loadMyOrdersParams, myOrdersHref } from "@/lib/validation/orders-list";
import { buttonClass } from "@/components/ui/button";
import { FilterTabs } from "@/components/ui/filter-tabs";

export const metadata: Metadata = { title: "Orders" };

const tabs = [
  { kind: undefined, label: "All" },
  { kind: "personal", label: "My orders" },
  { kind: "retail", label: "Retail customers" },
] as const;

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  const params = loadMyOrdersParams(await searchParams);
  const kind = params.kind ?? undefined;
  const [{ rows, total, page }, company] = await Promise.all([listMyOrders({ kind, page: params.page }), getCompany()]);
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Orders</h1>
          <p className="mt-1 text-slate-600">Your own orders and your retail customers&rsquo; orders.</p>
          {viewer.terminated && (
            <p className="mt-1 text-sm">
              <Link href="/dashboard/orders/returns" className="font-medium text-brand-700 hover:underline">
                Return products you bought in the last 12 months
              </Link>
            </p>
          )}
        </div>
        <Link href="/shop" className={buttonClass()}>
          New order
        </Link>
      </header>
      <FilterTabs
        label="Order type"
        tabs={tabs.map((t) => ({ href: myOrdersHref("/dashboard/orders", { kind: t.kind ?? null }), label: t.label, current: t.kind === kind }))}
      />
      <OrdersTable
        orders={rows}
        total={total}
        page={page}
        pageSize={MY_ORDERS_PAGE_SIZE}
        currency={company.currency}
        orderHref={(id) => `/dashboard/orders/${id}`}
        pageHref={(p) => myOrdersHref("/dashboard/orders", { kind: kind ?? null, page: p })}
        timeZone={viewer.timeZone}
      />
    </section>
  );
}
