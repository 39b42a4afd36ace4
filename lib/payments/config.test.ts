import { describe, expect, it } from "vitest";
import { activeProviderId } from "./config";

const stripe = { secretKey: "sk_test_x", webhookSecret: "whsec_x", apiUrl: undefined };

describe("the active payment provider", () => {
  it("is Stripe whenever its keys are set", () => {
    expect(activeProviderId({ stripe, databaseUrl: undefined, demoPayments: false })).toBe("stripe");
    expect(activeProviderId({ stripe, databaseUrl: "postgres://x", demoPayments: true })).toBe("stripe");
  });
  it("is the demo on the embedded database", () => {
    expect(activeProviderId({ stripe: undefined, databaseUrl: undefined, demoPayments: false })).toBe("demo");
  });
  it("is none on PostgreSQL without a provider, unless the demo is asked for", () => {
    expect(activeProviderId({ stripe: undefined, databaseUrl: "postgres://x", demoPayments: false })).toBeNull();
    expect(activeProviderId({ stripe: undefined, databaseUrl: "postgres://x", demoPayments: true })).toBe("demo");
  });
});
