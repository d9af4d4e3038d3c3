/**
 * evaluate: scores one unit's assessment under a compiled pack, exactly, with an optional
 * trace of every decision.
 */
import { ROOT_CODE, type CompiledPack, type CompiledNode, type LocalText } from './compile.js'
import type { Facts } from './conditions.js'
import { ChisoError, issue, neverThrows, type ChisoIssue, type IssuePath, type SafeResult } from './errors.js'
import { Exact } from './exact.js'
import { canonicalJson, sha256Hex } from './hash.js'
import { ratioBranch, type RuleOutcome } from './rules.js'
import type { Assessment } from './schemas.js'
import { parseAssessmentInput } from './assessment-input.js'
import { checkLimits, preview } from './limits.js'
import { copyData } from './validate.js'
import { ENGINE_VERSION } from './version.js'
import { leafForm, slotCount, slotOutcome, takenSlot, type Lane, type LaneScratch } from './lane.js'

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
  /** plain-language steps, in order */
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
export interface EvaluateOptions {
  /** record a trace for every node (off by default; costs nothing when off) */
  readonly trace?: boolean
  /**
   * `'copy'` (default): the result keeps its own deep copy of the assessment, so editing the
   * input afterwards changes nothing in the result. `'borrow'`: the result keeps the
   * caller's object — no copy, much less memory and time on national batches — and the
   * caller promises not to change an assessment while its result is in use.
   */
  readonly inputs?: 'copy' | 'borrow'
}

const own = Object.prototype.hasOwnProperty
/** the empty list traces share (frozen: a trace is read-only) */
const NONE: readonly never[] = Object.freeze([])

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

function checkScore(node: CompiledNode, raw: number | string, path: IssuePath, issues: ChisoIssue[]): Exact | undefined {
  const v = Exact.tryFrom(raw)
  if (v === undefined) {
    issues.push(issue('invalid_decimal', path, { value: raw }, raw))
    return undefined
  }
  const before = issues.length
  if (v.isNegative()) issues.push(issue('score_negative', path, { code: node.code, value: v.toString() }, raw))
  else if (v.gt(node.maxPoints)) issues.push(issue('score_above_max', path, { code: node.code, value: v.toString(), max: node.maxPoints.toString() }, raw))
  else {
    const p = node.rule?.checkEntered?.(v)
    if (p) issues.push(issue(p.code, path, { code: node.code, value: v.toString(), ...p.params }, raw))
  }
  return issues.length === before ? v : undefined
}

function lookupLeaf(pack: CompiledPack, code: string, path: IssuePath, issues: ChisoIssue[]): CompiledNode | undefined {
  const n = code === ROOT_CODE ? undefined : pack.node(code)
  if (!n) {
    issues.push(issue('unknown_criterion', path, { code, pack: `${pack.id}@${pack.version}` }, code))
    return undefined
  }
  if (!n.isLeaf) {
    issues.push(issue('not_a_leaf', path, { code }, code))
    return undefined
  }
  return n
}

/** Checks an assessment against a compiled pack; returns every problem. @internal */
export function checkAssessment(pack: CompiledPack, a: Assessment, base: IssuePath = [], withFacts = true): ChisoIssue[] {
  const issues: ChisoIssue[] = []
  for (const [code, raw] of Object.entries(a.selfScores ?? {})) {
    const path = [...base, 'selfScores', code]
    const n = lookupLeaf(pack, code, path, issues)
    if (!n) continue
    if (n.source === 'survey') {
      issues.push(issue('self_score_on_survey', path, { code }, raw))
      continue
    }
    checkScore(n, raw, path, issues)
  }
  const rounds = new Set<number>()
  ;(a.appraisals ?? []).forEach((r, ri) => {
    if (rounds.has(r.round)) issues.push(issue('duplicate_round', [...base, 'appraisals', ri, 'round'], { round: r.round }, r.round))
    rounds.add(r.round)
    r.changes.forEach((c, ci) => {
      const path = [...base, 'appraisals', ri, 'changes', ci]
      const n = lookupLeaf(pack, c.code, [...path, 'code'], issues)
      if (!n) return
      if (n.source === 'survey') {
        issues.push(issue('appraisal_on_survey', [...path, 'code'], { code: c.code }, c.code))
        return
      }
      checkScore(n, c.points, [...path, 'points'], issues)
    })
  })
  for (const [code, input] of Object.entries(a.survey ?? {})) {
    const path = [...base, 'survey', code]
    const n = lookupLeaf(pack, code, path, issues)
    if (!n) continue
    if (n.source !== 'survey') {
      issues.push(issue('survey_on_non_survey', path, { code }))
      continue
    }
    if ('points' in input) checkScore(n, input.points, [...path, 'points'], issues)
    for (const answer of n.rule?.checkSurvey?.(input) ?? []) {
      issues.push(
        issue(
          'invalid_value',
          [...path, 'answers', answer],
          {
            value: answer,
            detail: `the survey rule of "${code}" has no weight for this answer / quy tắc điều tra của "${code}" không có trọng số cho phương án này`,
          },
          answer,
        ),
      )
    }
  }
  a.evidence?.forEach((e, ei) => {
    e.criteria.forEach((code, ci) => {
      if (code === ROOT_CODE || !pack.node(code)) issues.push(issue('unknown_evidence_criterion', [...base, 'evidence', ei, 'criteria', ci], { id: e.id, code }, code))
    })
  })
  for (const code of Object.keys(a.explanations ?? {})) {
    if (code === ROOT_CODE || !pack.node(code)) issues.push(issue('unknown_criterion', [...base, 'explanations', code], { code, pack: `${pack.id}@${pack.version}` }, code))
  }
  for (const [id, raw] of Object.entries(a.adjustments ?? {})) {
    const path = [...base, 'adjustments', id]
    const adj = pack.adjustments.find((x) => x.id === id)
    if (!adj) {
      issues.push(issue('unknown_adjustment', path, { id }, id))
      continue
    }
    if (!adj.entered) {
      issues.push(issue('adjustment_not_entered', path, { id }, raw))
      continue
    }
    const v = Exact.tryFrom(raw)
    if (v === undefined) issues.push(issue('invalid_decimal', path, { value: raw }, raw))
    else if (v.isNegative()) issues.push(issue('score_negative', path, { code: id, value: v.toString() }, raw))
    else if (adj.cap && v.gt(adj.cap)) issues.push(issue('adjustment_above_cap', path, { id, value: v.toString(), cap: adj.cap.toString() }, raw))
  }
  if (withFacts) {
    const facts = a.facts ?? {}
    // in the order scoring meets them (score): each node's rule, then its adjustments, children
    // before parents — so a batch reports a unit's problems in the order evaluate does
    for (const i of pack.postOrder) {
      const n = pack.nodes[i]!
      n.rule?.checkFacts?.(facts, [...base, 'facts'], issues)
      for (const ai of n.adjustments) pack.adjustments[ai]!.checkFacts?.(facts, [...base, 'facts'], issues)
    }
  }
  return dedupeIssues(issues)
}

/** Drops repeats of the same problem at the same path (a fact read by several leaves). @internal */
export function dedupeIssues(issues: ChisoIssue[]): ChisoIssue[] {
  if (issues.length < 2) return issues
  const seen = new Set<string>()
  return issues.filter((i) => {
    const key = `${i.code}\u0000${i.path.join('\u0001')}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Validates an assessment against a pack and scores it. Returns the result or every
 * problem found.
 *
 * @example
 * ```ts
 * import { compilePack, safeEvaluate } from '@chiso/core'
 * const r = safeEvaluate(pack, { unitId: 'x1', period: '2024', selfScores: { '1.1': 99 } })
 * if (!r.ok) console.log(r.issues[0]?.code) // 'score_above_max'
 * ```
 */
export function safeEvaluate(pack: CompiledPack, input: unknown, options: EvaluateOptions = {}): SafeResult<UnitResult> {
  return neverThrows(() => {
    const parsed = parseAssessmentInput(input)
    if (!parsed.data) return { ok: false, issues: parsed.issues }
    return evaluateParsed(pack, parsed.data, options)
  })
}

/** {@link safeEvaluate} of an assessment already parsed by `parseAssessmentInput`; never throws either. @internal */
export function evaluateParsed(pack: CompiledPack, a: Assessment, options: EvaluateOptions = {}): SafeResult<UnitResult> {
  return neverThrows(() => {
    // facts are checked while scoring, where a rule finds them unusable; when other problems
    // are found first, the full check runs so that every problem is reported at once
    if (checkAssessment(pack, a, [], false).length > 0) return { ok: false, issues: checkAssessment(pack, a) }
    const factIssues: ChisoIssue[] = []
    const result = score(pack, a, options.trace === true, factIssues, [], options.inputs === 'borrow')
    if (factIssues.length > 0) return { ok: false, issues: dedupeIssues(factIssues) }
    return { ok: true, value: result }
  })
}

/**
 * Scores one unit. Throws a {@link ChisoError} listing every problem when the assessment
 * is invalid for the pack.
 *
 * @example
 * ```ts
 * import { compilePack, evaluate } from '@chiso/core'
 * const result = evaluate(pack, assessment, { trace: true })
 * result.total.toString()          // '85.34'
 * result.node('1.2')?.trace?.steps // ['rule steps: fact completionRate = 92 → ≥ 90 → 2', …]
 * ```
 */
export function evaluate(pack: CompiledPack, assessment: unknown, options: EvaluateOptions = {}): UnitResult {
  const r = safeEvaluate(pack, assessment, options)
  if (!r.ok) throw new ChisoError(r.issues, 'assessment')
  return r.value
}

function flag(code: ResultFlag['code'], criterion: string, vi: string, en: string): ResultFlag {
  return { code, criterion, message: { vi, en } }
}

/**
 * A criterion's code as a flag's message quotes it: cut to 40 characters when long, so a
 * message (kept in the record) stays within the string limit that recalculation checks.
 */
function quoted(code: string): string {
  return `"${preview(code)}"`
}

interface AppraisalIndex {
  final: Map<string, { to: Exact; round: number }>
  history: Map<string, { round: number; reviewer: string; at: string; reason: string; to: Exact }[]>
}

function indexAppraisals(a: Assessment, wantHistory: boolean): AppraisalIndex | undefined {
  const rounds = a.appraisals
  if (!rounds || rounds.length === 0) return undefined
  const ordered = [...rounds].sort((x, y) => x.round - y.round)
  const final = new Map<string, { to: Exact; round: number }>()
  const history = new Map<string, { round: number; reviewer: string; at: string; reason: string; to: Exact }[]>()
  for (const r of ordered) {
    for (const c of r.changes) {
      const to = Exact.from(c.points)
      final.set(c.code, { to, round: r.round })
      if (wantHistory) {
        let h = history.get(c.code)
        if (!h) history.set(c.code, (h = []))
        h.push({ round: r.round, reviewer: r.reviewer, at: r.at, reason: c.reason, to })
      }
    }
  }
  return { final, history }
}

/** Scores a validated assessment. @internal */
export function score(pack: CompiledPack, a: Assessment, trace: boolean, factIssues?: ChisoIssue[], base: IssuePath = [], borrow = false): UnitResult {
  const nodes = pack.nodes
  const count = nodes.length
  const shared = sharedArrays(pack)
  const points: Exact[] = new Array<Exact>(count)
  // arrays most units never need are shared read-only ones until a unit needs its own
  let appMax: Exact[] = shared.maxima
  let bonus: Exact[] = shared.zeros
  let deduction: Exact[] = shared.zeros
  let na: Uint8Array = shared.noneNotApplicable
  const flags: ResultFlag[] = []
  const traces: NodeTrace[] | undefined = trace ? new Array<NodeTrace>(count) : undefined

  let facts: Facts = a.facts ?? {}
  // the unit's own record is the fact `unit`: joined to the facts only for packs that read it
  // (a copy of every fact per unit otherwise, for nothing)
  if (a.unit && readsUnit(pack) && !own.call(facts, 'unit')) {
    facts = { ...facts, unit: { ...a.unit, attributes: a.unit.attributes ?? {} } }
  }
  // most batch inputs carry no self scores or survey (facts decide): skip those lookups then
  const self = a.selfScores !== undefined && Object.keys(a.selfScores).length > 0 ? a.selfScores : undefined
  const survey = a.survey ?? {}
  const appraisals = indexAppraisals(a, trace)

  let anyNotApplicable = false
  if (pack.usesConditions) {
    for (let i = 1; i < count; i++) {
      const n = nodes[i]!
      if (na[n.parent] === 1 || (n.applicability !== undefined && !n.applicability.test(facts))) {
        if (!anyNotApplicable) {
          na = new Uint8Array(count)
          appMax = [...shared.maxima]
          anyNotApplicable = true
        }
        na[i] = 1
      }
    }
  }

  let evidenceCount: Map<string, { id: string; number?: string; title?: string }[]> | undefined
  if (pack.usesEvidence || trace) {
    evidenceCount = new Map()
    for (const e of a.evidence ?? []) {
      const doc: { id: string; number?: string; title?: string } = { id: e.id }
      if (e.number !== undefined) doc.number = e.number
      if (e.title !== undefined) doc.title = e.title
      for (const code of e.criteria) {
        let l = evidenceCount.get(code)
        if (!l) evidenceCount.set(code, (l = []))
        // a document counts once per criterion, however often it is listed
        if (!l.some((d) => d.id === doc.id)) l.push(doc)
      }
    }
  }

  const leafRounding = pack.rounding.leaf
  const postOrder = pack.postOrder

  for (let k = 0; k < postOrder.length; k++) {
    const i = postOrder[k]!
    const n = nodes[i]!
    const steps: string[] | undefined = trace ? [] : undefined
    let branch: string | undefined
    let selfScore: Exact | undefined
    let computedPts: Exact | undefined
    let surveyPts: Exact | undefined
    let evidenceTrace: NodeTrace['evidence']
    let appraisalSteps: AppraisalStep[] | undefined
    let sumOfChildren: Exact | undefined
    let explanation: string | undefined

    if (na[i] === 1) {
      if (factIssues && n.rule?.checkFacts) n.rule.checkFacts(facts, [...base, 'facts'], factIssues)
      // a fact an adjustment here reads is checked as a leaf's is, applicable or not
      if (factIssues) for (const ai of n.adjustments) pack.adjustments[ai]!.checkFacts?.(facts, [...base, 'facts'], factIssues)
      points[i] = Exact.ZERO
      appMax[i] = Exact.ZERO
      if (traces) {
        steps!.push('not applicable to this unit: removed from the applicable maximum / không áp dụng: loại khỏi điểm tối đa áp dụng')
        traces[i] = { code: n.code, facts: readFacts(facts, n), appraisals: NONE, adjustments: NONE, notApplicable: true, steps: steps! }
      }
      continue
    }

    let p: Exact
    let max: Exact
    if (n.isLeaf) {
      max = n.maxPoints
      const code = n.code
      const rule = n.rule!
      if (n.source === 'survey') {
        const input = own.call(survey, code) ? survey[code] : undefined
        if (input) {
          const out = rule.fromSurvey!(input)
          p = out.points
          branch = out.branch
          surveyPts = p
          steps?.push(`survey / điều tra XHH: ${out.branch} → ${p}`)
        } else {
          p = Exact.ZERO
          flags.push(flag('missing_survey', code, `Chưa có kết quả điều tra cho ${quoted(code)}: tính 0 điểm`, `No survey result for ${quoted(code)}: scored 0`))
          steps?.push('no survey result → 0 / chưa có kết quả điều tra → 0')
        }
      } else {
        const out: RuleOutcome | undefined = rule.compute?.(facts, trace)
        // a rule that could not use its facts: absent (fine) or unusable (an input problem)
        if (out === undefined && factIssues && rule.checkFacts) rule.checkFacts(facts, [...base, 'facts'], factIssues)
        const rawSelf = self !== undefined && own.call(self, code) ? self[code] : undefined
        if (rawSelf !== undefined) selfScore = Exact.from(rawSelf)
        if (out) {
          p = out.points
          branch = out.branch
          computedPts = p
          steps?.push(ruleStep(n, out.branch))
          if (out.inconsistent) {
            flags.push({ code: 'inconsistent_data', criterion: code, message: out.inconsistent.message, values: out.inconsistent.values })
            steps?.push(
              `inconsistent data, flagged / dữ liệu không nhất quán, gắn cờ: ${Object.entries(out.inconsistent.values)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
            )
          }
          if (selfScore !== undefined && !selfScore.eq(p)) {
            flags.push(
              flag(
                'self_score_differs',
                code,
                `${quoted(code)}: tự chấm ${selfScore}, dữ kiện cho ${p}; dùng điểm tính từ dữ kiện`,
                `${quoted(code)}: self score ${selfScore}, the facts give ${p}; the facts win`,
              ),
            )
            steps?.push(`self score ${selfScore} differs; computed points are used`)
          }
        } else if (selfScore !== undefined) {
          p = selfScore
          steps?.push(`self score / điểm tự chấm: ${selfScore}`)
        } else {
          p = Exact.ZERO
          flags.push(flag('missing_input', code, `${quoted(code)} chưa có điểm tự chấm hay dữ kiện: tính 0 điểm`, `${quoted(code)} has no self score or facts: scored 0`))
          steps?.push('no self score or facts → 0 / không có điểm tự chấm hay dữ kiện → 0')
        }
        // evidence (tài liệu kiểm chứng)
        if (n.evidence || traces) {
          const docs = evidenceCount?.get(code) ?? []
          const required = n.evidence?.required === true
          const min = n.evidence?.minDocuments ?? 1
          const satisfied = !required || docs.length >= min
          let policyApplied = false
          if (!satisfied) {
            explanation = a.explanations && own.call(a.explanations, code) ? a.explanations[code] : undefined
            flags.push(flag('missing_evidence', code, `${quoted(code)} thiếu tài liệu kiểm chứng (${docs.length}/${min})`, `${quoted(code)} lacks evidence (${docs.length}/${min})`))
            if (pack.evidencePolicy === 'zero' && !p.isZero()) {
              policyApplied = true
              steps?.push(`missing evidence (${docs.length}/${min}): policy "zero" → 0 / thiếu tài liệu kiểm chứng → 0`)
              p = Exact.ZERO
            } else {
              steps?.push(`missing evidence (${docs.length}/${min}): flagged / thiếu tài liệu kiểm chứng: gắn cờ`)
            }
            if (explanation !== undefined) steps?.push(`explanation / giải trình: ${explanation}`)
          }
          if (traces && (required || docs.length > 0)) evidenceTrace = { required, minDocuments: min, documents: docs, satisfied, policyApplied }
        }
        // appraisal: the latest round wins
        const ap = appraisals?.final.get(code)
        if (ap) {
          if (traces) appraisalSteps = appraisalTrail(appraisals!.history.get(code) ?? [], p, steps!)
          p = ap.to
        }
      }
      if (leafRounding) {
        const r = p.round(leafRounding.decimals, leafRounding.mode)
        if (steps && !r.eq(p)) steps.push(roundingStep(p, r.toString(), leafRounding))
        p = r
      }
    } else {
      const kids = n.children
      const s = Exact.sumAt(points, kids)
      // without not-applicable parts the applicable maximum is the declared one (sums are checked at compile)
      let m = n.maxPoints
      if (anyNotApplicable) {
        m = Exact.sumAt(appMax, kids)
      }
      p = s
      max = m
      sumOfChildren = s
      steps?.push(`sum of ${n.children.length} children: ${s} of ${m}`)
    }

    // adjustments on this node, then keep within [floor, applicable max]
    let b = Exact.ZERO
    let d = Exact.ZERO
    let applied: AppliedAdjustment[] | undefined
    if (n.adjustments.length > 0) {
      if (traces) applied = []
      const adj = adjustNode(pack, n, a, facts, p, steps, applied, factIssues, base)
      p = adj.points
      b = adj.bonus
      d = adj.deduction
    }
    p = clampNode(p, max, n.floor, steps)
    points[i] = p
    if (anyNotApplicable) appMax[i] = max
    if (!b.isZero() || !d.isZero()) {
      if (bonus === shared.zeros) {
        bonus = [...shared.zeros]
        deduction = [...shared.zeros]
      }
      bonus[i] = b
      deduction[i] = d
    }
    if (traces) {
      const t: {
        -readonly [K in keyof NodeTrace]: NodeTrace[K]
      } = { code: n.code, facts: readFacts(facts, n), appraisals: appraisalSteps ?? NONE, adjustments: applied ?? NONE, notApplicable: false, steps: steps! }
      if (branch !== undefined) t.branch = branch
      if (selfScore !== undefined) t.selfScore = selfScore
      if (computedPts !== undefined) t.computed = computedPts
      if (surveyPts !== undefined) t.survey = surveyPts
      if (evidenceTrace !== undefined) t.evidence = evidenceTrace
      if (explanation !== undefined) t.explanation = explanation
      if (sumOfChildren !== undefined) t.sumOfChildren = sumOfChildren
      traces[i] = t
    }
  }
  return new UnitResult(pack, a, { points, appMax, na, bonus, deduction }, flags, traces, borrow)
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

/** A node's adjustments applied to its points (caps included), with trace steps. */
function adjustNode(
  pack: CompiledPack,
  n: CompiledNode,
  a: Assessment,
  facts: Facts,
  p: Exact,
  steps: string[] | undefined,
  applied: AppliedAdjustment[] | undefined,
  factIssues?: ChisoIssue[],
  base: IssuePath = [],
): { points: Exact; bonus: Exact; deduction: Exact } {
  let b = Exact.ZERO
  let d = Exact.ZERO
  for (const ai of n.adjustments) {
    const adj = pack.adjustments[ai]!
    let amount: Exact
    let detail: string
    if (adj.entered) {
      const raw = a.adjustments && own.call(a.adjustments, adj.id) ? a.adjustments[adj.id] : undefined
      amount = raw === undefined ? Exact.ZERO : Exact.from(raw)
      detail = raw === undefined ? 'not entered → 0' : `entered ${amount}`
    } else {
      const r = adj.compute!(facts)
      amount = r.amount
      detail = r.detail
      // a fact present but unusable is an input error, as it is for a leaf
      if (r.unusable && factIssues) adj.checkFacts?.(facts, [...base, 'facts'], factIssues)
    }
    const capped = adj.cap && amount.gt(adj.cap) ? adj.cap : amount
    if (adj.type === 'bonus') b = b.add(capped)
    else d = d.add(capped)
    applied?.push({ id: adj.id, type: adj.type, title: adj.title, amount, applied: capped, detail })
  }
  if (n.caps.bonus && b.gt(n.caps.bonus)) {
    steps?.push(`bonuses ${b} capped at ${n.caps.bonus} for the node`)
    b = n.caps.bonus
  }
  if (n.caps.deduction && d.gt(n.caps.deduction)) {
    steps?.push(`deductions ${d} capped at ${n.caps.deduction} for the node`)
    d = n.caps.deduction
  }
  if (!b.isZero() || !d.isZero()) {
    steps?.push(`adjustments: +${b} −${d}`)
    p = p.add(b).sub(d)
  }
  return { points: p, bonus: b, deduction: d }
}

/**
 * Points kept within [min(floor, applicable max), applicable max] — the node's own floor
 * (the pack's for the root) — with the trace step when they move.
 */
function clampNode(p: Exact, hi: Exact, floor: Exact, steps: string[] | undefined): Exact {
  if (p.gt(hi)) {
    steps?.push(`above the maximum: ${p} → ${hi}`)
    return hi
  }
  if (floor.isZero() ? p.isNegative() : p.lt(Exact.min(floor, hi))) {
    const lo = Exact.min(floor, hi)
    steps?.push(`below the floor: ${p} → ${lo}`)
    return lo
  }
  return p
}

const ruleStepsByNode = new WeakMap<CompiledNode, { readonly prefix: string; readonly texts: Map<string, string> }>()
const sumPrefixByNode = new WeakMap<CompiledNode, string>()

/** "sum of 10 children: ", made once per node. */
function sumPrefix(n: CompiledNode): string {
  let t = sumPrefixByNode.get(n)
  if (t === undefined) sumPrefixByNode.set(n, (t = `sum of ${n.children.length} children: `))
  return t
}

/** "rule ratio: ", made once per leaf. */
function rulePrefix(n: CompiledNode): string {
  let known = ruleStepsByNode.get(n)
  if (!known) ruleStepsByNode.set(n, (known = { prefix: `rule ${n.ruleKind}: `, texts: new Map() }))
  return known.prefix
}

/**
 * The trace step naming a leaf's rule and branch. Most branches are a rule's fixed
 * outcomes, so their text is made once per leaf, not once per unit.
 */
function ruleStep(n: CompiledNode, branch: string): string {
  let known = ruleStepsByNode.get(n)
  if (!known) ruleStepsByNode.set(n, (known = { prefix: `rule ${n.ruleKind}: `, texts: new Map() }))
  let text = known.texts.get(branch)
  if (text === undefined) {
    // the rule's prefix joined to the branch text the trace keeps anyway: one small node
    text = known.prefix + branch
    // branches that carry the unit's own numbers are not kept
    if (known.texts.size < 64) known.texts.set(branch, text)
  }
  return text
}

const sharedStepsByNode = new WeakMap<CompiledNode, Map<string, readonly string[]>>()

/** The frozen one-step list of a leaf's rule branch, shared by every unit taking it. */
function ruleSteps(n: CompiledNode, branch: string): readonly string[] {
  let lists = sharedStepsByNode.get(n)
  if (!lists) sharedStepsByNode.set(n, (lists = new Map()))
  let list = lists.get(branch)
  if (list === undefined) {
    list = Object.freeze([ruleStep(n, branch)])
    if (lists.size < 64) lists.set(branch, list)
  }
  return list
}

/** The trace step of a leaf's rounding, when rounding changes its points. */
function roundingStep(p: Exact, rText: string, rounding: { readonly decimals: number; readonly mode: string }, prefix = roundingPrefix(rounding)): string {
  return flat([prefix, p.toString(), ' → ', rText])
}

/** "rounded half-up to 2 places: " */
function roundingPrefix(rounding: { readonly decimals: number; readonly mode: string }): string {
  return `rounded ${rounding.mode} to ${rounding.decimals} places: `
}

/**
 * The text of a scaled integer on a decimal grid (`value` × 10^-decimals), exactly as
 * Exact prints that value: no trailing zeros, no point for whole numbers.
 */
function gridText(value: number, decimals: number): string {
  if (decimals === 0) return String(value)
  const neg = value < 0
  const digits = String(neg ? -value : value).padStart(decimals + 1, '0')
  let end = digits.length
  while (end > digits.length - decimals && digits.charCodeAt(end - 1) === 48) end--
  const whole = digits.slice(0, digits.length - decimals)
  const text = end > digits.length - decimals ? `${whole}.${digits.slice(digits.length - decimals, end)}` : whole
  return neg && text !== '0' ? `-${text}` : text
}

/**
 * One flat string from its parts. Template literals build chains of rope nodes that a
 * trace would keep alive by the hundred thousand; a join makes one string, and the parts
 * die young.
 */
function flat(parts: string[]): string {
  return parts.join('')
}

/**
 * The trace of a unit the integer lane scored: the same trace the general path writes for
 * such a unit (a property test holds them equal), built from the lane's integer sums. The
 * lane takes only units without self scores, appraisals, surveys, evidence or
 * not-applicable parts, so those parts of a trace stay empty. @internal
 */
export function traceOnLane(lane: Lane, scratch: LaneScratch, a: Assessment, facts: Facts, buf: Float64Array, offset: number, interned: TraceSharing): NodeTrace[] {
  const pack = lane.pack
  const nodes = pack.nodes
  const traces = new Array<NodeTrace>(nodes.length)
  const rounding = pack.rounding.leaf!
  const scale = lane.grid.scale
  // leaves whose value came from a fixed outcome of their rule, with nothing applied after
  // it, are explained from that outcome: the steps it gives are made once per lane
  let fixed = fixedStepsByLane.get(lane)
  if (!fixed) fixedStepsByLane.set(lane, (fixed = new Array<readonly string[] | undefined>(slotCount(lane)).fill(undefined)))
  const roundingText = roundingPrefix(rounding)
  let reads = factsReadsByLane.get(lane)
  if (!reads) factsReadsByLane.set(lane, (reads = factsReadsOnLane(lane)))
  // the unit's values of the facts, as the lane read (and checked) them: not read again
  const values = scratch.values
  const leaves = lane.leaves
  for (let k = 0; k < leaves.length; k++) {
    const i = leaves[k]!
    const n = nodes[i]!
    const plain = lane.leafPlain[k] === 1
    const slot = plain ? takenSlot(lane, scratch, k) : -1
    if (slot >= 0) {
      const outcome = slotOutcome(lane, slot)
      let steps = fixed[slot]
      if (!steps) {
        const r = outcome.points.round(rounding.decimals, rounding.mode)
        fixed[slot] = steps = Object.freeze(r.eq(outcome.points) ? [ruleStep(n, outcome.branch)] : [ruleStep(n, outcome.branch), roundingStep(outcome.points, r.toString(), rounding)])
      }
      // a fixed outcome: the trace is fixed by the outcome and the values of the facts the
      // leaf reads, so units with the same values share one, frozen
      let shared = interned[slot]
      if (!shared) interned[slot] = shared = { root: new Map(), size: 0, only: undefined }
      // a pick leaf's one fact holds exactly the value picked: one trace per outcome
      if (shared.only !== undefined) {
        traces[i] = shared.only
        continue
      }
      const read = reads[k]!
      const t = internedTrace(shared, values, read.slots)
      if (t !== undefined) {
        traces[i] = t
        continue
      }
      const made: NodeTrace = {
        code: n.code,
        facts: readFactsOnLane(values, read) ?? readFacts(facts, n, read),
        appraisals: NONE,
        adjustments: NONE,
        notApplicable: false,
        steps,
        branch: outcome.branch,
        computed: outcome.points,
      }
      if (shared.size < INTERNED_PER_OUTCOME && internable(values, read.slots)) {
        keepTrace(shared, values, read.slots, deepFreezeTrace(made))
        if (leafForm(lane, k) === 'pick') shared.only = made
      }
      traces[i] = made
      continue
    }
    if (plain && leafForm(lane, k) === 'ratio') {
      // whole counts: explained straight from them and the lane's rounded points
      const rn = values[lane.leafSlot[k]!]
      const rd = values[lane.leafSlot2[k]!]
      if (typeof rn === 'number' && typeof rd === 'number' && Number.isSafeInteger(rn) && Number.isSafeInteger(rd) && rn >= 0 && rd > 0) {
        const max = n.maxPoints
        const computed = rn >= rd ? max : Exact.scaledRatio(rn, rd, max)
        const branch = ratioBranch(rn, rd, maxTexts(n))
        const lanePoints = buf[offset + i]!
        const stepOne = rulePrefix(n) + branch
        // rounding changed nothing exactly when rn × max divides by rd on the grid
        const onGrid = rn >= rd || (Number.isSafeInteger(rn * lane.leafA[k]!) ? (rn * lane.leafA[k]!) % rd === 0 : Exact.ratio(lanePoints, scale).eq(computed))
        const steps = onGrid ? [stepOne] : [stepOne, roundingStep(computed, gridText(lanePoints, rounding.decimals), rounding, roundingText)]
        traces[i] = { code: n.code, facts: readFactsOnLane(values, reads[k]!) ?? readFacts(facts, n, reads[k]), appraisals: NONE, adjustments: NONE, notApplicable: false, steps, branch, computed }
        continue
      }
    }
    traces[i] = leafTraceOnLane(pack, n, a, facts)
  }
  const inner = lane.inner
  for (let k = 0; k < inner.length; k++) {
    const i = inner[k]!
    const n = nodes[i]!
    let sum = 0
    for (let c = lane.childOffset[i]!, end = lane.childOffset[i + 1]!; c < end; c++) sum += buf[offset + lane.children[c]!]!
    let p = Exact.ratio(sum, scale)
    const t: { -readonly [K in keyof NodeTrace]: NodeTrace[K] } = {
      code: n.code,
      facts: NO_FACTS_READ,
      appraisals: NONE,
      adjustments: NONE,
      notApplicable: false,
      steps: [flat([sumPrefix(n), gridText(sum, rounding.decimals), ' of ', maxTexts(n)])],
      sumOfChildren: p,
    }
    if (n.adjustments.length > 0) {
      const applied: AppliedAdjustment[] = []
      p = adjustNode(pack, n, a, facts, p, t.steps as string[], applied).points
      t.adjustments = applied
    }
    clampNode(p, n.maxPoints, n.floor, t.steps as string[])
    traces[i] = t
  }
  return traces
}

const fixedStepsByLane = new WeakMap<Lane, (readonly string[] | undefined)[]>()
/**
 * Shared traces of one rule outcome, by the values of the leaf's facts: a tree of maps, one
 * level per fact (in the leaf's order), the trace at the last level.
 */
interface Interned {
  readonly root: Map<unknown, unknown>
  size: number
  /** the one trace of a pick leaf's outcome */
  only: NodeTrace | undefined
}
/**
 * The traces units of one batch share, per rule outcome: made for a batch and gone with its
 * results, so nothing grows with a long-lived pack. @internal
 */
export type TraceSharing = (Interned | undefined)[]

/** Fresh trace sharing for a batch on a lane. @internal */
export function traceSharing(lane: Lane): TraceSharing {
  return new Array<Interned | undefined>(slotCount(lane)).fill(undefined)
}
/** at most this many shared traces per rule outcome (distinct fact values) in a batch */
const INTERNED_PER_OUTCOME = 1024

/** Facts a shared trace can stand for: present, primitive, and not -0 (a Map sees it as 0). */
/** Values a shared trace can stand for: present, and not -0 (a Map sees it as 0). */
function internable(values: readonly unknown[], slots: Int32Array): boolean {
  for (let j = 0; j < slots.length; j++) {
    const v = values[slots[j]!]
    if (v === undefined || Object.is(v, -0)) return false
  }
  return slots.length > 0
}

function internedTrace(shared: Interned, values: readonly unknown[], slots: Int32Array): NodeTrace | undefined {
  let level: unknown = shared.root
  for (let j = 0; j < slots.length; j++) {
    const v = values[slots[j]!]
    // a Map finds 0's entry for -0: -0 has none of its own
    if (v === 0 && 1 / v < 0) return undefined
    level = (level as Map<unknown, unknown>).get(v)
    if (level === undefined) return undefined
  }
  // an absent fact never got a shared trace, so its lookup ends above
  return slots.length > 0 ? (level as NodeTrace) : undefined
}

function keepTrace(shared: Interned, values: readonly unknown[], slots: Int32Array, trace: NodeTrace): void {
  let level = shared.root
  for (let j = 0; j < slots.length - 1; j++) {
    const v = values[slots[j]!]
    let next = level.get(v) as Map<unknown, unknown> | undefined
    if (!next) level.set(v, (next = new Map()))
    level = next
  }
  level.set(values[slots[slots.length - 1]!], trace)
  shared.size++
}

function deepFreezeTrace(t: NodeTrace): NodeTrace {
  Object.freeze(t.facts)
  return Object.freeze(t)
}
/** What a lane leaf reads, with the lane's slot of each fact name (every one has a slot). */
interface FactsReadOnLane extends FactsRead {
  readonly slots: Int32Array
}
const factsReadsByLane = new WeakMap<Lane, FactsReadOnLane[]>()

function factsReadsOnLane(lane: Lane): FactsReadOnLane[] {
  const slotOf = new Map(lane.factNames.map((name, s) => [name, s]))
  return [...lane.leaves].map((i) => {
    const read = factsReadOf(lane.pack.nodes[i]!)
    return { ...read, slots: Int32Array.from(read.names, (name) => slotOf.get(name)!) }
  })
}

/**
 * The facts record of a lane leaf from the values the lane read (checked primitives, so a
 * fact's own); undefined when one is undefined (absent, or present as undefined: readFacts
 * tells them apart).
 */
function readFactsOnLane(values: readonly unknown[], read: FactsReadOnLane): Readonly<Record<string, unknown>> | undefined {
  const names = read.names
  if (names.length === 0) return NO_FACTS_READ
  const out: Record<string, unknown> = { ...read.template }
  for (let j = 0; j < names.length; j++) {
    const v = values[read.slots[j]!]
    if (v === undefined) return undefined
    out[names[j]!] = v
  }
  return out
}
const maxTextByNode = new WeakMap<CompiledNode, string>()

/** A node's maximum as text, made once. */
function maxTexts(n: CompiledNode): string {
  let t = maxTextByNode.get(n)
  if (t === undefined) maxTextByNode.set(n, (t = n.maxPoints.toString()))
  return t
}

/** A leaf's trace from its rule's compute(…, explain), as the general path writes it. */
function leafTraceOnLane(pack: CompiledPack, n: CompiledNode, a: Assessment, facts: Facts): NodeTrace {
  const rounding = pack.rounding.leaf!
  const floor = n.floor
  // the lane decided these points; compute(…, explain) gives the branch in words
  const out = n.rule!.compute!(facts, true)!
  let p = out.points.round(rounding.decimals, rounding.mode)
  const rounded = !p.eq(out.points)
  const hi = n.maxPoints
  const moves = n.adjustments.length > 0 || p.gt(hi) || (floor.isZero() ? p.isNegative() : p.lt(Exact.min(floor, hi)))
  // a leaf whose only step is its rule's fixed branch shares one read-only list of steps;
  // the others get a list of exactly their size
  const steps: string[] = rounded ? [ruleStep(n, out.branch), roundingStep(out.points, p.toString(), rounding)] : moves ? [ruleStep(n, out.branch)] : (ruleSteps(n, out.branch) as string[])
  const t: { -readonly [K in keyof NodeTrace]: NodeTrace[K] } = {
    code: n.code,
    facts: readFacts(facts, n),
    appraisals: NONE,
    adjustments: NONE,
    notApplicable: false,
    steps,
    branch: out.branch,
    computed: out.points,
  }
  if (n.adjustments.length > 0) {
    const applied: AppliedAdjustment[] = []
    p = adjustNode(pack, n, a, facts, p, steps, applied).points
    t.adjustments = applied
  }
  clampNode(p, hi, floor, steps)
  return t
}

const readsUnitByPack = new WeakMap<CompiledPack, boolean>()

/** Whether anything in a pack (a rule, an applicability, an adjustment) reads the fact `unit`. */
function readsUnit(pack: CompiledPack): boolean {
  let reads = readsUnitByPack.get(pack)
  if (reads === undefined) {
    reads = pack.nodes.some((n) => (n.rule?.facts ?? []).includes('unit') || (n.applicability?.facts ?? []).includes('unit')) || pack.adjustments.some((adj) => adj.facts.includes('unit'))
    readsUnitByPack.set(pack, reads)
  }
  return reads
}

interface SharedArrays {
  readonly maxima: Exact[]
  readonly zeros: Exact[]
  readonly noneNotApplicable: Uint8Array
}
const sharedByPack = new WeakMap<CompiledPack, SharedArrays>()

/** Per pack: the declared maxima, all-zero adjustments, nothing not applicable. */
function sharedArrays(pack: CompiledPack): SharedArrays {
  let s = sharedByPack.get(pack)
  if (!s) {
    const n = pack.nodes.length
    s = { maxima: pack.nodes.map((x) => x.maxPoints), zeros: new Array<Exact>(n).fill(Exact.ZERO), noneNotApplicable: new Uint8Array(n) }
    sharedByPack.set(pack, s)
  }
  return s
}

// kept out of score's loop: a closure there would make V8 allocate a context per node
function appraisalTrail(history: readonly { round: number; reviewer: string; at: string; reason: string; to: Exact }[], start: Exact, steps: string[]): AppraisalStep[] {
  const out: AppraisalStep[] = []
  let from = start
  for (const h of history) {
    out.push({ round: h.round, reviewer: h.reviewer, at: h.at, reason: h.reason, from, to: h.to })
    steps.push(`appraisal round ${h.round} by ${h.reviewer}: ${from} → ${h.to} (${h.reason})`)
    from = h.to
  }
  return out
}

interface FactsRead {
  readonly names: readonly string[]
  /** an object with the node's fact names as keys, in order: copies of it share one shape */
  readonly template: Readonly<Record<string, unknown>>
}
const factsReadByNode = new WeakMap<CompiledNode, FactsRead>()
/** the facts of a node that reads none (inner nodes): one shared, frozen object */
const NO_FACTS_READ: Readonly<Record<string, unknown>> = Object.freeze({})

/** What a node reads, for the trace: its fact names and a template of their record. */
function factsReadOf(n: CompiledNode): FactsRead {
  let read = factsReadByNode.get(n)
  if (!read) {
    const names = [...new Set([...(n.rule?.facts ?? []), ...(n.applicability?.facts ?? [])])]
    read = { names, template: Object.fromEntries(names.map((name) => [name, undefined])) }
    factsReadByNode.set(n, read)
  }
  return read
}

/** The facts a node reads that the unit has, with their values (for the trace). */
function readFacts(facts: Facts, n: CompiledNode, read: FactsRead = factsReadOf(n)): Readonly<Record<string, unknown>> {
  const names = read.names
  if (names.length === 0) return NO_FACTS_READ
  // the usual case, every fact present: a copy of the template, filled in
  const out: Record<string, unknown> = { ...read.template }
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!
    const v = facts[name]
    // a primitive found is the fact's own (Object.prototype holds none)
    if (v === undefined || ((typeof v === 'object' || typeof v === 'function') && v !== null && !own.call(facts, name))) {
      if (!own.call(facts, name)) return readSomeFacts(facts, names)
    }
    out[name] = v
  }
  return out
}

/** readFacts when some fact is absent: only the present ones, as keys. */
function readSomeFacts(facts: Facts, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of names) if (own.call(facts, name)) out[name] = facts[name]
  return out
}
