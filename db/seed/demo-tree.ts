import { firstNames, lastNames } from "./catalog";
import type { Random } from "./random";

export const demoEmail = "demo@example.com";

/** The months of demo history: eleven closed, then the current one. */
export const HISTORY_MONTHS = 12;

/** The house account, the demo distributor, seven leaders and the demo's deep leg: there from the start. */
export const FOUNDERS = 16;

export interface Member {
  key: number;
  name: string;
  email: string;
  sponsorKey: number | null;
  generation: number;
  /** The month (0 = the oldest of the history) the member joins in. */
  joinMonth: number;
}

/**
 * The demo sponsor tree: a house account, the demo distributor (largest team,
 * legs at least seven generations deep) and seven other leaders, all there from
 * the first month. New members join recent members more often, as real
 * recruiting does, so legs run deep; they join month after month, more of them
 * as the year goes on (a growing team), each after their sponsor.
 */
export function buildTree(random: Random, size: number): Member[] {
  const members: Member[] = [];
  const add = (name: string, email: string, sponsor: Member | null, joinMonth = 0): Member => {
    const m: Member = { key: members.length, name, email, sponsorKey: sponsor?.key ?? null, generation: sponsor ? sponsor.generation + 1 : 0, joinMonth };
    members.push(m);
    return m;
  };
  const uniqueName = () => `${random.pick(firstNames)} ${random.pick(lastNames)}`;
  const emailFor = (name: string, n: number) =>
    `${name
      .normalize("NFKD")
      .replace(/[^A-Za-z ]/g, "")
      .toLowerCase()
      .replace(/ +/g, ".")}.${n}@example.com`;

  const house = add("Lineage House Account", "house@example.com", null);
  const demo = add("Dana Rivers", demoEmail, house);
  const demoTeam: Member[] = [demo];
  const otherTeam: Member[] = [];
  for (let i = 0; i < 7; i++) {
    const name = uniqueName();
    otherTeam.push(add(name, emailFor(name, members.length), house));
  }
  // A guaranteed deep leg under the demo distributor.
  let leg = demo;
  for (let g = 0; g < 7; g++) {
    const name = uniqueName();
    leg = add(name, emailFor(name, members.length), leg);
    demoTeam.push(leg);
  }
  const joiners = size - FOUNDERS;
  for (let k = 0; k < joiners; k++) {
    // Members so far grow as (month / 12)^1.5: a few join early, more each month.
    const joinMonth = Math.min(HISTORY_MONTHS - 1, Math.floor(HISTORY_MONTHS * ((k + 1) / joiners) ** (1 / 1.5)));
    const pool = random.chance(0.62) ? demoTeam : otherTeam;
    // Squaring biases the pick towards recent members: deeper legs.
    const back = Math.floor(pool.length * random.next() ** 2);
    const sponsor = pool[pool.length - 1 - back] ?? pool[0]!;
    const name = uniqueName();
    pool.push(add(name, emailFor(name, members.length), sponsor, joinMonth));
  }
  return members;
}
