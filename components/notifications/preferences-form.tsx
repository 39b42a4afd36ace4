"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/actions/result";
import type { NotificationMode } from "@/lib/notifications/kinds";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

export interface PreferenceRowProps {
  kind: string;
  label: string;
  description: string;
  essential: boolean;
  inApp: "instant" | "off";
  email: NotificationMode;
}

const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none md:text-sm";
const columns = "md:grid md:grid-cols-[minmax(0,1fr)_9rem_10rem] md:items-center md:gap-4";

/** Every kind of notification by channel: in the portal on or off, email at once, in the daily digest or off (essential email always goes). */
export function PreferencesForm({ action, rows }: { action: Action; rows: PreferenceRowProps[] }) {
  const [state, formAction, pending] = useActionState<ActionResult, FormData>(action, { ok: true });
  return (
    <form action={formAction} className="space-y-4">
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        <div
          aria-hidden="true"
          className={`hidden border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase ${columns}`}
        >
          <span>Notification</span>
          <span>In the portal</span>
          <span>Email</span>
        </div>
        {rows.map((row) => (
          <div
            key={row.kind}
            role="group"
            aria-labelledby={`pref-${row.kind}`}
            className={`space-y-3 border-t border-slate-200 px-4 py-3 first-of-type:border-t-0 md:space-y-0 ${columns}`}
            data-testid={`preference-${row.kind}`}
          >
            <div>
              <p id={`pref-${row.kind}`} className="font-medium text-slate-900">
                {row.label}
              </p>
              <p className="text-sm text-slate-600">{row.description}</p>
            </div>
            <div className="flex flex-wrap gap-3 md:contents">
              <label className="block min-w-32 flex-1 space-y-1 text-sm text-slate-700 md:space-y-0">
                <span className="md:sr-only">In the portal</span>
                <select name={`${row.kind}.in_app`} defaultValue={row.inApp} className={selectClass} aria-label={`${row.label}: in the portal`}>
                  <option value="instant">On</option>
                  <option value="off">Off</option>
                </select>
              </label>
              {row.essential ? (
                <div className="min-w-32 flex-1 space-y-1 text-sm text-slate-700 md:space-y-0">
                  <span className="block md:sr-only">Email</span>
                  <p className="py-1.5 font-medium text-slate-900" data-testid={`essential-${row.kind}`}>
                    Always sent
                  </p>
                </div>
              ) : (
                <label className="block min-w-32 flex-1 space-y-1 text-sm text-slate-700 md:space-y-0">
                  <span className="md:sr-only">Email</span>
                  <select name={`${row.kind}.email`} defaultValue={row.email} className={selectClass} aria-label={`${row.label}: email`}>
                    <option value="instant">At once</option>
                    <option value="digest">Daily digest</option>
                    <option value="off">Off</option>
                  </select>
                </label>
              )}
            </div>
          </div>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
        {state.ok && state.message ? (
          <p role="status" className="text-sm text-brand-800" data-testid="preferences-saved">
            {state.message}
          </p>
        ) : null}
      </div>
      <FormAlert message={state.ok ? undefined : state.message} />
    </form>
  );
}
