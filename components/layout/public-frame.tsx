import Link from "next/link";
import { ThemeToggle } from "./theme-toggle";
import { buttonClass } from "@/components/ui/button";

/** The public pages' frame (referral pages, a guest's receipt): the company's name, a way in for members, the agreement. */
export function PublicFrame({ companyName, children }: { companyName: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-3 px-4">
          <p className="line-clamp-2 min-w-0 text-sm leading-tight font-semibold break-words text-brand-800 sm:text-base" data-testid="company-name">
            {companyName}
          </p>
          <ThemeToggle className="ml-auto" />
          <Link href="/sign-in" className={buttonClass({ variant: "ghost", size: "sm", className: "shrink-0" })}>
            Member sign in
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-4 py-4 text-sm text-slate-500">
          <Link href="/agreement" className="underline hover:text-slate-700">
            Distributor agreement
          </Link>
        </div>
      </footer>
    </div>
  );
}
