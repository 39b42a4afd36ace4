import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin" };

const sections = [
  { href: "/admin/orders", title: "Orders", text: "Every order of the company; refunds and clawbacks." },
  { href: null, title: "Products", text: "The catalog: prices, PV and CV. Coming soon." },
  { href: null, title: "Compensation plan", text: "Levels, ranks and compression, versioned. Coming soon." },
  { href: null, title: "Distributors", text: "Search, terminate, move a team. Coming soon." },
  { href: "/admin/periods", title: "Periods", text: "Totals, reconcile and close. Payouts: coming soon." },
];

export default async function AdminPage() {
  await requireAdmin();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold text-slate-900">Admin</h1>
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.title} className="rounded-xl border border-slate-200 bg-white p-4">
            {s.href ? (
              <Link href={s.href} className="font-semibold text-brand-700 hover:underline">
                {s.title}
              </Link>
            ) : (
              <p className="font-semibold text-slate-900">{s.title}</p>
            )}
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
