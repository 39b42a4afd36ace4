import type { ReactNode } from "react";

/** The signed-out pages' frame (sign-in, forgot and reset password, confirm email): a centred card under the company's name. */
export function AuthCard({ companyName, title, intro, children }: { companyName: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{companyName}</p>
          <h1 className="mt-2 text-2xl font-bold text-slate-900">{title}</h1>
          {intro ? <p className="mt-1 text-sm text-slate-600">{intro}</p> : null}
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}

/** A confirmation that something worked, announced to screen readers. */
export function SuccessNote({ children, testId = "form-success" }: { children: ReactNode; testId?: string }) {
  return (
    <p role="status" data-testid={testId} className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800">
      {children}
    </p>
  );
}
