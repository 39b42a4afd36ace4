"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import { TimeZoneInput } from "@/components/forms/time-zone-input";
import type { FormResult } from "@/lib/actions/result";
import { SuccessNote } from "./auth-card";
import { Button } from "@/components/ui/button";

type Action = (prev: FormResult<"timeZone">, formData: FormData) => Promise<FormResult<"timeZone">>;

/** The person's own time zone, searchable among the zones the server knows. */
export function TimeZoneForm({ action, timeZone, zones }: { action: Action; timeZone: string; zones: string[] }) {
  const [state, formAction, pending] = useActionState<FormResult<"timeZone">, FormData>(action, { ok: false });
  return (
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} className="max-w-md space-y-4" noValidate>
      {state.ok && state.message ? <SuccessNote testId="time-zone-saved">{state.message}</SuccessNote> : <FormAlert message={state.message} />}
      <TimeZoneInput
        id="account-timeZone"
        label="Time zone"
        hint="Type a city or region, such as Europe/Paris or America/New_York. Every time in the portal is shown in it."
        zones={zones}
        defaultValue={state.values?.timeZone ?? timeZone}
        error={state.fieldErrors?.timeZone}
      />
      <Button type="submit" disabled={pending} size="lg" className="w-full shadow-sm">
        {pending ? "Saving…" : "Save time zone"}
      </Button>
    </form>
  );
}
