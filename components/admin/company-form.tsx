"use client";

import { useActionState, useState } from "react";
import type { FormResult } from "@/lib/actions/result";
import type { CompanyField } from "@/lib/validation/admin-company";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import { TimeZoneInput } from "@/components/forms/time-zone-input";
import { FieldError, FormMessage, inputClass } from "./form-bits";
import { Button } from "@/components/ui/button";

type Action = (prev: FormResult<CompanyField>, formData: FormData) => Promise<FormResult<CompanyField>>;

/** The company's name, its emails' colour (with a sample of the email header) and its time zone. */
export function CompanyForm({ action, defaults, zones }: { action: Action; defaults: Record<CompanyField, string>; zones: string[] }) {
  const [state, formAction, pending] = useActionState<FormResult<CompanyField>, FormData>(action, { ok: true });
  const value = (field: CompanyField) => state.values?.[field] ?? defaults[field];
  const error = (field: CompanyField) => state.fieldErrors?.[field];
  const [name, setName] = useState(value("name"));
  const [color, setColor] = useState(value("brandColor"));
  const sample = /^#[0-9a-fA-F]{6}$/.test(color) ? color : defaults.brandColor;
  return (
    <form action={formAction} onSubmit={keepValuesOnSubmit(formAction)} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
      <div>
        <label htmlFor="company-name" className="block text-sm font-medium text-slate-700">
          Company name
        </label>
        <input
          id="company-name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="organization"
          aria-invalid={error("name") ? true : undefined}
          aria-describedby={error("name") ? "company-name-error" : undefined}
          className={`mt-1 ${inputClass}`}
        />
        <FieldError id="company-name-error" message={error("name")} />
      </div>
      <div>
        <label htmlFor="company-brandColor" className="block text-sm font-medium text-slate-700">
          Email colour
        </label>
        <div className="mt-1 flex items-center gap-2">
          <input
            type="color"
            aria-label="Colour picker"
            value={sample}
            onChange={(e) => setColor(e.target.value)}
            className="h-10 w-12 shrink-0 rounded border border-slate-300 bg-white"
          />
          <input
            id="company-brandColor"
            name="brandColor"
            value={color}
            onChange={(e) => setColor(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error("brandColor") ? true : undefined}
            aria-describedby={["company-brandColor-hint", error("brandColor") ? "company-brandColor-error" : undefined].filter(Boolean).join(" ")}
            className={`w-32 ${inputClass.replace("w-full", "")}`}
          />
        </div>
        <p id="company-brandColor-hint" className="mt-1 text-xs text-slate-500">
          The header of every email, behind white text: dark enough to read (4.5:1 or more).
        </p>
        <FieldError id="company-brandColor-error" message={error("brandColor")} />
      </div>
      <TimeZoneInput
        id="company-timeZone"
        label="Company time zone"
        hint="Public pages show times in it, and the periods' boundaries are also stated in it. Periods stay calendar months in UTC."
        zones={zones}
        defaultValue={value("timeZone")}
        error={error("timeZone")}
      />
      {/* An email is light in either theme: the sample keeps literal colours, which dark mode does not remap. */}
      <div aria-hidden="true" className="overflow-hidden rounded-md border border-slate-200">
        <div style={{ backgroundColor: sample }} className="truncate px-4 py-3 text-base font-bold text-[#fff]">
          {name.trim() || "Company name"}
        </div>
        <div className="bg-[#fff] px-4 py-3 text-sm text-[#475569]">How the top of your emails looks.</div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
