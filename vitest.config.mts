import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: pure unit tests (the engine, validation, formatting) and
// integration tests that run the migrations on a fresh database per file
// (PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
  // "server-only" throws outside Next's server bundles: tests that import server code get an empty module.
  resolve: { tsconfigPaths: true, alias: { "server-only": path.resolve("tests/server-only-stub.ts") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          globalSetup: ["./tests/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
