export * from "./company";
export * from "./distributors";
export * from "./ledger";
export * from "./orders";
export * from "./periods";
export * from "./plans";
export * from "./products";
export * from "./users";
