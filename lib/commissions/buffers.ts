import { SKIP_INACTIVE, SKIP_TERMINATED, type LevelArray, type Lines, type PeriodExplanations } from "./types";

// Growable typed arrays: a run's line count is only known at the end, and millions of
// small objects would cost ten times the memory and most of the time.

const GROWTH = 1.5;

function capacityFor(current: number, need: number): number {
  return Math.max(need, Math.ceil(current * GROWTH) + 16);
}

function growI32(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(capacityFor(a.length, need));
  b.set(a);
  return b;
}

function growF64(a: Float64Array, need: number): Float64Array {
  if (need <= a.length) return a;
  const b = new Float64Array(capacityFor(a.length, need));
  b.set(a);
  return b;
}

function growU8(a: Uint8Array, need: number): Uint8Array {
  if (need <= a.length) return a;
  const b = new Uint8Array(capacityFor(a.length, need));
  b.set(a);
  return b;
}

/** The narrowest array that holds levels 0..maxLevel. */
export function levelArrayFor(maxLevel: number, length: number): LevelArray {
  if (maxLevel <= 0xff) return new Uint8Array(length);
  if (maxLevel <= 0xffff) return new Uint16Array(length);
  return new Int32Array(length);
}

function growLevel(a: LevelArray, need: number): LevelArray {
  if (need <= a.length) return a;
  const size = capacityFor(a.length, need);
  if (a instanceof Uint8Array) {
    const b = new Uint8Array(size);
    b.set(a);
    return b;
  }
  if (a instanceof Uint16Array) {
    const b = new Uint16Array(size);
    b.set(a);
    return b;
  }
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

export class LineBuffer {
  count = 0;
  order: Int32Array;
  beneficiary: Int32Array;
  level: LevelArray;
  amount: Float64Array;

  constructor(capacity: number, maxLevel: number) {
    this.order = new Int32Array(capacity);
    this.beneficiary = new Int32Array(capacity);
    this.level = levelArrayFor(maxLevel, capacity);
    this.amount = new Float64Array(capacity);
  }

  /** Makes room for `extra` more lines; the arrays may be replaced, so reload them after. */
  reserve(extra: number): void {
    if (this.count + extra > this.order.length) this.grow(this.count + extra);
  }

  push(order: number, beneficiary: number, level: number, amount: number): void {
    const i = this.count;
    if (i === this.order.length) this.grow(i + 1);
    this.order[i] = order;
    this.beneficiary[i] = beneficiary;
    this.level[i] = level;
    this.amount[i] = amount;
    this.count = i + 1;
  }

  private grow(need: number): void {
    this.order = growI32(this.order, need);
    this.beneficiary = growI32(this.beneficiary, need);
    this.level = growLevel(this.level, need);
    this.amount = growF64(this.amount, need);
  }

  /** Views of exactly `count` entries (no copy). */
  finish(): Lines {
    const n = this.count;
    return {
      count: n,
      order: this.order.subarray(0, n),
      beneficiary: this.beneficiary.subarray(0, n),
      level: this.level.subarray(0, n),
      amount: this.amount.subarray(0, n),
    };
  }
}

/**
 * Records explanations alongside a LineBuffer (see PeriodExplanations). The uplines skipped
 * on the way to a level depend only on where the walk came from (the seller, or the upline
 * that took the previous level), so each distributor's list is walked once into a shared
 * pool, and every line or lost level coming from there points at that range.
 */
export class ExplainBuffer {
  private readonly orderLineStart: Int32Array;
  private readonly orderBreakageStart: Int32Array;
  private lineCount = 0;
  private lineBegin: Int32Array;
  private lineEnd: Int32Array;
  private brkCount = 0;
  private brkOrder: Int32Array;
  private brkLevel: LevelArray;
  private brkUpline: Int32Array;
  private brkReason: Uint8Array;
  private brkBegin: Int32Array;
  private brkEnd: Int32Array;
  /** 1 when compression skips someone right above d. Most walks skip nobody, and this byte array stays in cache. */
  private readonly hasSkips: Uint8Array;
  /**
   * Where each distributor's list is in the pool: [begin, end] at memo[2d], memo[2d+1]
   * (begin = -1 until walked). A Map for small runs (one order in a big company), where an
   * array over every distributor would cost more than the run.
   */
  private readonly memo: Int32Array | null;
  private readonly memoMap: Map<number, { begin: number; end: number }> | null;
  private poolSize = 0;
  private poolIndex: Int32Array;
  private poolReason: Uint8Array;
  /** The range found by rangeFrom(). */
  private begin = 0;
  private end = 0;

  /** Capacities are hints: exact when known, the buffers grow otherwise. */
  constructor(
    orderCount: number,
    maxLevel: number,
    lineCapacity: number,
    breakageCapacity: number,
    private readonly sponsor: Int32Array,
    private readonly terminated: Uint8Array,
    /** The walk's next hop (nearest active ancestor under compression, else the sponsor). */
    private readonly up: Int32Array,
  ) {
    this.orderLineStart = new Int32Array(orderCount + 1);
    this.orderBreakageStart = new Int32Array(orderCount + 1);
    this.lineBegin = new Int32Array(lineCapacity);
    this.lineEnd = new Int32Array(lineCapacity);
    this.brkOrder = new Int32Array(breakageCapacity);
    this.brkLevel = levelArrayFor(maxLevel, breakageCapacity);
    this.brkUpline = new Int32Array(breakageCapacity);
    this.brkReason = new Uint8Array(breakageCapacity);
    this.brkBegin = new Int32Array(breakageCapacity);
    this.brkEnd = new Int32Array(breakageCapacity);
    const n = sponsor.length;
    this.hasSkips = new Uint8Array(n);
    for (let d = 0; d < n; d++) {
      const s = sponsor[d]!;
      if (s >= 0 && s !== up[d]) this.hasSkips[d] = 1;
    }
    const dense = orderCount * 8 >= n;
    this.memo = dense ? new Int32Array(n * 2).fill(-1) : null;
    this.memoMap = dense ? null : new Map();
    this.poolIndex = new Int32Array(1024);
    this.poolReason = new Uint8Array(1024);
  }

  beginOrder(order: number, lineCount: number): void {
    this.orderLineStart[order] = lineCount;
    this.orderBreakageStart[order] = this.brkCount;
  }

  /** Sets begin/end to the pool range of the uplines skipped right above `from` (-1: none). */
  private rangeFrom(from: number): void {
    if (from < 0 || this.hasSkips[from] === 0) {
      this.begin = 0;
      this.end = 0;
      return;
    }
    const { memo, memoMap } = this;
    if (memo !== null) {
      if (memo[2 * from]! < 0) {
        memo[2 * from] = this.poolSize;
        memo[2 * from + 1] = this.walkSkips(from);
      }
      this.begin = memo[2 * from]!;
      this.end = memo[2 * from + 1]!;
    } else if (memoMap !== null) {
      let range = memoMap.get(from);
      if (range === undefined) {
        range = { begin: this.poolSize, end: this.walkSkips(from) };
        memoMap.set(from, range);
      }
      this.begin = range.begin;
      this.end = range.end;
    }
  }

  /** Walks the sponsor chain strictly between `from` and its next hop onto the pool; returns the new end. */
  private walkSkips(from: number): number {
    const { sponsor, terminated } = this;
    const stop = this.up[from]!;
    let size = this.poolSize;
    for (let x = sponsor[from]!; x !== stop && x >= 0; x = sponsor[x]!) {
      if (size === this.poolIndex.length) {
        this.poolIndex = growI32(this.poolIndex, size + 1);
        this.poolReason = growU8(this.poolReason, size + 1);
      }
      this.poolIndex[size] = x;
      this.poolReason[size] = terminated[x] !== 0 ? SKIP_TERMINATED : SKIP_INACTIVE;
      size++;
    }
    this.poolSize = size;
    return size;
  }

  /** The next line (in LineBuffer order) was reached coming up from `from` (-1: level 0). */
  line(from: number): void {
    const i = this.lineCount;
    if (i === this.lineBegin.length) {
      this.lineBegin = growI32(this.lineBegin, i + 1);
      this.lineEnd = growI32(this.lineEnd, i + 1);
    }
    this.rangeFrom(from);
    this.lineBegin[i] = this.begin;
    this.lineEnd[i] = this.end;
    this.lineCount = i + 1;
  }

  breakage(order: number, level: number, upline: number, reason: number, from: number): void {
    const i = this.brkCount;
    if (i === this.brkOrder.length) {
      const need = i + 1;
      this.brkOrder = growI32(this.brkOrder, need);
      this.brkLevel = growLevel(this.brkLevel, need);
      this.brkUpline = growI32(this.brkUpline, need);
      this.brkReason = growU8(this.brkReason, need);
      this.brkBegin = growI32(this.brkBegin, need);
      this.brkEnd = growI32(this.brkEnd, need);
    }
    this.brkOrder[i] = order;
    this.brkLevel[i] = level;
    this.brkUpline[i] = upline;
    this.brkReason[i] = reason;
    this.rangeFrom(from);
    this.brkBegin[i] = this.begin;
    this.brkEnd[i] = this.end;
    this.brkCount = i + 1;
  }

  finish(orderCount: number, lineCount: number): PeriodExplanations {
    this.orderLineStart[orderCount] = lineCount;
    this.orderBreakageStart[orderCount] = this.brkCount;
    const index = this.poolIndex.subarray(0, this.poolSize);
    const reason = this.poolReason.subarray(0, this.poolSize);
    const lines = this.lineCount;
    const n = this.brkCount;
    return {
      orderLineStart: this.orderLineStart,
      orderBreakageStart: this.orderBreakageStart,
      lineSkips: { begin: this.lineBegin.subarray(0, lines), end: this.lineEnd.subarray(0, lines), index, reason },
      breakage: {
        count: n,
        order: this.brkOrder.subarray(0, n),
        level: this.brkLevel.subarray(0, n),
        upline: this.brkUpline.subarray(0, n),
        reason: this.brkReason.subarray(0, n),
        skips: { begin: this.brkBegin.subarray(0, n), end: this.brkEnd.subarray(0, n), index, reason },
      },
    };
  }
}
