import type { Page } from "@playwright/test";
import axe from "axe-core";

// Accessibility checks with axe-core, injected the way @axe-core/playwright does
// it: its source evaluated in the page (DevTools evaluation, so the page's
// Content Security Policy does not block it), then axe.run on the document.

type AxeWindow = Window & { axe: typeof axe };

/** The serious and critical axe violations on the page as it is now, one line each (rule, help, where). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as AxeWindow).axe.run(document, { resultTypes: ["violations"] }));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** How far the page is wider than the window: above 0, the page scrolls sideways. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
