import { SKIP_TERMINATED, type PeriodResult } from "@/lib/commissions";
import type { PeriodData } from "../period-data";

// A checksum of each order's commission lines (orders.ledger_digest), kept by
// every writer of lines, so that a full run compares one number per order
// instead of reading ~13M lines back (that read alone takes ~7 s at 1M
// distributors). Each line is hashed over every column that a full run
// decides (beneficiary, level, generation, rate, amount, skipped uplines with
// their reasons; the seller is the order's); an order's digest is the sum of
// its lines' hashes, so line order does not matter. Two 32-bit murmur3 lanes
// give a 53-bit value: exact as a JS number and as a bigint column.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const TWO_32 = 2 ** 32;

function mix(h: number, v: number): number {
  let k = Math.imul(v >>> 0, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes one line at a time; read `a` and `b` after `end`. */
export class LineHasher {
  a = 0;
  b = 0;
  private count = 0;

  begin(beneficiaryId: number, level: number, generation: number, rateBps: number, amountCents: number): void {
    this.a = 0x2f6b1c3d;
    this.b = 0x5bd1e995;
    this.count = 0;
    this.word(beneficiaryId);
    this.word(level);
    this.word(generation);
    this.word(rateBps);
    // Amounts are integers below 2^53 and may be negative only for clawbacks (never hashed).
    this.word(amountCents % TWO_32);
    this.word(Math.floor(amountCents / TWO_32));
  }

  skipped(id: number, terminated: boolean): void {
    this.word(id * 2 + (terminated ? 1 : 0));
    this.count++;
  }

  end(): void {
    this.word(this.count);
    this.a = fmix(this.a);
    this.b = fmix(this.b);
  }

  private word(v: number): void {
    this.a = mix(this.a, v);
    this.b = mix(this.b ^ 0x68e31da4, v);
  }
}

/** Adds a line's hash to an order's digest. */
export function addToDigest(digest: number, h: LineHasher): number {
  const lo = ((digest % TWO_32) + h.a) % TWO_32;
  const hi = (Math.floor(digest / TWO_32) + (h.b & 0x1fffff)) & 0x1fffff;
  return hi * TWO_32 + lo;
}

/**
 * The digests of a full run's orders, by order index: the same values as
 * LineHasher and addToDigest over ~13M lines at 1M distributors, so written for
 * speed: no calls in the loop (past V8's inlining budget each call boxed its
 * result), one murmur3 key per word shared by both lanes as in `word`, each
 * order's two lanes summed in integer arrays (no float remainders), and a
 * distributor's id and depth side by side (one cache miss instead of two).
 */
export function resultDigests(data: PeriodData, result: PeriodResult): Float64Array {
  const m = data.orderIds.length;
  const lo = new Uint32Array(m);
  const hi = new Uint32Array(m);
  const { lines } = result;
  const skips = result.explanations?.lineSkips;
  const { ids, depth, plan } = data;
  const seller = data.orders.seller;
  const idDepth = new Int32Array(ids.length * 2);
  for (let i = 0; i < ids.length; i++) {
    idDepth[2 * i] = ids[i]!;
    idDepth[2 * i + 1] = depth[i]!;
  }
  const rate = Int32Array.from([plan.personalBps, ...plan.levelsBps]);
  const { order, beneficiary, level, amount, count } = lines;
  const noSkips = new Int32Array(0);
  const skipBegin = skips?.begin ?? noSkips;
  const skipEnd = skips?.end ?? noSkips;
  const skipIndex = skips?.index ?? noSkips;
  const skipReason = skips?.reason ?? new Uint8Array(0);
  const terminated = SKIP_TERMINATED;
  // The words of one line (LineHasher.begin, skipped, end); an Int32Array store
  // keeps the low 32 bits, as `>>> 0` in mix does.
  let words = new Int32Array(64);
  for (let i = 0; i < count; i++) {
    const o = order[i]!;
    const b = beneficiary[i]!;
    const v = level[i]!;
    const cents = amount[i]!;
    const from = skips ? skipBegin[i]! : 0;
    const to = skips ? skipEnd[i]! : 0;
    if (to - from + 7 > words.length) words = new Int32Array(2 * (to - from + 7));
    words[0] = idDepth[2 * b]!;
    words[1] = v;
    words[2] = depth[seller[o]!]! - idDepth[2 * b + 1]!;
    words[3] = rate[v]!;
    words[4] = cents;
    words[5] = cents < TWO_32 ? 0 : Math.floor(cents / TWO_32);
    let n = 6;
    for (let k = from; k < to; k++) words[n++] = ids[skipIndex[k]!]! * 2 + (skipReason[k] === terminated ? 1 : 0);
    words[n] = to - from;
    let a = 0x2f6b1c3d;
    let c = 0x5bd1e995;
    for (let j = 0; j <= n; j++) {
      let key = Math.imul(words[j]!, C1);
      key = (key << 15) | (key >>> 17);
      key = Math.imul(key, C2);
      a ^= key;
      a = (a << 13) | (a >>> 19);
      a = (Math.imul(a, 5) + 0xe6546b64) | 0;
      c ^= 0x68e31da4 ^ key;
      c = (c << 13) | (c >>> 19);
      c = (Math.imul(c, 5) + 0xe6546b64) | 0;
    }
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    a ^= a >>> 16;
    c ^= c >>> 16;
    c = Math.imul(c, 0x85ebca6b);
    c ^= c >>> 13;
    c = Math.imul(c, 0xc2b2ae35);
    c ^= c >>> 16;
    lo[o] = lo[o]! + (a >>> 0);
    hi[o] = (hi[o]! + (c & 0x1fffff)) & 0x1fffff;
  }
  const digests = new Float64Array(m);
  for (let o = 0; o < m; o++) digests[o] = hi[o]! * TWO_32 + lo[o]!;
  return digests;
}

/** A line as the ledger stores it (the fields a digest covers). */
export interface DigestLine {
  orderId: number;
  beneficiaryId: number;
  level: number;
  generation: number;
  rateBps: number;
  amountCents: number;
  skipped: string | null;
}

/** The digests of `orderIds` given all their lines (an order without lines has digest 0). */
export function lineDigests(orderIds: readonly number[], lines: readonly DigestLine[]): Map<number, number> {
  const digests = new Map<number, number>(orderIds.map((id) => [id, 0]));
  const h = new LineHasher();
  for (const l of lines) {
    h.begin(l.beneficiaryId, l.level, l.generation, l.rateBps, l.amountCents);
    const text = l.skipped ?? "";
    let id = 0;
    for (let p = 0; p <= text.length; p++) {
      const c = p < text.length ? text.charCodeAt(p) : 0x2c;
      if (c >= 0x30 && c <= 0x39) id = id * 10 + (c - 0x30);
      else if (c === 0x2c) {
        // "t" ends an id too; a comma right after it has nothing to add.
        if (p > 0 && text.charCodeAt(p - 1) !== 0x74) h.skipped(id, false);
        id = 0;
      } else if (c === 0x74) {
        h.skipped(id, true);
        id = 0;
      }
    }
    h.end();
    digests.set(l.orderId, addToDigest(digests.get(l.orderId) ?? 0, h));
  }
  return digests;
}
