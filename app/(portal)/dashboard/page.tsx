import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await requireUser();
  return (
    <section>
      <h1 className="text-2xl font-bold text-slate-900">Welcome, {viewer.name}</h1>
      <p className="mt-1 text-slate-600">
        Signed in as <span data-testid="user-role" className="font-medium">{viewer.role === "admin" ? "Administrator" : "Distributor"}</span>
      </p>
    </section>
  );
}
