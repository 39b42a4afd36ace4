import { CardInputs, type CardInputField } from "@/components/payments/card-inputs";

/** The demo provider's card fields, clearly labelled as the demo (no money moves). */
export function DemoCardFields({
  demoCards,
  errors,
  expiry,
}: {
  demoCards: { success: string; decline: string };
  errors: Partial<Record<CardInputField, string>>;
  expiry?: string;
}) {
  return (
    <div className="space-y-4">
      <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="demo-payments-notice">
        <p className="font-semibold">Demo payments: no money moves.</p>
        <p className="mt-1">
          Save <span className="font-mono whitespace-nowrap">{demoCards.success}</span> with any future expiry date and any 3 digits. To see a declined
          autoship, save <span className="font-mono whitespace-nowrap">{demoCards.decline}</span>.
        </p>
      </div>
      <CardInputs errors={errors} expiry={expiry} />
    </div>
  );
}
