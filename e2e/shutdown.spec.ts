import http from "node:http";
import net from "node:net";
import { expect, test } from "./fixtures";
import { startServer, type RunningServer } from "./server";

// Stopping (SIGTERM, as an orchestrator does): open keep-alive connections do
// not hold the server up, and whatever still hangs is cut after
// SHUTDOWN_TIMEOUT_MS. Each test starts its own server (it is stopped by the test).
test.describe.configure({ mode: "serial" });

let server: RunningServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

test("SIGTERM with idle keep-alive clients exits at once, and refuses nothing it had answered", async () => {
  test.setTimeout(180_000);
  server = await startServer("shutdown-idle", { SHUTDOWN_TIMEOUT_MS: "8000" });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  // Four browsers that keep their connections open after a page.
  expect(await Promise.all([0, 1, 2, 3].map(() => get(`${server!.url}/sign-in`, agent)))).toEqual([200, 200, 200, 200]);
  const started = performance.now();
  expect(await server.signal("SIGTERM")).toBe(143);
  expect(performance.now() - started).toBeLessThan(4_000);
  agent.destroy();
});

test("a request that never completes is cut after SHUTDOWN_TIMEOUT_MS, and the server exits", async () => {
  test.setTimeout(180_000);
  server = await startServer("shutdown-hung", { SHUTDOWN_TIMEOUT_MS: "2000" });
  const { port } = new URL(server.url);
  const socket = net.connect(Number(port), "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  // Headers begun and never finished: the connection is busy, not idle.
  socket.write("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  socket.on("error", () => {});
  await new Promise((resolve) => setTimeout(resolve, 200));
  const started = performance.now();
  expect(await server.signal("SIGTERM")).toBe(143);
  const took = performance.now() - started;
  expect(took).toBeGreaterThanOrEqual(1_900);
  expect(took).toBeLessThan(6_000);
  expect(server.output()).toContain("Stopping took longer than 2000 ms (SHUTDOWN_TIMEOUT_MS)");
  socket.destroy();
});
