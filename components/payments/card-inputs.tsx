import { TextField } from "@/components/forms/fields";

export type CardInputField = "cardNumber" | "cardExpiry" | "cardCvc";

/** A card's number, expiry and security code, as the demo provider's forms ask them (pay, and save for autoship). */
export function CardInputs({ errors, expiry }: { errors: Partial<Record<CardInputField, string>>; expiry?: string }) {
  return (
    <>
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
    </>
  );
}
