import type { Metadata } from "next";
import { AutoshipManage } from "@/components/autoship/autoship-manage";
import { AutoshipSetupForm } from "@/components/autoship/autoship-setup-form";
import { ClosedAccount } from "@/components/dashboard/closed-account";
import {
  cancelAutoship,
  changeAutoshipAddress,
  changeAutoshipCard,
  changeAutoshipDay,
  changeAutoshipItems,
  pauseAutoship,
  resumeAutoship,
  skipAutoshipRun,
  startAutoship,
} from "@/lib/actions/autoship/manage-autoship";
import type { FormResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/session";
import { dateOf } from "@/lib/autoship/cycle";
import { now } from "@/lib/clock";
import { currentActiveMinPv, getMyAutoship } from "@/lib/data/autoship";
import { getCheckoutOptions, listShopProducts, myShippingDefaults } from "@/lib/data/shop";
import { noProviderMessage } from "@/lib/payments/config";
import { demoCards } from "@/lib/payments/demo";

export const metadata: Metadata = { title: "Autoship" };

// The forms' own field names differ per form; the components take the common shape.
type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;
const asAction = <F extends string>(action: (prev: FormResult<F>, formData: FormData) => Promise<FormResult<F>>) => action as Action;

export default async function AutoshipPage({ searchParams }: { searchParams: Promise<{ started?: string }> }) {
  const viewer = await requireUser();
  if (viewer.terminated) return <ClosedAccount title="Autoship" />;
  const { started } = await searchParams;
  const [autoship, products, options, defaults, activeMinPv] = await Promise.all([
    getMyAutoship(),
    listShopProducts(),
    getCheckoutOptions(),
    myShippingDefaults(),
    currentActiveMinPv(),
  ]);
  const demo = options.provider === "demo" ? { success: demoCards.success, decline: demoCards.decline } : null;
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Autoship</h1>
        <p className="mt-1 text-slate-600">
          The same order every month on the day you choose, charged to your saved card: your PV arrives without you having to remember it.
        </p>
      </header>
      {viewer.distributorId === null ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {viewer.awaitingVerification
            ? "Confirm your email first: open the link we emailed you. Then you can set up autoship."
            : "You are signed in as an administrator without a distributor account: autoship is for distributors."}
        </p>
      ) : autoship ? (
        <>
          {started === "1" ? (
            <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="autoship-started">
              Autoship is on. We remind you 3 days before each order.
            </p>
          ) : null}
          <AutoshipManage
            autoship={autoship}
            products={products}
            shipping={options.shipping}
            demoCards={demo}
            activeMinPv={activeMinPv}
            actions={{
              skip: skipAutoshipRun,
              pause: pauseAutoship,
              resume: resumeAutoship,
              cancel: cancelAutoship,
              items: asAction(changeAutoshipItems),
              day: asAction(changeAutoshipDay),
              card: asAction(changeAutoshipCard),
              address: asAction(changeAutoshipAddress),
            }}
          />
        </>
      ) : options.provider === null ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {noProviderMessage}
        </p>
      ) : (
        <AutoshipSetupForm
          action={asAction(startAutoship)}
          products={products}
          shipping={options.shipping}
          currency={options.currency}
          today={dateOf(now())}
          defaults={defaults}
          demoCards={demo}
          activeMinPv={activeMinPv}
        />
      )}
    </section>
  );
}
