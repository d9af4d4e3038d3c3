// A seeded generator for the fuzz harness: every case draws from its own stream, made
// from the run's seed and the case's number, so `--case K` replays case K alone.

/** 32-bit mix of a run seed and a case number (splitmix-style), for a case's own stream. */
export function caseSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

/** A small seeded random source (sfc32) with the draws the generators need. */
export class Random {
  constructor(seed) {
    this.a = 0x9e3779b9
    this.b = 0x243f6a88
    this.c = 0xb7e15162
    this.d = seed >>> 0
    for (let i = 0; i < 12; i++) this.next()
  }

  /** a float in [0, 1) */
  next() {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** an integer in [lo, hi] */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  /** true with probability p */
  chance(p) {
    return this.next() < p
  }

  /** one item of a non-empty list */
  pick(list) {
    return list[Math.floor(this.next() * list.length)]
  }

  /** one name of a table of weights: { a: 3, b: 1 } gives "a" three times as often */
  weighted(table) {
    const entries = Object.entries(table)
    let total = 0
    for (const [, w] of entries) total += w
    let x = this.next() * total
    for (const [k, w] of entries) {
      x -= w
      if (x < 0) return k
    }
    return entries[entries.length - 1][0]
  }
}
