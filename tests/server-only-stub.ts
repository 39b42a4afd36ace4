// "server-only" throws when imported outside a React Server environment, which
// is what Vitest is; the admin authorization tests import the data layer and
// server actions directly, so it resolves to this empty module under Vitest.
export {};
