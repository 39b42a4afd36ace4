/** Referral codes: lowercase letters, digits and inner hyphens, 3 to 32 characters. */
export const referralCodePattern = /^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$/;

export function normalizeReferralCode(input: string): string | null {
  const code = input.trim().toLowerCase();
  return referralCodePattern.test(code) ? code : null;
}

/** A readable slug of a name ("Zoë O'Neil" -> "zoe-o-neil"), at most 20 characters. */
export function slugifyName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 20)
    .replace(/-+$/g, "");
  return slug || "member";
}

const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

/** A slug plus a short suffix ("ann-smith" -> "ann-smith-k7q"); `randomInt(n)` returns 0..n-1. */
export function referralCodeFromSlug(slug: string, randomInt: (n: number) => number): string {
  let suffix = "";
  for (let i = 0; i < 3; i++) suffix += alphabet[randomInt(alphabet.length)];
  return `${slug}-${suffix}`;
}

/** Name slug plus a short suffix ("ann-smith-k7q"); `randomInt(n)` returns 0..n-1. */
export function makeReferralCode(name: string, randomInt: (n: number) => number): string {
  return referralCodeFromSlug(slugifyName(name), randomInt);
}
