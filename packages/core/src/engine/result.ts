/**
 * The result of one unit: node values (from the interpreter or the fast lane), flags, the
 * trace, and the record `toJSON()` writes with its hashes.
 */
import type { CompiledPack, CompiledNode, LocalText } from '../model/compile.js'
import { ChisoError } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import { canonicalJson, sha256Hex } from '../util/hash.js'
import type { Assessment } from '../model/schemas.js'
import { checkLimits } from '../util/limits.js'
import { copyData } from '../model/validate.js'
import { ENGINE_VERSION } from './version.js'
import type { Lane } from './lane.js'
import type { TraceEvent } from './trace-events.js'
import type { ResultRecord } from '../time/records.js'

/** A notice about a unit's result that is not an error: worth a human look. */
export interface ResultFlag {
  readonly code: 'missing_input' | 'missing_survey' | 'missing_evidence' | 'self_score_differs' | 'explanation_given' | 'inconsistent_data'
  /** the criterion concerned */
  readonly criterion: string
  readonly message: { readonly vi: string; readonly en: string }
  /**
   * the figures concerned, as exact decimal text: `inconsistent_data` carries the ratio's
   * `numerator` and `denominator` as the rule read them
   */
  readonly values?: Readonly<Record<string, string>>
}

/** One appraisal decision on a leaf. */
export interface AppraisalStep {
  readonly round: number
  readonly reviewer: string
  readonly at: string
  readonly reason: string
  readonly from: Exact
  readonly to: Exact
}

/** How one adjustment applied to a node. */
export interface AppliedAdjustment {
  readonly id: string
  readonly type: 'deduction' | 'bonus'
  readonly title: LocalText
  /** amount before caps */
  readonly amount: Exact
  /** amount after the adjustment's own cap and the node's cap */
  readonly applied: Exact
  readonly detail: string
}

/** Everything that decided one node's points. */
export interface NodeTrace {
  readonly code: string
  /** facts the node's rule and applicability read, with their values */
  readonly facts: Readonly<Record<string, unknown>>
  /** the rule branch that fired, e.g. "≥ 90 → 2" */
  readonly branch?: string
  readonly selfScore?: Exact
  readonly computed?: Exact
  readonly survey?: Exact
  readonly evidence?: {
    readonly required: boolean
    readonly minDocuments: number
    readonly documents: readonly { readonly id: string; readonly number?: string; readonly title?: string }[]
    readonly satisfied: boolean
    readonly policyApplied: boolean
  }
  readonly explanation?: string
  /** appraisal rounds that changed this leaf, oldest first; the last one won */
  readonly appraisals: readonly AppraisalStep[]
  readonly adjustments: readonly AppliedAdjustment[]
  readonly notApplicable: boolean
  /** the sum of children (inner nodes) before adjustments and clamping */
  readonly sumOfChildren?: Exact
  /** what decided the node's points, in order: render them with `traceLines(trace, 'vi' | 'en')` */
  readonly events: readonly TraceEvent[]
  /** plain-language steps, in order: the English line of each event (`renderTraceEvent(e, 'en')`), rendered when first read */
  readonly steps: readonly string[]
}

/** Points of one node in a result. */
export interface NodeResult {
  readonly code: string
  readonly title: LocalText
  readonly depth: number
  readonly points: Exact
  readonly maxPoints: Exact
  /** the maximum that applies to this unit (not-applicable parts removed) */
  readonly applicableMax: Exact
  /** points ÷ applicable max × 100; null when nothing applies */
  readonly index: Exact | null
  readonly notApplicable: boolean
  readonly bonus: Exact
  readonly deduction: Exact
  readonly trace?: NodeTrace
}

/** Options for {@link evaluate}. */
/** the empty list traces share (frozen: a trace is read-only) */
export const NONE: readonly never[] = Object.freeze([])

/**
 * The traces of a result made when first read (a batch's units the lane scored: a batch
 * keeps a trace per node per unit, and few are ever read). `offset`: the result's place in
 * the batch's buffer. @internal
 */
export interface DeferredTraces {
  traceOf(offset: number, result: UnitResult): NodeTrace[]
}

function isTraceList(t: readonly NodeTrace[] | DeferredTraces): t is readonly NodeTrace[] {
  return Array.isArray(t)
}

/**
 * The result of evaluating one unit. Numbers are {@link Exact}; `toJSON()` gives a
 * serialisable record in which every number is its exact decimal string.
 */
export class UnitResult {
  // node values, turned into rationals only when read: scaled integers in a batch buffer
  // from the integer lane (lane.ts), or numerator/denominator pairs in a buffer of the
  // result's own from the interpreter (see {@link interpreterValues}); rationals only for
  // an interpreter result with a value too long for a double
  /** @internal */
  readonly #exact: NodeArrays | undefined
  /** @internal */
  readonly #na: Uint8Array | undefined
  /** @internal */
  readonly #lane: Lane | undefined
  /** @internal */
  readonly #buf: Float64Array | undefined
  /** @internal */
  readonly #off: number
  /** where the applicable maxima start in an interpreter buffer; 0: the declared maxima apply */
  readonly #appOff: number
  /** where the adjustments start in an interpreter buffer; -1: none */
  readonly #adjOff: number
  /** @internal */
  #traces: readonly NodeTrace[] | DeferredTraces | undefined
  #fingerprint: string | undefined
  #assessmentHash: string | undefined
  #total: Exact | undefined
  #index: Exact | undefined

  readonly pack: CompiledPack
  readonly assessment: Assessment
  readonly unitId: string
  readonly period: string
  /** the ranking group the unit competes in ("all" when none is given) */
  readonly group: string
  readonly engineVersion: string = ENGINE_VERSION
  readonly flags: readonly ResultFlag[]

  /** @internal */
  constructor(
    pack: CompiledPack,
    assessment: Assessment,
    values: NodeArrays | LaneValues | PackedValues,
    flags: readonly ResultFlag[],
    traces: NodeTrace[] | DeferredTraces | undefined,
    borrow = false,
    copied?: Assessment,
  ) {
    this.pack = pack
    // a private copy (unless the caller lends it, or one was made already): the stored
    // assessment and the fingerprint (computed on first read) must stay those of the inputs
    // scored
    this.assessment = copied ?? (borrow ? assessment : copyData(assessment))
    this.unitId = assessment.unitId
    this.period = assessment.period
    this.group = assessment.group ?? assessment.unit?.group ?? 'all'
    this.#appOff = 0
    this.#adjOff = -1
    if ('lane' in values) {
      this.#lane = values.lane
      this.#buf = values.buf
      this.#off = values.offset
    } else if ('packed' in values) {
      this.#buf = values.packed
      this.#na = values.na
      this.#off = 0
      this.#appOff = values.appOff
      this.#adjOff = values.adjOff
    } else {
      this.#exact = values
      this.#na = values.na
      this.#off = 0
    }
    this.#traces = traces
    this.flags = flags
  }

  /** the whole index's points */
  get total(): Exact {
    this.#total ??= this.pointsAt(0)
    return this.#total
  }

  /** the maximum that applies to this unit */
  get applicableMax(): Exact {
    return this.applicableMaxAt(0)
  }

  /** the index as the pack defines it (default points ÷ applicable max × 100), rounded only if the pack says */
  get index(): Exact {
    this.#index ??= rootIndex(this.pack, this.total, this.applicableMax)
    return this.#index
  }

  /** Result of one node by code (`"total"` for the root), or undefined if no such code. */
  node(code: string): NodeResult | undefined {
    const n = this.pack.node(code)
    return n ? this.#view(n) : undefined
  }

  /** Every node, in pack order (pre-order, the root first). */
  get nodes(): NodeResult[] {
    return this.pack.nodes.map((n) => this.#view(n))
  }

  /** The top-level areas (lĩnh vực) with their points and component indexes. */
  get components(): NodeResult[] {
    return this.pack.areas.map((i) => this.#view(this.pack.nodes[i]!))
  }

  /** Exact points of the node at a pack index (fast path for ranking). @internal */
  pointsAt(i: number): Exact {
    const exact = this.#exact
    if (exact) return exact.points[i]!
    if (i === 0 && this.#total) return this.#total
    const lane = this.#lane
    if (lane) return Exact.ratio(this.#buf![this.#off + i]!, lane.grid.scale)
    return valueAt(this.#buf!, i)
  }

  /** Applicable maximum of the node at a pack index. @internal */
  applicableMaxAt(i: number): Exact {
    const exact = this.#exact
    if (exact) return exact.appMax[i]!
    // the lane takes no not-applicable parts, nor does a unit without an applicable-max
    // block: the declared maximum applies
    const at = this.#appOff
    return at === 0 ? this.pack.nodes[i]!.maxPoints : valueAt(this.#buf!, at + i)
  }

  /** Component index of the node at a pack index (null when nothing applies). @internal */
  indexAt(i: number): Exact | null {
    return nodeIndex(this.pack, this.pointsAt(i), this.applicableMaxAt(i))
  }

  /** The lane that scored this result, if any. @internal */
  laneOf(): Lane | undefined {
    return this.#lane
  }

  /** The lane's scaled integer points at a pack index (lane results only). @internal */
  scaledAt(i: number): number {
    return this.#buf![this.#off + i]!
  }

  /** bonus and deduction of the node at a pack index */
  #adjustmentsAt(i: number): [Exact, Exact] {
    const exact = this.#exact
    if (exact) return [exact.bonus[i]!, exact.deduction[i]!]
    const lane = this.#lane
    if (!lane) {
      const at = this.#adjOff
      const slot = at < 0 ? -1 : adjustableSlots(this.pack).slot[i]!
      if (slot < 0) return [Exact.ZERO, Exact.ZERO]
      return [exactAt(this.#buf!, at + 4 * slot), exactAt(this.#buf!, at + 4 * slot + 2)]
    }
    const slot = lane.adjustedSlot[i]!
    if (slot < 0) return [Exact.ZERO, Exact.ZERO]
    const at = this.#off + lane.count + 2 * slot
    return [Exact.ratio(this.#buf![at]!, lane.grid.scale), Exact.ratio(this.#buf![at + 1]!, lane.grid.scale)]
  }

  /** The trace of every node, when evaluated with `{ trace: true }`. */
  get trace(): readonly NodeTrace[] | undefined {
    const t = this.#traces
    if (t === undefined || isTraceList(t)) return t
    const made = t.traceOf(this.#off, this)
    this.#traces = made
    return made
  }

  /** sha256 of the canonical assessment. */
  get assessmentHash(): string {
    this.#assessmentHash ??= sha256Hex(canonicalAssessment(this.assessment))
    return this.#assessmentHash
  }

  /**
   * sha256 over canonical JSON of (pack content hash, canonical assessment, engine
   * version): equal inputs give an equal fingerprint, any change gives another.
   */
  get fingerprint(): string {
    this.#fingerprint ??= fingerprintOf(this.pack.contentHash, this.assessment)
    return this.#fingerprint
  }

  #view(n: CompiledNode): NodeResult {
    const i = n.index
    const points = this.pointsAt(i)
    const applicableMax = this.applicableMaxAt(i)
    const [bonus, deduction] = this.#adjustmentsAt(i)
    const base = {
      code: n.code,
      title: n.title,
      depth: n.depth,
      points,
      maxPoints: n.maxPoints,
      applicableMax,
      index: i === 0 ? this.index : nodeIndex(this.pack, points, applicableMax),
      notApplicable: this.#na !== undefined && this.#na[i] === 1,
      bonus,
      deduction,
    }
    const t = this.trace?.[i]
    return t ? { ...base, trace: t } : base
  }

  /** A serialisable record of the result (numbers as exact decimal strings): what `recalculate` reads back. */
  toJSON(): ResultRecord {
    return this.recordWith({ engineVersion: this.engineVersion, assessmentHash: this.assessmentHash, fingerprint: this.fingerprint, assessment: this.assessment }) as ResultRecord
  }

  /**
   * The record `toJSON()` writes, with its stamp (engine version, hashes, assessment) given:
   * recalculation passes a stored record's own, checked separately, so that every other
   * field is compared with what this result writes. @internal
   */
  recordWith(stamp: RecordStamp): Record<string, unknown> {
    return {
      kind: 'chiso.unit-result',
      unitId: this.unitId,
      period: this.period,
      group: this.group,
      pack: { id: this.pack.id, version: this.pack.version, contentHash: this.pack.contentHash },
      engineVersion: stamp.engineVersion,
      assessmentHash: stamp.assessmentHash,
      fingerprint: stamp.fingerprint,
      total: this.total.toString(),
      applicableMax: this.applicableMax.toString(),
      index: this.index.toString(),
      nodes: this.nodes.map((n) => {
        const o: Record<string, unknown> = {
          code: n.code,
          points: n.points.toString(),
          maxPoints: n.maxPoints.toString(),
          applicableMax: n.applicableMax.toString(),
          index: n.index === null ? null : n.index.toString(),
          notApplicable: n.notApplicable,
        }
        if (!n.bonus.isZero()) o.bonus = n.bonus.toString()
        if (!n.deduction.isZero()) o.deduction = n.deduction.toString()
        return o
      }),
      flags: this.flags,
      assessment: stamp.assessment,
    }
  }
}

/** The fields of a record that stamp its inputs rather than follow from scoring. @internal */
export interface RecordStamp {
  readonly engineVersion: string
  readonly assessmentHash: string
  readonly fingerprint: string
  readonly assessment: unknown
}

/** @internal */
export function fingerprintOf(packHash: string, assessment: unknown, engineVersion: string = ENGINE_VERSION): string {
  return fingerprintOfCanonical(packHash, canonicalAssessment(assessment), engineVersion)
}

/** The fingerprint from an assessment's canonical JSON (made once, hashed twice by recalculation). @internal */
export function fingerprintOfCanonical(packHash: string, canonical: string, engineVersion: string): string {
  return sha256Hex(`{"assessment":${canonical},"engine":${JSON.stringify(engineVersion)},"pack":${JSON.stringify(packHash)}}`)
}

/**
 * Canonical JSON of an assessment. A borrowed assessment may hold, in facts no rule reads,
 * a value JSON cannot carry (NaN, Infinity): that is reported here as the typed error it
 * would have been had the whole input been checked. @internal
 */
export function canonicalAssessment(assessment: unknown): string {
  try {
    return canonicalJson(assessment)
  } catch (e) {
    const issues = checkLimits(assessment)
    if (issues.length > 0) throw new ChisoError(issues, 'assessment')
    throw e
  }
}

/**
 * A node's (component) index: the pack's index formula, scale and rounding applied to the
 * node's points and applicable maximum, as for the whole index; null when nothing applies.
 */
function nodeIndex(pack: CompiledPack, points: Exact, appMax: Exact): Exact | null {
  return appMax.isZero() ? null : rootIndex(pack, points, appMax)
}

/** The whole index from root points, as the pack defines it. @internal */
export function rootIndex(pack: CompiledPack, points: Exact, appMax: Exact): Exact {
  let raw: Exact
  if (pack.indexFormula.kind === 'points') raw = points
  else raw = appMax.isZero() ? Exact.ZERO : points.div(appMax).mul(pack.indexFormula.scale)
  const r = pack.rounding.index
  return r ? raw.round(r.decimals, r.mode) : raw
}

/** Node values from the general path. @internal */
export interface NodeArrays {
  readonly points: readonly Exact[]
  readonly appMax: readonly Exact[]
  readonly na: Uint8Array
  readonly bonus: readonly Exact[]
  readonly deduction: readonly Exact[]
}

/**
 * Node values from the interpreter, packed: each node's points from 0, the applicable
 * maxima from `appOff` (0 when they are the declared ones), one double per value (see
 * `valueAt`), then the numerator/denominator pairs of values that are no whole number of
 * hundredths; from `adjOff` (-1: none adjusted), for each node that has adjustments in the
 * pack's order of such nodes, bonus and deduction as numerator then denominator. @internal
 */
export interface PackedValues {
  readonly packed: Float64Array
  readonly na: Uint8Array
  readonly appOff: number
  readonly adjOff: number
}

/** the fields of a safe-integer {@link Exact} (NaN for one held in bigints), read without the bigint copies `parts()` makes */

/**
 * The node value at `j` of a packed buffer: a whole number of hundredths (most criteria's
 * points), or, for any other value, the position of its numerator/denominator pair plus ½.
 */
function valueAt(buf: Float64Array, j: number): Exact {
  const v = buf[j]!
  return Number.isInteger(v) ? Exact.ratio(v, 100) : exactAt(buf, v - 0.5)
}

/** hundredths of a safe-integer value whose denominator divides 100, else NaN */
function hundredthsOf(x: Exact): number {
  return hundredthsOfParts(x.smallNumerator, x.smallDenominator)
}

/** hundredths of n/d (reduced, d > 0) when both are safe integers and d divides 100, else NaN */
function hundredthsOfParts(n: number, d: number): number {
  // d ≤ 100 first: the remainder is then an integer one, not a floating-point library call
  if (!(d >= 1 && d <= 100) || 100 % (d | 0) !== 0 || !Number.isSafeInteger(n) || !Number.isInteger(d)) return Number.NaN
  const h = n * (100 / d)
  return Number.isSafeInteger(h) ? h : Number.NaN
}

/** {@link interpreterValues}' hundredths of each node, reused call after call (scoring is synchronous) */
let hundredthsScratch = new Float64Array(0)

/** whether x's parts are safe integers */
function isSmall(x: Exact): boolean {
  return Number.isSafeInteger(x.smallNumerator) && Number.isSafeInteger(x.smallDenominator)
}

/** The value at `j` of a packed buffer: the numerator at j, the (reduced, positive) denominator at j + 1. */
function exactAt(buf: Float64Array, j: number): Exact {
  return Exact.ratio(buf[j]!, buf[j + 1]!)
}

/** puts x at j of a packed buffer; false when x is too long for safe integers */
function put(buf: Float64Array, j: number, x: Exact): boolean {
  buf[j] = x.smallNumerator
  buf[j + 1] = x.smallDenominator
  return Number.isSafeInteger(x.smallNumerator) && Number.isSafeInteger(x.smallDenominator)
}

interface AdjustableSlots {
  /** per node, its position among the nodes with adjustments; -1 for a node without */
  readonly slot: Int32Array
  readonly count: number
}
const slotsByPack = new WeakMap<CompiledPack, AdjustableSlots>()

function adjustableSlots(pack: CompiledPack): AdjustableSlots {
  let s = slotsByPack.get(pack)
  if (!s) {
    const slot = new Int32Array(pack.nodes.length).fill(-1)
    let count = 0
    for (const n of pack.nodes) if (n.adjustments.length > 0) slot[n.index] = count++
    s = { slot, count }
    slotsByPack.set(pack, s)
  }
  return s
}

/**
 * The interpreter's node values as a result keeps them: packed into doubles (two per value,
 * so a result holds one buffer instead of an object per node), or as rationals when one of
 * them is too long for that. Each node's points are given as parts, `num[i]`/`den[i]` (a
 * reduced fraction; NaN parts for a value too long, then `exact[i]` holds it), with
 * `exact[i]` the same value as a rational where one was made; the arrays are the caller's
 * to reuse. `appMax`: undefined when the declared maxima apply; `adjusted`: the nodes with a
 * bonus or deduction, their values in `adjustments` (bonus, deduction per node). @internal
 */
export function interpreterValues(
  pack: CompiledPack,
  num: Float64Array,
  den: Float64Array,
  exact: readonly (Exact | undefined)[],
  appMax: readonly Exact[] | undefined,
  na: Uint8Array,
  adjusted: readonly number[] | undefined,
  adjustments: readonly Exact[] | undefined,
): PackedValues | NodeArrays {
  const count = num.length
  const slots = adjusted ? adjustableSlots(pack) : undefined
  const values = appMax ? 2 * count : count
  // values that are no whole number of hundredths take a pair each after the node values
  let pairs = 0
  let small = true
  // each node's hundredths (NaN: a pair), worked out once for both passes
  if (hundredthsScratch.length < count) hundredthsScratch = new Float64Array(count)
  const hundredths = hundredthsScratch
  for (let i = 0; i < count; i++) {
    const h = hundredthsOfParts(num[i]!, den[i]!)
    hundredths[i] = h
    if (Number.isNaN(h)) {
      pairs++
      small = Number.isSafeInteger(num[i]!) && Number.isSafeInteger(den[i]!) && small
    }
  }
  for (let i = count; i < values; i++) {
    const x = appMax![i - count]!
    if (Number.isNaN(hundredthsOf(x))) {
      pairs++
      small = isSmall(x) && small
    }
  }
  if (small) {
    const appOff = appMax ? count : 0
    const adjOff = slots ? values + 2 * pairs : -1
    const packed = new Float64Array(adjOff >= 0 ? adjOff + 4 * slots!.count : values + 2 * pairs)
    let pair = values
    for (let i = 0; i < count; i++) {
      const h = hundredths[i]!
      if (Number.isNaN(h)) {
        packed[pair] = num[i]!
        packed[pair + 1] = den[i]!
        packed[i] = pair + 0.5
        pair += 2
      } else packed[i] = h
    }
    for (let i = count; i < values; i++) {
      const x = appMax![i - count]!
      const h = hundredthsOf(x)
      if (Number.isNaN(h)) {
        put(packed, pair, x)
        packed[i] = pair + 0.5
        pair += 2
      } else packed[i] = h
    }
    if (slots) {
      // nodes with adjustments but none applied read zero: 0/1
      for (let s = 0; s < slots.count; s++) {
        packed[adjOff + 4 * s + 1] = 1
        packed[adjOff + 4 * s + 3] = 1
      }
      for (let k = 0; k < adjusted!.length; k++) {
        const at = adjOff + 4 * slots.slot[adjusted![k]!]!
        small = put(packed, at, adjustments![2 * k]!) && small
        small = put(packed, at + 2, adjustments![2 * k + 1]!) && small
      }
    }
    if (small) return { packed, na, appOff, adjOff }
  }
  const points = new Array<Exact>(count)
  for (let i = 0; i < count; i++) points[i] = exact[i] ?? Exact.ratio(num[i]!, den[i]!)
  const bonus = new Array<Exact>(count).fill(Exact.ZERO)
  const deduction = new Array<Exact>(count).fill(Exact.ZERO)
  if (adjusted) {
    for (let k = 0; k < adjusted.length; k++) {
      bonus[adjusted[k]!] = adjustments![2 * k]!
      deduction[adjusted[k]!] = adjustments![2 * k + 1]!
    }
  }
  return { points, appMax: appMax ?? pack.nodes.map((n) => n.maxPoints), na, bonus, deduction }
}

/** Node values from the integer lane: scaled integers at `offset` in a batch buffer. @internal */
export interface LaneValues {
  readonly lane: Lane
  readonly buf: Float64Array
  readonly offset: number
}
