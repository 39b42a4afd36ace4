import { expect, test } from "./fixtures";
import { startServer } from "./server";

// A start that cannot reach its database exits at once with one line naming
// the cause, instead of serving 500s to everyone (docs/operations.md).
const cases = [
  { name: "unreachable", url: "postgres://postgres@127.0.0.1:1/lineage", says: "Cannot start: PostgreSQL at 127.0.0.1:1/lineage refused the connection" },
  { name: "missing-db", url: "postgres://postgres@127.0.0.1:5432/lineage_no_such_database", says: "does not exist: create it (createdb)" },
  { name: "not-a-url", url: "notaurl", says: "DATABASE_URL: must be a PostgreSQL URL" },
];

for (const c of cases) {
  test(`DATABASE_URL ${c.name}: the server exits with one line that names the cause`, async () => {
    test.setTimeout(120_000);
    const failure = await startServer(`start-${c.name}`, { DATABASE_URL: c.url }).then(
      async (server) => {
        await server.stop();
        return "it started";
      },
      (error: Error) => error.message,
    );
    expect(failure).toContain("stopped while starting");
    expect(failure).toContain(c.says);
    expect(failure).not.toContain("Failed query");
  });
}
