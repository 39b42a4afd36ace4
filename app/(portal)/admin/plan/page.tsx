import type { Metadata } from "next";
import { PlanEditor, type PlanDraft } from "@/components/admin/plan-editor";
import { previewPlanAsAdmin } from "@/lib/actions/admin/preview-plan";
import { publishPlanAsAdmin } from "@/lib/actions/admin/publish-plan";
import { requireAdmin } from "@/lib/auth/session";
import { getAdminPlan } from "@/lib/data/admin-plan";
import { getCompany } from "@/lib/data/company";
import { formatDateTime, formatPeriod } from "@/lib/format";
import { bpsToPercent } from "@/lib/validation/admin-money";

export const metadata: Metadata = { title: "Compensation plan · Admin" };

export default async function AdminPlanPage() {
  const { timeZone } = await requireAdmin();
  const [{ published, versions, openPeriods }, company] = await Promise.all([getAdminPlan(), getCompany()]);
  const plan = published?.plan;
  const initial: PlanDraft = plan
    ? {
        activeMinPv: String(plan.activeMinPv),
        personalPct: bpsToPercent(plan.personalBps),
        levels: plan.levelsBps.map(bpsToPercent),
        compression: plan.compression,
        retailRule: (plan.retailMinBps ?? 0) > 0,
        retailMinPct: (plan.retailMinBps ?? 0) > 0 ? bpsToPercent(plan.retailMinBps ?? 0) : "70",
        retailCustomerRule: (plan.retailMinCustomers ?? 0) > 0,
        retailMinCustomers: String((plan.retailMinCustomers ?? 0) > 0 ? plan.retailMinCustomers : 3),
        ranks: plan.ranks.map((r) => ({ name: r.name, minPv: String(r.minPv), minGv: String(r.minGv), paidLevels: String(r.paidLevels) })),
      }
    : {
        activeMinPv: "100",
        personalPct: "20",
        levels: ["8", "5", "3"],
        compression: true,
        retailRule: false,
        retailMinPct: "70",
        retailCustomerRule: false,
        retailMinCustomers: "3",
        ranks: [{ name: "Member", minPv: "0", minGv: "0", paidLevels: "3" }],
      };
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Compensation plan</h1>
        <p className="mt-1 text-slate-600">
          {published ? `Version ${published.version}, published ${formatDateTime(published.createdAt, timeZone)}. ` : "No plan is published yet. "}A new version
          applies to the open period (recomputed) and later ones; closed periods keep the version they closed with.
        </p>
      </header>
      <PlanEditor
        initial={initial}
        preview={previewPlanAsAdmin}
        publish={publishPlanAsAdmin}
        currency={company.currency}
        nextVersion={(published?.version ?? 0) + 1}
        effective={
          openPeriods.length === 0
            ? "It applies from the next period that opens."
            : `It applies from ${formatPeriod(openPeriods[0]!)}: ${openPeriods.length === 1 ? "the open period is" : `the ${openPeriods.length} open periods are`} recomputed under it now, so every estimate in ${openPeriods.length === 1 ? "it" : "them"} may change, and every later period uses it too.`
        }
      />
      <section aria-labelledby="versions-heading" className="space-y-2">
        <h2 id="versions-heading" className="text-lg font-semibold text-slate-900">
          Versions
        </h2>
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm" data-testid="plan-versions">
          {versions.map((v) => (
            <li key={v.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
              <span className="font-medium">Version {v.version}</span>
              <span className="text-slate-600">{formatDateTime(v.createdAt, timeZone)}</span>
              <span className="text-slate-600">{v.periods.length ? v.periods.map((p) => formatPeriod(p)).join(", ") : "No period yet"}</span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
