// The demo company's catalog and plan: a small wellness brand.
export const demoProducts = [
  { sku: "GRN-30", name: "Daily Greens", description: "Thirty servings of organic greens powder.", priceCents: 4900, pv: 40, cvCents: 3900 },
  { sku: "PRO-VAN", name: "Plant Protein, Vanilla", description: "Pea and rice protein, 20 g a scoop.", priceCents: 5900, pv: 50, cvCents: 4700 },
  { sku: "PRO-CHO", name: "Plant Protein, Chocolate", description: "Pea and rice protein with Dutch cocoa.", priceCents: 5900, pv: 50, cvCents: 4700 },
  { sku: "OMG-90", name: "Omega-3 Softgels", description: "Algae-based EPA and DHA, 90 softgels.", priceCents: 3400, pv: 25, cvCents: 2700 },
  { sku: "SLP-60", name: "Restful Sleep", description: "Magnesium, L-theanine and chamomile.", priceCents: 2900, pv: 20, cvCents: 2300 },
  { sku: "HYD-20", name: "Hydration Sticks", description: "Electrolytes without sugar, 20 sticks.", priceCents: 2400, pv: 15, cvCents: 1900 },
  { sku: "COL-30", name: "Marine Collagen", description: "Type I and III peptides, unflavoured.", priceCents: 6900, pv: 60, cvCents: 5500 },
  { sku: "PRB-30", name: "Probiotic 30B", description: "Thirty billion CFU, shelf stable.", priceCents: 4400, pv: 35, cvCents: 3500 },
  { sku: "STR-KIT", name: "Starter Kit", description: "A month of essentials and the business guide.", priceCents: 14900, pv: 120, cvCents: 11900 },
  { sku: "BTL-750", name: "Steel Shaker Bottle", description: "750 ml, double walled.", priceCents: 1900, pv: 5, cvCents: 900 },
] as const;

export const demoPlan = {
  activeMinPv: 100,
  personalBps: 2000,
  levelsBps: [800, 500, 400, 300, 200, 100],
  compression: true,
  ranks: [
    { name: "Member", minPv: 0, minGv: 0, paidLevels: 1 },
    { name: "Bronze", minPv: 100, minGv: 1_000, paidLevels: 2 },
    { name: "Silver", minPv: 100, minGv: 3_000, paidLevels: 4 },
    { name: "Gold", minPv: 150, minGv: 10_000, paidLevels: 6 },
  ],
};

export const firstNames = [
  "Ava", "Liam", "Maya", "Noah", "Zoë", "Ethan", "Priya", "Lucas", "Amara", "Mateo", "Hana", "Oliver", "Sofia", "Kenji",
  "Leila", "Samuel", "Ines", "Tariq", "Chloe", "Diego", "Freya", "Jonah", "Aisha", "Felix", "Nora", "Rafael", "Yara",
  "Elias", "Mei", "Oscar", "Lucía", "Arjun", "Grace", "Tomás", "Ingrid", "Kwame", "Elena", "Hugo", "Sana", "Marcus",
];
export const lastNames = [
  "Anderson", "Okafor", "Nguyen", "García", "Patel", "Kowalski", "Silva", "Johansson", "Haddad", "Müller", "Tanaka",
  "O'Neil", "Rossi", "Mensah", "Dubois", "Kim", "Fernández", "Novak", "Ali", "Brennan", "Costa", "Lindqvist", "Yilmaz",
  "Moreau", "Schmidt", "Chen", "Ibrahim", "Walsh", "Herrera", "Sato",
];
