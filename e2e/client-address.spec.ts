import type { Page } from "@playwright/test";
import { expect, signOutBrowser, test } from "./fixtures";
import { JoinPage, newProspect, uniqueIp } from "./pages/join-page";
import { startServer, type RunningServer } from "./server";

// Security issue 16, point 3: the signup limit read X-Forwarded-For as the
// client sent it, so 15 of 15 signups passed with a new header each. Now the
// client's address is the TCP peer unless TRUST_PROXY believes a proxy
// (lib/http/client-address.ts, server.mjs).

const limited = "Too many signups from your network just now. Wait a minute, then try again.";

/** The limit counts per fixed minute, whose seconds tick with this machine's (lib/clock.ts): start early in one, so every attempt falls into it. */
async function startOfAMinute(page: Page, needSeconds: number): Promise<void> {
  const second = new Date().getSeconds();
  if (second > 60 - needSeconds) await page.waitForTimeout((61 - second) * 1000);
}

test.describe("a server with no proxy in front (TRUST_PROXY unset)", () => {
  let server: RunningServer;

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    // The suite's server believes one proxy hop; this one runs as a deployment with none does.
    server = await startServer("no-proxy");
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("15 signups, each with a new X-Forwarded-For (and a forged peer header), are refused after the limit of 10", async ({ page }) => {
    test.setTimeout(150_000);
    const join = new JoinPage(page);
    await startOfAMinute(page, 45);
    for (let i = 1; i <= 15; i++) {
      await signOutBrowser(page);
      // A new address in every header a client could use to pose as another; none is believed.
      await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.18.${i}.1`, "x-real-ip": `198.18.${i}.2`, "x-lineage-peer": `198.18.${i}.3` });
      await page.goto(`${server.url}/join/dana-rivers`);
      await join.signUp(newProspect(`Flood ${i}`));
      if (i <= 10) {
        await expect(join.checkInbox, `signup ${i}`).toContainText("Check your inbox");
      } else {
        await expect(join.formError, `signup ${i}`).toHaveText(limited);
        await expect(page).toHaveURL(new RegExp("/join/dana-rivers$"));
      }
    }
    // The operator is told, once, that the header was ignored and why.
    expect(server.output()).toContain("carried X-Forwarded-For, and TRUST_PROXY is not set");
  });
});

test.describe("the suite's server, behind one trusted proxy (TRUST_PROXY=1, the browser plays the proxy)", () => {
  test("the proxy's X-Forwarded-For tells clients apart: one client is limited, the next is not", async ({ page }) => {
    const join = new JoinPage(page);
    await startOfAMinute(page, 30);
    const limitedClient = uniqueIp();
    await page.setExtraHTTPHeaders({ "x-forwarded-for": limitedClient });
    await join.goto("dana-rivers");
    for (let i = 1; i <= 10; i++) {
      // Every attempt counts, valid or not: ten empty submissions use the allowance. A forged peer header changes nothing.
      await page.setExtraHTTPHeaders({ "x-forwarded-for": limitedClient, "x-lineage-peer": `198.18.200.${i}` });
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), join.submit.click()]);
      await expect(join.formError).toHaveText("Check the highlighted fields.");
    }
    await join.signUp(newProspect("Limited"));
    await expect(join.formError).toHaveText(limited);

    await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueIp() });
    await join.goto("dana-rivers");
    await join.signUp(newProspect("Next client"));
    await expect(join.checkInbox).toContainText("Check your inbox");
  });
});
