import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin" };

const sections = [
  { href: "/admin/products", title: "Products", text: "The catalog: prices, PV and CV; archive what no longer sells." },
  { href: "/admin/plan", title: "Compensation plan", text: "Levels, ranks and compression, versioned, with a preview before publishing." },
  { href: "/admin/distributors", title: "Distributors", text: "Search, terminate or reactivate, move a team." },
  { href: "/admin/signups", title: "Awaiting verification", text: "New signups whose email is not confirmed yet; verify one by hand." },
  { href: "/admin/periods", title: "Periods and payouts", text: "Totals, reconcile, close; pay closed periods and export the bank file." },
  {
    href: "/admin/income-statement",
    title: "Income disclosure",
    text: "What every distributor earned over closed periods, zero-earners included: preview, publish, and the published statements.",
  },
  { href: "/admin/orders", title: "Orders", text: "Every order of the company, paid or not; payment state, flags, refunds and clawbacks." },
  {
    href: "/admin/autoship",
    title: "Autoship",
    text: "Members' monthly orders: who has one, the next 30 days' orders and totals, failing cards, run an order now.",
  },
  {
    href: "/admin/payments",
    title: "Payments",
    text: "The payment provider and its webhook, shipping rates per country, the payment window and guest order caps.",
  },
  {
    href: "/admin/referrals",
    title: "Referral codes",
    text: "How often codes may change, how long old codes redirect, the reserved words, and the newest code changes.",
  },
  { href: "/admin/company", title: "Company", text: "The company's name and the colour of its emails." },
  { href: "/admin/announcements", title: "Announcements", text: "Write to every distributor: preview, send, and see who was notified." },
  { href: "/admin/outbox", title: "Outbox", text: "Every email the portal sends: read each one as it went out, see failures, send a test email." },
  { href: "/admin/jobs", title: "Background jobs", text: "The worker's queue: counts by kind and state, failed jobs with their error, retry." },
  { href: "/admin/audit", title: "Audit log", text: "Every admin change: who, when, what, before and after." },
];

export default async function AdminPage() {
  await requireAdmin();
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold text-slate-900">Admin</h1>
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.title} className="rounded-xl border border-slate-200 bg-white p-4">
            <Link href={s.href} className="font-semibold text-brand-700 hover:underline">
              {s.title}
            </Link>
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
