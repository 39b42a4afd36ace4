import Link from "next/link";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { NavLinks, type NavItem } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";

interface AppShellProps {
  companyName: string;
  user: { name: string; email: string; role: "admin" | "distributor" };
  nav: NavItem[];
  /** The viewer's unread notifications, for the bell. */
  unread: number;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}

/** Header, navigation and content. Below `md` the navigation folds into a menu that needs no JavaScript. */
export function AppShell({ companyName, user, nav, unread, signOut, children }: AppShellProps) {
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-3">
          <details className="group relative shrink-0 md:hidden">
            <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-medium text-slate-700 [&::-webkit-details-marker]:hidden">
              Menu
            </summary>
            <nav aria-label="Main" className="absolute top-11 left-0 w-56 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
              <NavLinks items={nav} />
            </nav>
          </details>
          {/* On a phone a long name takes two lines rather than being cut. */}
          <p className="line-clamp-2 min-w-0 text-sm leading-tight font-semibold break-words text-brand-800 sm:text-base" data-testid="company-name">
            {companyName}
          </p>
          <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
            <ThemeToggle />
            <NotificationBell unread={unread} />
            <Link href="/dashboard/account" title="Account settings" className="hidden rounded-md px-2 py-1 text-right hover:bg-slate-100 sm:block">
              <span className="block text-sm font-medium text-slate-900" data-testid="user-name">
                {user.name}
              </span>
              <span className="block text-xs text-slate-500">{user.email}</span>
            </Link>
            <form action={signOut}>
              <button
                type="submit"
                className="rounded-md border border-slate-300 px-2 py-1.5 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-6 px-4 py-6">
        <nav aria-label="Main" className="hidden w-52 shrink-0 md:block">
          <NavLinks items={nav} />
        </nav>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
