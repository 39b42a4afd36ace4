import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Playwright fixtures receive a `use` callback that is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The commission engine is pure: it runs in unit tests, the CLI and the benchmark alike.
    files: ["lib/commissions/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "lib/commissions must stay free of Next." },
            { group: ["react", "react-dom", "react/*"], message: "lib/commissions must stay free of React." },
            {
              group: ["drizzle-orm", "drizzle-orm/*", "pg", "@electric-sql/*", "@/db", "@/db/*", "server-only"],
              message: "lib/commissions must not touch the database.",
            },
            { group: ["@/lib/*", "!@/lib/commissions/*"], message: "lib/commissions imports only itself." },
          ],
        },
      ],
    },
  },
]);
