import type { Metadata } from "next";
import { InvalidLink } from "@/components/referrals/invalid-link";

export const metadata: Metadata = { title: "This link is not valid", robots: { index: false, follow: false } };

// Every bad code lands here, with the same words and a 404, whatever made it bad.
export default function InvalidReferralLink() {
  return <InvalidLink />;
}
