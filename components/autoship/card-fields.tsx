import { TextField } from "@/components/forms/fields";

/** The demo provider's card fields, clearly labelled as the demo (no money moves). */
export function DemoCardFields({
  demoCards,
  errors,
  expiry,
}: {
  demoCards: { success: string; decline: string };
  errors: Partial<Record<"cardNumber" | "cardExpiry" | "cardCvc", string>>;
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
      <TextField name="cardNumber" label="Card number" inputMode="numeric" autoComplete="cc-number" required maxLength={23} error={errors.cardNumber} />
      <div className="grid grid-cols-2 gap-4">
        <TextField
          name="cardExpiry"
          label="Expiry (MM/YY)"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="MM/YY"
          required
          maxLength={7}
          defaultValue={expiry}
          error={errors.cardExpiry}
        />
        <TextField name="cardCvc" label="Security code" inputMode="numeric" autoComplete="cc-csc" required maxLength={4} error={errors.cardCvc} />
      </div>
    </div>
  );
}
