import type { Metadata } from "next";
import { CheckoutSettingsForm } from "@/components/admin/checkout-settings-form";
import { SetShippingRateForm, ShippingRatesList } from "@/components/admin/shipping-rates";
import { removeShippingRateAsAdmin } from "@/lib/actions/admin/remove-shipping-rate";
import { setShippingRateAsAdmin } from "@/lib/actions/admin/set-shipping-rate";
import { updateCheckoutSettingsAsAdmin } from "@/lib/actions/admin/update-checkout-settings";
import { requireAdmin } from "@/lib/auth/session";
import { countries } from "@/lib/countries";
import { getCheckoutSetup, getPaymentsOverview } from "@/lib/data/admin-payments";
import { getCompany } from "@/lib/data/company";
import { formatMoney } from "@/lib/format";
import { currencyDigits, minorToDecimal } from "@/lib/validation/admin-money";
import { formatPaymentWindow, paymentWindowParts } from "@/lib/validation/admin-payments";
import { ProviderStatus } from "./provider-status";

export const metadata: Metadata = { title: "Payments · Admin" };

export default async function AdminPaymentsPage() {
  await requireAdmin();
  const [overview, setup, company] = await Promise.all([getPaymentsOverview(), getCheckoutSetup(), getCompany()]);
  const digits = currencyDigits(company.currency);
  const rate = (cents: number) => (cents === 0 ? "Free" : formatMoney(cents, company.currency));
  const paymentWindow = paymentWindowParts(setup.settings.pendingOrderMinutes);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Payments</h1>
        <p className="mt-1 text-slate-600">
          How orders are paid, where the company ships and at what rate, and the limits of checkout. An order counts toward volumes and commissions only once
          its payment is confirmed.
        </p>
      </header>

      <ProviderStatus overview={overview} />

      <section aria-labelledby="shipping-heading" className="space-y-3">
        <h2 id="shipping-heading" className="text-lg font-semibold text-slate-900">
          Shipping rates
        </h2>
        <p className="text-sm text-slate-600">
          Checkout offers only these countries, each at a flat rate per order. A change applies to orders made from now on.
        </p>
        <ShippingRatesList action={removeShippingRateAsAdmin} rates={setup.rates.map((r) => ({ country: r.country, name: r.name, rate: rate(r.rateCents) }))} />
        <SetShippingRateForm
          action={setShippingRateAsAdmin}
          countries={countries}
          currency={company.currency}
          rates={Object.fromEntries(setup.rates.map((r) => [r.country, rate(r.rateCents)]))}
        />
      </section>

      <section aria-labelledby="checkout-heading" className="space-y-3">
        <h2 id="checkout-heading" className="text-lg font-semibold text-slate-900">
          Checkout settings
        </h2>
        <p className="text-sm text-slate-600" data-testid="checkout-summary">
          Unpaid orders expire after {formatPaymentWindow(setup.settings.pendingOrderMinutes)}. A guest order may total at most{" "}
          {formatMoney(setup.settings.guestMaxTotalCents, company.currency)} and hold at most {setup.settings.guestMaxUnits} items.
        </p>
        <CheckoutSettingsForm
          action={updateCheckoutSettingsAsAdmin}
          currency={company.currency}
          defaults={{
            windowAmount: paymentWindow.amount,
            windowUnit: paymentWindow.unit,
            guestMaxTotal: minorToDecimal(setup.settings.guestMaxTotalCents, digits),
            guestMaxUnits: String(setup.settings.guestMaxUnits),
          }}
        />
      </section>
    </section>
  );
}
