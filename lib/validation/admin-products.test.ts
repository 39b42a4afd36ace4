import { describe, expect, it } from "vitest";
import { parseProductListQuery, productSchema } from "./admin-products";

const valid = { name: " Greens ", sku: "grn-30", description: "", imageUrl: "", price: "49.00", pv: "40", cv: "", active: "on" };
const errors = (values: Record<string, string | undefined>) => {
  const r = productSchema(2).safeParse(values);
  // Keyed by the form's field names (the schema's input), first message first.
  const out: Partial<Record<string, string[]>> = {};
  if (!r.success) for (const issue of r.error.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
};

describe("productSchema", () => {
  it("parses the form: trimmed, SKU upper-cased, CV defaulting to the price, cents exact", () => {
    expect(productSchema(2).parse(valid)).toEqual({
      name: "Greens",
      sku: "GRN-30",
      description: "",
      imageUrl: null,
      priceCents: 4900,
      pv: 40,
      cvCents: 4900,
      active: true,
    });
    expect(productSchema(2).parse({ ...valid, cv: "39.99", active: undefined, imageUrl: "https://cdn.example/p.png" })).toMatchObject({
      cvCents: 3999,
      active: false,
      imageUrl: "https://cdn.example/p.png",
    });
  });

  it("explains each bad field", () => {
    expect(errors({ ...valid, price: "12.345" }).price?.[0]).toBe("Enter the price like 12.34 (at most 2 decimals).");
    expect(errors({ ...valid, price: "-1" }).price).toBeDefined();
    expect(errors({ ...valid, price: "2000000" }).price?.[0]).toBe("The price is too large: at most 1000000.00.");
    expect(errors({ ...valid, pv: "1.5" }).pv?.[0]).toMatch(/whole number/);
    expect(errors({ ...valid, sku: "has space" }).sku?.[0]).toMatch(/letters, digits/);
    expect(errors({ ...valid, name: "   " }).name?.[0]).toBe("Enter a name.");
    expect(errors({ ...valid, imageUrl: "javascript:alert(1)" }).imageUrl?.[0]).toMatch(/https:\/\//);
    expect(errors({ ...valid, imageUrl: "//evil.example/x.png" }).imageUrl).toBeDefined();
    expect(errors({ ...valid, imageUrl: "/products/grn-30.svg" }).imageUrl).toBeUndefined();
    expect(errors({ ...valid, cv: "50.00" }).cv?.[0]).toBe("The CV cannot be more than the price.");
    expect(errors({ ...valid, price: undefined }).price).toBeDefined();
  });

  it("uses the currency's minor digits", () => {
    expect(productSchema(0).parse({ ...valid, price: "4900" }).priceCents).toBe(4900);
    expect(productSchema(0).safeParse({ ...valid, price: "49.5" }).success).toBe(false);
  });
});

describe("parseProductListQuery", () => {
  it("falls back to defaults for anything unknown", () => {
    expect(parseProductListQuery({ sort: "drop table", dir: "sideways", page: "-3", status: "x" })).toEqual({
      q: undefined,
      status: "active",
      sort: "name",
      dir: "asc",
      page: 1,
    });
    expect(parseProductListQuery({ q: " greens ", sort: "price", dir: "desc", page: "2", status: "archived" })).toEqual({
      q: "greens",
      status: "archived",
      sort: "price",
      dir: "desc",
      page: 2,
    });
  });
});
