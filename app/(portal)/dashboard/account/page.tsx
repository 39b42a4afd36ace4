import type { Metadata } from "next";
import { SuccessNote } from "@/components/account/auth-card";
import { ChangeEmailForm } from "@/components/account/change-email-form";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { TimeZoneForm } from "@/components/account/time-zone-form";
import { changeMyEmail } from "@/lib/actions/account/change-my-email";
import { changeMyPassword } from "@/lib/actions/account/change-my-password";
import { updateMyTimeZone } from "@/lib/actions/account/update-my-time-zone";
import { requireUser } from "@/lib/auth/session";
import { timeZoneNames } from "@/lib/time-zone";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireUser();
  const changed = (await searchParams).changed;
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Account settings</h1>
        <p className="mt-1 text-slate-600">How you sign in to the portal, and the time zone you see times in.</p>
      </header>
      {changed === "password" ? (
        <SuccessNote testId="password-changed">Your password was changed. You are still signed in here; every other device was signed out.</SuccessNote>
      ) : null}
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">Your account</h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="font-medium text-slate-500">Name</dt>
          <dd className="text-slate-900" data-testid="account-name">
            {viewer.name}
          </dd>
          <dt className="font-medium text-slate-500">Email</dt>
          <dd className="break-all text-slate-900" data-testid="account-email">
            {viewer.email}
          </dd>
        </dl>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">Time zone</h2>
        <TimeZoneForm action={updateMyTimeZone} timeZone={viewer.timeZone} zones={timeZoneNames()} />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="change-password-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Change password
        </h2>
        <ChangePasswordForm action={changeMyPassword} email={viewer.email} />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">Change email</h2>
        <ChangeEmailForm action={changeMyEmail} email={viewer.email} />
      </div>
    </section>
  );
}
