/**
 * The distributor agreement a new distributor accepts at signup. The version is
 * stored with the acceptance (distributors.agreement_version), so a new text
 * must come with a new version, never an edit under the same one.
 */
export const agreementVersion = "2026-11";

export const agreementTitle = "Independent Distributor Agreement";

export interface AgreementSection {
  heading: string;
  paragraphs: string[];
}

export const agreementSections: AgreementSection[] = [
  {
    heading: "1. Independent business",
    paragraphs: [
      "You join as an independent distributor, not as an employee, agent or partner of the company. You decide your own hours and methods, and you are responsible for your own taxes, licences and expenses.",
    ],
  },
  {
    heading: "2. No purchase required to join",
    paragraphs: [
      "Joining is free. You are never required to buy products, starter kits or inventory to join, to stay a distributor, or to be paid commissions on sales you and your team make.",
      "Commissions are paid on sales of products to end customers and to distributors for their own use, by the published compensation plan. Nothing is paid for recruiting someone.",
    ],
  },
  {
    heading: "3. Honest claims",
    paragraphs: [
      "You describe the products only as the company's published materials do. You make no medical claims, and no income claims beyond the company's published income disclosure.",
      "When you share your referral link, you say who you are and that you will earn from sales made by people who join through it.",
    ],
  },
  {
    heading: "4. Your sponsor and your team",
    paragraphs: [
      "The distributor whose link you joined through is your sponsor, and you are placed directly under them. Placement is not changed afterwards except by the company, following its written policy.",
    ],
  },
  {
    heading: "5. Your data",
    paragraphs: [
      "The company keeps your name, email, country and sales records to run your account and pay commissions. Your sponsor and your upline see your name, join date and sales volumes; they never see your password or payment details.",
    ],
  },
  {
    heading: "6. Cancellation",
    paragraphs: [
      "You may end this agreement at any time by writing to the company. Products bought in the last 12 months and still resaleable may be returned for a refund of 90% of what you paid, less any commissions paid on them.",
      "The company may end this agreement if you breach it, after telling you why and giving you 14 days to respond.",
    ],
  },
];
