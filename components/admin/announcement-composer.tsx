"use client";

import { useActionState } from "react";
import { keepValuesOnSubmit } from "@/components/forms/keep-values";
import type { ActionResult } from "@/lib/actions/result";
import type { AnnouncementPreviewResult } from "@/lib/actions/admin/preview-announcement";
import { BODY_MAX, SUBJECT_MAX } from "@/lib/validation/admin-announcements";
import { FieldError, FormMessage, inputClass } from "./form-bits";
import { Button } from "@/components/ui/button";

type PreviewAction = (prev: AnnouncementPreviewResult, formData: FormData) => Promise<AnnouncementPreviewResult>;
type SendAction = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

const plural = (n: number) => `${n.toLocaleString("en-US")} distributor${n === 1 ? "" : "s"}`;

/**
 * Write, preview, send. The preview shows the text exactly as distributors
 * will read it (paragraphs as the portal and the email lay them out), and the
 * send form carries that previewed text, not whatever is in the editor by then.
 */
export function AnnouncementComposer({ preview, send }: { preview: PreviewAction; send: SendAction }) {
  const [draft, previewAction, previewing] = useActionState<AnnouncementPreviewResult, FormData>(preview, { ok: true });
  // Which preview the last send was for: once it is sent, its send step closes; a new preview opens one again.
  const [sent, sendAction, sending] = useActionState<{ result: ActionResult; previewId?: string }, FormData>(
    async (prev, formData) => ({ result: await send(prev.result, formData), previewId: String(formData.get("previewId") ?? "") }),
    { result: { ok: true } },
  );
  const shown = draft.preview && !(sent.result.ok && sent.previewId === draft.preview.id) ? draft.preview : null;
  const error = (f: "subject" | "body") => draft.fieldErrors?.[f];
  return (
    <div className="space-y-4">
      <form
        action={previewAction}
        onSubmit={keepValuesOnSubmit(previewAction)}
        noValidate
        className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        <h2 className="font-semibold text-slate-900">Write an announcement</h2>
        <div>
          <label htmlFor="announcement-subject" className="block text-sm font-medium text-slate-700">
            Subject
          </label>
          <input
            id="announcement-subject"
            name="subject"
            maxLength={SUBJECT_MAX}
            defaultValue={draft.values?.subject ?? ""}
            aria-invalid={error("subject") ? true : undefined}
            aria-describedby={error("subject") ? "announcement-subject-error" : undefined}
            className={`mt-1 ${inputClass}`}
          />
          <FieldError id="announcement-subject-error" message={error("subject")} />
        </div>
        <div>
          <label htmlFor="announcement-body" className="block text-sm font-medium text-slate-700">
            Message
          </label>
          <textarea
            id="announcement-body"
            name="body"
            rows={8}
            maxLength={BODY_MAX}
            defaultValue={draft.values?.body ?? ""}
            aria-invalid={error("body") ? true : undefined}
            aria-describedby={["announcement-body-hint", error("body") ? "announcement-body-error" : undefined].filter(Boolean).join(" ")}
            className={`mt-1 ${inputClass}`}
          />
          <p id="announcement-body-hint" className="mt-1 text-xs text-slate-500">
            Plain text. Leave an empty line between paragraphs; single line breaks read as spaces. At most {BODY_MAX.toLocaleString("en-US")} characters.
          </p>
          <FieldError id="announcement-body-error" message={error("body")} />
        </div>
        <Button type="submit" disabled={previewing}>
          {previewing ? "Preparing…" : "Preview"}
        </Button>
        <FormMessage state={draft.ok ? { ok: true } : draft} />
      </form>

      {shown ? (
        <section
          aria-labelledby="preview-heading"
          className="space-y-3 rounded-xl border border-brand-200 bg-brand-50/40 p-4"
          data-testid="announcement-preview"
        >
          <h2 id="preview-heading" className="font-semibold text-slate-900">
            Preview
          </h2>
          <article className="rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="text-lg font-semibold break-words text-slate-900">{shown.subject}</h3>
            {shown.paragraphs.map((p, i) => (
              <p key={i} className="mt-2 break-words text-slate-800">
                {p}
              </p>
            ))}
          </article>
          <p className="text-sm text-slate-700">
            Each distributor gets it in their notifications, and by email unless they turned company announcements off (or chose the daily digest).
          </p>
          <form action={sendAction} className="space-y-3">
            <input type="hidden" name="previewId" value={shown.id} />
            <input type="hidden" name="subject" value={shown.subject} />
            <input type="hidden" name="body" value={shown.paragraphs.join("\n\n")} />
            <label className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="confirm" className="mt-0.5 size-4 shrink-0" />
              <span>Send this to {plural(shown.audience)} now. It cannot be recalled.</span>
            </label>
            <Button type="submit" disabled={sending || shown.audience === 0}>
              {sending ? "Sending…" : `Send to ${plural(shown.audience)}`}
            </Button>
            {sent.result.ok ? null : <FormMessage state={sent.result} />}
          </form>
        </section>
      ) : null}
      {sent.result.ok ? <FormMessage state={sent.result} /> : null}
    </div>
  );
}
