import { LogOut } from "lucide-react";
import Link from "next/link";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { MobileNav } from "./mobile-nav";
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

/** Header, navigation and content. Below `md` the navigation folds into a sheet (`mobile-nav.tsx`). */
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
        <div className="mx-auto flex min-h-14 max-w-7xl items-center gap-2 px-4 py-2 sm:gap-3">
          <MobileNav items={nav} />
          {/* On a phone a long name wraps onto more lines rather than being cut. */}
          <p className="min-w-0 flex-1 text-sm leading-tight font-semibold break-words text-brand-800 sm:text-base" data-testid="company-name">
            {companyName}
          </p>
          <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
            <ThemeToggle />
            <NotificationBell unread={unread} />
            <Tooltip content="Account settings">
              <Link href="/dashboard/account" className="hidden rounded-md px-2 py-1 text-right hover:bg-slate-100 sm:block">
                <span className="block text-sm font-medium text-slate-900" data-testid="user-name">
                  {user.name}
                </span>
                <span className="block text-xs text-slate-500">{user.email}</span>
              </Link>
            </Tooltip>
            <form action={signOut}>
              <Button type="submit" variant="secondary" size="sm" className="whitespace-nowrap">
                <LogOut aria-hidden className="size-4" />
                {/* An icon on a phone, so the company's name keeps the header's width. */}
                <span className="sr-only sm:not-sr-only">Sign out</span>
              </Button>
            </form>
          </div>
        </div>
      </header>
      {/* Without JavaScript the phone menu's sheet cannot open: the links themselves, below the header. */}
      <noscript>
        <nav aria-label="Main" className="border-b border-slate-200 bg-white px-4 py-2 md:hidden">
          <NavLinks items={nav} />
        </nav>
      </noscript>
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
