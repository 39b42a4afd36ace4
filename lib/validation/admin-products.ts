import { z } from "zod";
import { decimalToMinor, minorToDecimal, parseWhole } from "./admin-money";
import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { multiLineTextField, textField } from "./input";
import { parseAsDir, parseAsPage, parseAsSearch } from "./list-params";

export const productFields = ["name", "sku", "description", "imageUrl", "price", "pv", "cv", "active"] as const;
export type ProductField = (typeof productFields)[number];

/** A unit price above this is a typo, not a product (and keeps an order's CV far below the engine's 10^11 cap). */
export const MAX_PRICE_MINOR = 100_000_000;
export const MAX_PV = 1_000_000;
export const skuFormatMessage = "Use 1 to 40 letters, digits, dots, hyphens or underscores, starting with a letter or digit.";

/** What the product form sends, in the catalog's units. */
export interface ProductInput {
  name: string;
  sku: string;
  description: string;
  imageUrl: string | null;
  priceCents: number;
  pv: number;
  cvCents: number;
  active: boolean;
}

function amount(noun: "price" | "CV", digits: number) {
  const example = digits === 0 ? "1200" : `12.${"34".slice(0, digits).padEnd(digits, "0")}`;
  const message = `Enter the ${noun} like ${example}${digits > 0 ? ` (at most ${digits} decimals)` : ""}.`;
  return z.string({ error: message }).transform((value, ctx) => {
    const minor = decimalToMinor(value, digits);
    if (minor === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    if (minor > MAX_PRICE_MINOR) {
      ctx.addIssue({ code: "custom", message: `The ${noun} is too large: at most ${minorToDecimal(MAX_PRICE_MINOR, digits)}.` });
      return z.NEVER;
    }
    return minor;
  });
}

/**
 * The product form. Amounts are decimal strings in the company currency
 * (`digits` minor digits), parsed exactly; an empty CV means "the price".
 */
export function productSchema(digits: number) {
  return z
    .object({
      name: textField("Enter a name.").min(1, { error: "Enter a name." }).max(120, { error: "Use at most 120 characters." }),
      sku: z
        .string({ error: skuFormatMessage })
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { error: skuFormatMessage })
        .transform((s) => s.toUpperCase()),
      description: multiLineTextField().max(2000, { error: "Use at most 2000 characters." }).default(""),
      imageUrl: textField()
        .max(500, { error: "Use at most 500 characters." })
        // A web address, or a path on this site ("/products/x.svg", as the demo catalog has); never another scheme.
        .refine((s) => s === "" || /^(?:https?:\/\/|\/(?!\/))[^\s"'<>]+$/i.test(s), {
          error: "Enter a web address starting with https://, a path starting with / (or leave it empty).",
        })
        .transform((s) => (s === "" ? null : s))
        .default(""),
      price: amount("price", digits),
      pv: z.string({ error: "Enter the PV as a whole number." }).transform((value, ctx) => {
        const pv = parseWhole(value, MAX_PV);
        if (pv === null) {
          ctx.addIssue({ code: "custom", message: `Enter the PV as a whole number from 0 to ${MAX_PV.toLocaleString("en-US")}.` });
          return z.NEVER;
        }
        return pv;
      }),
      cv: z
        .string()
        .trim()
        .default("")
        .pipe(z.union([z.literal("").transform(() => null), amount("CV", digits)])),
      active: z
        .literal("on")
        .optional()
        .transform((v) => v === "on"),
    })
    .transform((v, ctx): ProductInput => {
      const cvCents = v.cv ?? v.price;
      if (cvCents > v.price) ctx.addIssue({ code: "custom", path: ["cv"], message: "The CV cannot be more than the price." });
      return { name: v.name, sku: v.sku, description: v.description, imageUrl: v.imageUrl, priceCents: v.price, pv: v.pv, cvCents, active: v.active };
    });
}

/** The form's fields (and only those) as strings for the schema; a missing field stays undefined. */
export function productFormValues(formData: FormData): Record<ProductField, string | undefined> {
  const out = {} as Record<ProductField, string | undefined>;
  for (const field of productFields) {
    const value = formData.get(field);
    out[field] = typeof value === "string" ? value : undefined;
  }
  return out;
}

export const productSorts = ["name", "sku", "price", "pv", "cv", "updated"] as const;
export type ProductSort = (typeof productSorts)[number];
export const productStatuses = ["active", "archived", "all"] as const;
export type ProductStatusFilter = (typeof productStatuses)[number];
export const PRODUCT_PAGE_SIZE = 20;

export interface ProductListQuery {
  q?: string;
  status: ProductStatusFilter;
  sort: ProductSort;
  dir: "asc" | "desc";
  page: number;
}

/** The products list's URL state: anything unknown falls back to the default, never an error. */
export const productListParams = {
  q: parseAsSearch(),
  status: parseAsStringLiteral(productStatuses).withDefault("active").withOptions({ clearOnDefault: true }),
  sort: parseAsStringLiteral(productSorts).withDefault("name").withOptions({ clearOnDefault: true }),
  dir: parseAsDir.withDefault("asc").withOptions({ clearOnDefault: true }),
  page: parseAsPage,
};
const loadProductListParams = createLoader(productListParams);
/** "/admin/products?status=all&sort=price&dir=desc", leaving defaults out. */
export const productListHref = createSerializer(productListParams);

export function parseProductListQuery(params: Record<string, string | string[] | undefined>): ProductListQuery {
  const { q, ...rest } = loadProductListParams(params);
  return q === null ? rest : { q, ...rest };
}
