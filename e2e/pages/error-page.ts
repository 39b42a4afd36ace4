import type { Locator, Page } from "@playwright/test";

// The server throws at a point a request names (lib/e2e-faults.ts), only because
// playwright.config.ts starts it with LINEAGE_E2E_FAULTS=1. Spelt out here: the
// spec cannot import that server-only module.
export type FaultPoint = "root-layout" | "portal-layout" | "page";
/** The start of every injected error's message: it must stay in the server log. */
export const injectedMessage = "Injected fault";

/** What an error boundary shows (components/ui/error-page.tsx), and the switch that makes one show. */
export class ErrorPage {
  constructor(private readonly page: Page) {}

  /** Every request of this page asks for an error at `point` until `healServer`. */
  breakServer(point: FaultPoint) {
    return this.page.setExtraHTTPHeaders({ "x-lineage-fault": point });
  }

  healServer() {
    return this.page.setExtraHTTPHeaders({});
  }

  get panel(): Locator {
    return this.page.getByTestId("page-error");
  }

  heading(name: string): Locator {
    return this.panel.getByRole("heading", { level: 1, name });
  }

  get reference(): Locator {
    return this.page.getByTestId("error-reference");
  }

  get tryAgain(): Locator {
    return this.panel.getByRole("button", { name: "Try again" });
  }

  get homeLink(): Locator {
    return this.panel.getByRole("link", { name: "Go to the home page" });
  }

  /** Everything a reader sees on the page. */
  visibleText(): Promise<string> {
    return this.page.locator("body").innerText();
  }
}
