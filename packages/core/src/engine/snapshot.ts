/**
 * The copy a batch keeps of the inputs the integer lane scores (an envelope of ids plus flat
 * facts), taken as values rather than as objects. A national year holds thousands of facts
 * objects of one shape, often past 128 keys (V8's slow dictionary form): copying each into
 * an object of its own cost more than scoring it, and every copy had to survive the young
 * generation's collections. Here each unit's values are read once, in the walk that checks
 * them, into a large shared array; the keys are kept once per shape; the copy as an object
 * is built the first time a result's `assessment` is read (most batches never read it). The
 * lane scores the same values it copied, so a getter or a proxy is read once.
 *
 * What a result answers is unchanged: its assessment is the input as it was when the batch
 * read it, a private object equal to what copyData makes (keys in the input's order).
 */
import type { Assessment } from '../model/schemas.js'
import { emptyOfShape, FORBIDDEN_KEYS, MAX_ITEMS, MAX_STRING_LENGTH, primitiveOk } from '../util/limits.js'

/** One shape of lane input: the envelope's keys, the facts' keys, and where the lane's facts sit among them. */
interface InputShape {
  readonly envelope: readonly string[]
  /** position of `facts` in the envelope; -1 when the input holds no facts object */
  readonly factsAt: number
  readonly facts: readonly string[]
  /** per fact the lane reads (lane.factNames): its position among `facts`, or -1 */
  readonly slots: Int32Array
  /** an empty object of the facts' keys, cloned to build a compact copy (large shapes only) */
  readonly empty: Record<string, unknown> | undefined
}

/** values per chunk (below 100,000, past which V8 makes a new array of holes a slow dictionary): a unit never spans two, and a result that outlives the batch keeps one chunk (512 KB) alive */
const CHUNK = 1 << 16
/** shapes kept per batch: real batches have one or two; one more built per miss past these */
const MAX_SHAPES = 8
/** past this many keys a copy is cloned from an empty object of its shape (see limits.ts emptyLike) */
const BIG_OBJECT = 24

/** The batch's copies of the inputs the lane scores, by unit position. @internal */
export class InputSnapshot {
  readonly #names: readonly string[]
  readonly #shapes: InputShape[] = []
  readonly #chunks: unknown[][] = []
  /** per unit: the chunk and offset of its envelope's values, and its shape (undefined: not taken here) */
  readonly #chunkOf: Int32Array
  readonly #offsetOf: Int32Array
  readonly #shapeOf: (InputShape | undefined)[]
  /** per unit: the unit whose record holds its facts' values (itself, or the first unit that held the same facts object) */
  readonly #factsOf: Int32Array
  /** facts objects met in this batch, by identity: the unit whose record holds their values */
  readonly #seen = new Map<object, number>()
  /** the copies of facts built so far, by the unit whose record holds them (units that share facts share the copy) */
  readonly #built = new Map<number, Record<string, unknown>>()
  #chunk: unknown[] = []
  #used = 0

  /** @param names the facts the lane reads, in its order; @param units the batch's size */
  constructor(names: readonly string[], units: number) {
    this.#names = names
    this.#chunkOf = new Int32Array(units)
    this.#offsetOf = new Int32Array(units)
    this.#shapeOf = new Array<InputShape | undefined>(units).fill(undefined)
    this.#factsOf = new Int32Array(units)
  }

  /**
   * Copies unit `i`'s input (already seen to be a lane input: envelope keys, plain facts)
   * and fills `values` with the lane's facts from the copy. False when the input holds
   * anything this copy does not take (a nested object, a value or key the limits refuse, a
   * read that throws): the caller walks it instead, and that walk reports or copies it.
   */
  take(i: number, input: Assessment, values: unknown[]): boolean {
    try {
      const envelope = Object.keys(input)
      const facts = input.facts as Record<string, unknown> | undefined
      // facts several assessments share (the same object): copied once, the copy shared, as
      // structuredClone shares what one clone reaches twice (and the walk's memo shares)
      const first = facts === undefined ? undefined : this.#seen.get(facts)
      if (first !== undefined) return this.#takeShared(i, input, envelope, first, values)
      const factKeys = facts === undefined ? NO_KEYS : Object.keys(facts)
      if (factKeys.length > MAX_ITEMS) return false
      const shape = this.#shapeFor(envelope, factKeys, facts !== undefined)
      if (shape === undefined) return false
      const width = envelope.length + factKeys.length
      if (this.#used + width > this.#chunk.length) this.#newChunk(width, i)
      const chunk = this.#chunk
      const start = this.#used
      for (let e = 0; e < envelope.length; e++) {
        if (e === shape.factsAt) continue
        const v = (input as unknown as Record<string, unknown>)[envelope[e]!]
        if (!primitiveOk(v) || (v !== null && typeof v === 'object')) return false
        chunk[start + e] = v
      }
      const base = start + envelope.length
      for (let k = 0; k < factKeys.length; k++) {
        const v = facts![factKeys[k]!]
        // the usual values checked here (as primitiveOk checks them); a nested value is walked
        // (and checked) by the general copy
        if (typeof v === 'number' ? v - v !== 0 : typeof v !== 'boolean' && (typeof v !== 'string' || v.length > MAX_STRING_LENGTH) && !(v === undefined || v === null)) {
          if ((v !== null && typeof v === 'object') || !primitiveOk(v)) return false
        }
        chunk[base + k] = v
      }
      const slots = shape.slots
      for (let s = 0; s < slots.length; s++) {
        const k = slots[s]!
        values[s] = k < 0 ? undefined : chunk[base + k]
      }
      this.#used = start + width
      this.#chunkOf[i] = this.#chunks.length - 1
      this.#offsetOf[i] = start
      this.#shapeOf[i] = shape
      this.#factsOf[i] = i
      if (facts !== undefined) this.#seen.set(facts, i)
      return true
    } catch {
      // a getter or a proxy trap that throws: the walk reports it at its path
      return false
    }
  }

  /** {@link take} of an input whose facts object unit `first` holds already: its envelope copied, its facts the first's. */
  #takeShared(i: number, input: Assessment, envelope: readonly string[], first: number, values: unknown[]): boolean {
    const held = this.#shapeOf[first]!
    // (the facts' keys are the first's: its envelope may differ)
    const shape = sameKeys(envelope, held.envelope) ? held : this.#shapeFor(envelope, held.facts, true)
    if (shape === undefined) return false
    if (this.#used + envelope.length > this.#chunk.length) this.#newChunk(envelope.length, i)
    const chunk = this.#chunk
    const start = this.#used
    for (let e = 0; e < envelope.length; e++) {
      if (e === shape.factsAt) continue
      const v = (input as unknown as Record<string, unknown>)[envelope[e]!]
      if (!primitiveOk(v) || (v !== null && typeof v === 'object')) return false
      chunk[start + e] = v
    }
    const factsChunk = this.#chunks[this.#chunkOf[first]!]!
    const base = this.#offsetOf[first]! + held.envelope.length
    const slots = shape.slots
    for (let s = 0; s < slots.length; s++) {
      const k = slots[s]!
      values[s] = k < 0 ? undefined : factsChunk[base + k]
    }
    this.#used = start + envelope.length
    this.#chunkOf[i] = this.#chunks.length - 1
    this.#offsetOf[i] = start
    this.#shapeOf[i] = shape
    this.#factsOf[i] = first
    return true
  }

  /** Fills `values` with the lane's facts from unit `i`'s copy, as {@link take} did; false when the unit's copy is not here. */
  fill(i: number, values: unknown[]): boolean {
    const shape = this.#shapeOf[i]
    if (shape === undefined) return false
    const owner = this.#factsOf[i]!
    const chunk = this.#chunks[this.#chunkOf[owner]!]!
    const base = this.#offsetOf[owner]! + this.#shapeOf[owner]!.envelope.length
    const slots = shape.slots
    for (let s = 0; s < slots.length; s++) {
      const k = slots[s]!
      values[s] = k < 0 ? undefined : chunk[base + k]
    }
    return true
  }

  /** Unit `i`'s copy as an object (a new one on each call, but for facts several units share: the result keeps the first). */
  assessment(i: number): Assessment {
    const shape = this.#shapeOf[i]!
    const chunk = this.#chunks[this.#chunkOf[i]!]!
    const start = this.#offsetOf[i]!
    const out: Record<string, unknown> = {}
    const { envelope, factsAt } = shape
    for (let e = 0; e < envelope.length; e++) out[envelope[e]!] = e === factsAt ? this.#factsCopy(this.#factsOf[i]!) : chunk[start + e]
    return out as unknown as Assessment
  }

  /**
   * The copy of the facts unit `owner`'s record holds, built once: units that share it
   * share the copy (a unit may join the sharing after the first copy was built: a traced
   * batch copies unit by unit, and a unit the lane hands on is built at once).
   */
  #factsCopy(owner: number): Record<string, unknown> {
    const known = this.#built.get(owner)
    if (known !== undefined) return known
    const shape = this.#shapeOf[owner]!
    const chunk = this.#chunks[this.#chunkOf[owner]!]!
    const base = this.#offsetOf[owner]! + shape.envelope.length
    const keys = shape.facts
    const facts: Record<string, unknown> = shape.empty === undefined ? {} : { ...shape.empty }
    for (let k = 0; k < keys.length; k++) facts[keys[k]!] = chunk[base + k]
    this.#built.set(owner, facts)
    return facts
  }

  /** a chunk for unit `i` on: as large as the units left would fill at `width` each, up to CHUNK (a small batch allocates little) */
  #newChunk(width: number, i: number): void {
    this.#chunk = new Array<unknown>(Math.max(width, Math.min(CHUNK, width * (this.#chunkOf.length - i))))
    this.#chunks.push(this.#chunk)
    this.#used = 0
  }

  #shapeFor(envelope: readonly string[], facts: readonly string[], hasFacts: boolean): InputShape | undefined {
    for (const s of this.#shapes) if (sameKeys(s.envelope, envelope) && sameKeys(s.facts, facts) && s.factsAt >= 0 === hasFacts) return s
    for (const k of facts) if (FORBIDDEN_KEYS.has(k)) return undefined
    const at = new Map<string, number>()
    facts.forEach((k, j) => at.set(k, j))
    const slots = new Int32Array(this.#names.length)
    this.#names.forEach((name, s) => {
      slots[s] = at.get(name) ?? -1
    })
    const shape: InputShape = {
      envelope,
      factsAt: hasFacts ? envelope.indexOf('facts') : -1,
      facts,
      slots,
      empty: facts.length > BIG_OBJECT ? emptyOfShape(facts) : undefined,
    }
    if (this.#shapes.length >= MAX_SHAPES) this.#shapes.pop()
    this.#shapes.unshift(shape)
    return shape
  }
}

const NO_KEYS: readonly string[] = Object.freeze([])

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
