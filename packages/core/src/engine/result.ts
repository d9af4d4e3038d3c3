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
 * The result of evaluating one unit. Numbers are {@link Exact}; `toJSON()` gives a
 * serialisable record in which every number is its exact decimal string.
 */
export class UnitResult {
  // node values: arrays from the general path, or scaled integers in a batch buffer from
  // the integer lane (lane.ts), turned into rationals only when read
  /** @internal */
  readonly #points: readonly Exact[] | undefined
  /** @internal */
  readonly #appMax: readonly Exact[] | undefined
  /** @internal */
  readonly #na: Uint8Array | undefined
  /** @internal */
  readonly #bonus: readonly Exact[] | undefined
  /** @internal */
  readonly #deduction: readonly Exact[] | undefined
  /** @internal */
  readonly #lane: Lane | undefined
  /** @internal */
  readonly #buf: Float64Array | undefined
  /** @internal */
  readonly #off: number
  /** @internal */
  readonly #traces: readonly NodeTrace[] | undefined
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
  constructor(pack: CompiledPack, assessment: Assessment, values: NodeArrays | LaneValues, flags: readonly ResultFlag[], traces: NodeTrace[] | undefined, borrow = false, copied?: Assessment) {
    this.pack = pack
    // a private copy (unless the caller lends it, or one was made already): the stored
    // assessment and the fingerprint (computed on first read) must stay those of the inputs
    // scored
    this.assessment = copied ?? (borrow ? assessment : copyData(assessment))
    this.unitId = assessment.unitId
    this.period = assessment.period
    this.group = assessment.group ?? assessment.unit?.group ?? 'all'
    if ('lane' in values) {
      this.#lane = values.lane
      this.#buf = values.buf
      this.#off = values.offset
    } else {
      this.#points = values.points
      this.#appMax = values.appMax
      this.#na = values.na
      this.#bonus = values.bonus
      this.#deduction = values.deduction
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
    const lane = this.#lane
    if (lane) {
      if (i === 0 && this.#total) return this.#total
      return Exact.ratio(this.#buf![this.#off + i]!, lane.grid.scale)
    }
    return this.#points![i]!
  }

  /** Applicable maximum of the node at a pack index. @internal */
  applicableMaxAt(i: number): Exact {
    // the lane takes no not-applicable parts: the declared maximum applies
    return this.#lane ? this.pack.nodes[i]!.maxPoints : this.#appMax![i]!
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
    const lane = this.#lane
    if (!lane) return [this.#bonus![i]!, this.#deduction![i]!]
    const slot = lane.adjustedSlot[i]!
    if (slot < 0) return [Exact.ZERO, Exact.ZERO]
    const at = this.#off + lane.count + 2 * slot
    return [Exact.ratio(this.#buf![at]!, lane.grid.scale), Exact.ratio(this.#buf![at + 1]!, lane.grid.scale)]
  }

  /** The trace of every node, when evaluated with `{ trace: true }`. */
  get trace(): readonly NodeTrace[] | undefined {
    return this.#traces
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
    const t = this.#traces?.[i]
    return t ? { ...base, trace: t } : base
  }

  /** A serialisable record of the result (numbers as exact decimal strings). */
  toJSON(): Record<string, unknown> {
    return this.recordWith({ engineVersion: this.engineVersion, assessmentHash: this.assessmentHash, fingerprint: this.fingerprint, assessment: this.assessment })
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

/** Node values from the integer lane: scaled integers at `offset` in a batch buffer. @internal */
export interface LaneValues {
  readonly lane: Lane
  readonly buf: Float64Array
  readonly offset: number
}
