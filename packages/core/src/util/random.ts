/**
 * A seeded pseudo-random generator (mulberry32): small, fast and the same on every
 * platform, so seeded analyses and generated samples are reproducible to the byte.
 * Returns a function giving numbers in [0, 1).
 *
 * @example
 * ```ts
 * import { seededRandom } from '@chiso/core/analysis'
 * const rnd = seededRandom(42)
 * rnd() === seededRandom(42)() // true
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
