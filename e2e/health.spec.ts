import { expect, test } from "./fixtures";

// What a load balancer or an orchestrator asks the running server (docs/operations.md).
test("the health endpoints: live, and ready once the database and the job worker run", async ({ request }) => {
  const live = await request.get("/api/health");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  expect(live.headers()["cache-control"]).toContain("no-store");

  // The worker's first tick runs at start; allow it a moment on a slow machine.
  await expect
    .poll(async () => {
      const ready = await request.get("/api/ready");
      return { status: ready.status(), body: (await ready.json()) as unknown };
    })
    .toEqual({ status: 200, body: { ready: true, checks: { database: "ok", migrations: "ok", worker: "ok" } } });
});
