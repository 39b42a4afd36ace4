/**
 * How each country writes a postal address: what its region and postal code
 * are called, whether they are required, and the postal code's shape. Shared
 * by the checkout form (labels) and its validation (lib/validation/address.ts).
 * Countries not listed use the default: region optional, postal code optional
 * and free-form.
 */
export interface AddressFormat {
  regionLabel: string;
  regionRequired: boolean;
  postalLabel: string;
  postalRequired: boolean;
  /** Upper-cased input must match; `example` is shown in the error. */
  postalPattern?: RegExp;
  postalExample?: string;
}

const base: AddressFormat = { regionLabel: "State / province / region", regionRequired: false, postalLabel: "Postal code", postalRequired: false };
const fiveDigits = { postalRequired: true, postalPattern: /^\d{5}$/, postalExample: "12345" };
const fourDigits = { postalRequired: true, postalPattern: /^\d{4}$/, postalExample: "1234" };

const formats: Record<string, Partial<AddressFormat>> = {
  US: { regionLabel: "State", regionRequired: true, postalLabel: "ZIP code", postalRequired: true, postalPattern: /^\d{5}(-\d{4})?$/, postalExample: "94103" },
  CA: { regionLabel: "Province", regionRequired: true, postalRequired: true, postalPattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/, postalExample: "K1A 0B1" },
  MX: { regionLabel: "State", regionRequired: true, ...fiveDigits },
  AU: { regionLabel: "State / territory", regionRequired: true, postalLabel: "Postcode", ...fourDigits },
  GB: {
    regionLabel: "County (optional)",
    postalLabel: "Postcode",
    postalRequired: true,
    postalPattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
    postalExample: "SW1A 1AA",
  },
  IE: {
    regionLabel: "County",
    regionRequired: true,
    postalLabel: "Eircode (optional)",
    postalPattern: /^[A-Z]\d[\dW] ?[A-Z\d]{4}$/,
    postalExample: "D02 X285",
  },
  DE: { regionLabel: "State (optional)", postalLabel: "Postleitzahl", ...fiveDigits },
  FR: { regionLabel: "Region (optional)", ...fiveDigits },
  ES: { regionLabel: "Province", ...fiveDigits },
  IT: { regionLabel: "Province", postalLabel: "CAP", ...fiveDigits },
  NL: { regionLabel: "Province (optional)", postalRequired: true, postalPattern: /^\d{4} ?[A-Z]{2}$/, postalExample: "1012 AB" },
  NZ: { regionLabel: "Region (optional)", postalLabel: "Postcode", ...fourDigits },
  PH: { regionLabel: "Province", regionRequired: true, postalLabel: "ZIP code", ...fourDigits },
  JP: { regionLabel: "Prefecture", regionRequired: true, postalRequired: true, postalPattern: /^\d{3}-?\d{4}$/, postalExample: "100-0001" },
  BR: { regionLabel: "State", regionRequired: true, postalLabel: "CEP", postalRequired: true, postalPattern: /^\d{5}-?\d{3}$/, postalExample: "01310-100" },
  IN: { regionLabel: "State", regionRequired: true, postalLabel: "PIN code", postalRequired: true, postalPattern: /^\d{6}$/, postalExample: "110001" },
};

export function addressFormat(country: string): AddressFormat {
  return { ...base, ...formats[country] };
}
