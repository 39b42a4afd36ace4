import type { Locator, Page } from "@playwright/test";

/** The open confirmation dialog (components/ui/confirm-submit.tsx, or the orders list's components/admin/refund-orders.tsx) named by its title. */
export function confirmDialog(page: Page, title: string | RegExp): Locator {
  return page.getByRole("alertdialog", { name: title });
}

/** Confirms in the open dialog with its confirm button. */
export async function confirmIn(page: Page, title: string | RegExp, button: string | RegExp): Promise<void> {
  await confirmDialog(page, title).getByRole("button", { name: button, exact: true }).click();
}

/** Backs out of the open dialog with "Go back". */
export async function goBackFrom(page: Page, title: string | RegExp): Promise<void> {
  const dialog = confirmDialog(page, title);
  await dialog.getByRole("button", { name: "Go back" }).click();
  await dialog.waitFor({ state: "hidden" });
}
