/**
 * Drawing a chart on the server takes ECharts a good part of a second for a hundred units,
 * and the same chart is asked for again and again (every reader of the overview): each
 * chart is kept by what it was drawn from, so it is drawn once per content.
 */
import { createHash } from 'node:crypto'

/** How many charts are kept (the least recently used go first). */
const KEEP = 400

/** Charts by the hash of their inputs. @internal */
export class ChartCache {
  readonly #svgs = new Map<string, string>()
  hits = 0
  misses = 0

  /** The chart drawn from `inputs` by `draw`, drawn once per content. */
  svg(kind: string, inputs: unknown, draw: () => string): string {
    const key = `${kind}:${createHash('sha256').update(JSON.stringify(inputs)).digest('base64url')}`
    const hit = this.#svgs.get(key)
    if (hit !== undefined) {
      this.hits++
      // most recently used last
      this.#svgs.delete(key)
      this.#svgs.set(key, hit)
      return hit
    }
    this.misses++
    const svg = draw()
    this.#svgs.set(key, svg)
    if (this.#svgs.size > KEEP) this.#svgs.delete(this.#svgs.keys().next().value!)
    return svg
  }
}
