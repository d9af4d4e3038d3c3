/**
 * The exact interpreter: scores a validated assessment node by node with rationals —
 * rules, entered and appraised scores, evidence, survey, adjustments, caps and clamps.
 */
import type { CompiledPack, CompiledNode } from '../model/compile.js'
import type { Facts } from '../rules/conditions.js'
import { ChisoError, issue, type ChisoIssue, type IssuePath } from '../util/errors.js'
import { Exact, lcmNum, reducedInto } from '../util/exact.js'
import type { RuleOutcome, SurveyInput } from '../rules/types.js'
import type { Assessment } from '../model/schemas.js'
import { preview } from '../util/limits.js'
import { interpreterValues, NONE, UnitResult, type AppliedAdjustment, type AppraisalStep, type NodeTrace, type ResultFlag } from './result.js'
import { appraisalTrail, readFacts, readsUnit, sharedArrays, Trace } from './trace.js'
import { ruleEvent, type TraceEvent } from './trace-events.js'
import { clampPoints, EXACT, SCALED, settle, TextSteps, type Adjusted, type AdjustmentSource } from './settle.js'
import { GRID_LIMIT } from './grid.js'
import { scoreSurvey, surveyWeightsOf, type SurveyWeights } from '../rules/kinds.js'
import { ratioParts, type RatioForm } from '../rules/forms/ratio.js'

const own = Object.prototype.hasOwnProperty
/** what a unit without facts or survey reads (frozen: scoring only reads them) */
const NO_FACTS: Facts = Object.freeze({})
/** what a pack's table points at between units */
const NO_ASSESSMENT = Object.freeze({ unitId: '', period: '' }) as Assessment
/** the path of a settle that reports nowhere (read-only: frozen) @internal */
export const NO_PATH: IssuePath = Object.freeze([]) as unknown as IssuePath

// events without data: one frozen object each, shared by every trace
const NOT_APPLICABLE_EVENTS: readonly TraceEvent[] = Object.freeze([Object.freeze({ kind: 'not_applicable' }) as TraceEvent])
const SURVEY_MISSING: TraceEvent = Object.freeze({ kind: 'survey_missing' })
const NO_INPUT: TraceEvent = Object.freeze({ kind: 'no_input' })
/** one listed document of an assessment */
type Evidence = NonNullable<Assessment['evidence']>[number]
const NO_DOCUMENTS: readonly Evidence[] = Object.freeze([])

/** a document as a trace lists it */
type Document = { id: string; number?: string; title?: string }

/** whether a document with this id is in the list already */
function listed(docs: readonly { id: string }[], count: number, id: string): boolean {
  for (let i = 0; i < count; i++) if (docs[i]!.id === id) return true
  return false
}

/** A listed document as a trace shows it: its id, number and title. */
function documentOf(e: Evidence): Document {
  const d: Document = { id: e.id }
  if (e.number !== undefined) d.number = e.number
  if (e.title !== undefined) d.title = e.title
  return d
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

/** The unit's appraisal rounds in order (none: undefined); they usually come so, sorted (a copy) only when they do not. */
function roundsInOrder(a: Assessment): NonNullable<Assessment['appraisals']> | undefined {
  const rounds = a.appraisals
  if (!rounds || rounds.length === 0) return undefined
  for (let i = 1; i < rounds.length; i++) {
    if (rounds[i]!.round < rounds[i - 1]!.round) return [...rounds].sort((x, y) => x.round - y.round)
  }
  return rounds
}

type AppraisalHistory = Map<string, { round: number; reviewer: string; at: string; reason: string; to: Exact }[]>

/** Every round that changed each leaf, in the order of the rounds (for a trace). */
function appraisalHistory(a: Assessment): AppraisalHistory | undefined {
  const ordered = roundsInOrder(a)
  if (ordered === undefined) return undefined
  const history: AppraisalHistory = new Map()
  for (const r of ordered) {
    for (const c of r.changes) {
      let h = history.get(c.code)
      if (!h) history.set(c.code, (h = []))
      h.push({ round: r.round, reviewer: r.reviewer, at: r.at, reason: c.reason, to: Exact.from(c.points) })
    }
  }
  return history
}

/** what a reused list of documents holds where a unit's documents were */
const NO_EVIDENCE: Evidence = Object.freeze({ id: '', criteria: [] as string[] })

/**
 * A unit's entered scores, survey entries and appraised points by node index, so that each
 * leaf reads its own with an array read instead of a lookup by code in the unit's objects
 * (each unit's objects have their own shape, so such lookups find no cached path). One per
 * pack, reused unit after unit: an entry counts only when its stamp is the unit's.
 */
class Entries {
  busy = false
  stamp = 0
  readonly selfStamp: Uint32Array
  readonly self: (number | string | undefined)[]
  readonly surveyStamp: Uint32Array
  readonly survey: (SurveyInput | undefined)[]
  readonly appraisedStamp: Uint32Array
  readonly appraised: (Exact | undefined)[]
  /**
   * each node's points as a reduced fraction of safe integers (NaN parts: a value too long,
   * read from `exact`): sums and the packed result read these, so that a node's value costs
   * no rational of its own
   */
  readonly num: Float64Array
  readonly den: Float64Array
  /** each node's points as a rational, when one was made (a leaf's, a settled node's); undefined: read `num`/`den` */
  readonly exact: (Exact | undefined)[]
  /** the distinct documents listed for each criterion (see scoreEntries: which criteria are filled) */
  readonly docsStamp: Uint32Array
  /** the first docsCount[i] of docs[i] (a list reused unit after unit, never emptied: that would drop its storage) */
  readonly docs: Evidence[][]
  readonly docsCount: Uint32Array
  /** the nodes whose documents the unit listed, the first `docsTouched` (let go of when the unit is scored) */
  readonly docsNodes: number[] = []
  docsTouched = 0
  /** the nodes whose survey entries the unit gave, the first `surveyTouched` (let go of when the unit is scored) */
  readonly surveyNodes: number[] = []
  surveyTouched = 0
  /**
   * 1 for an inner node whose children's maxima sum to at most its own and whose floor is at
   * most 0: a sum ≥ 0 of its children's points (each within its applicable maximum) is then
   * within its bounds, applicable parts or not, without a comparison
   */
  readonly sumWithin: Uint8Array
  /** each survey leaf's weights, when its rule is the built-in survey rule (scored by scoreSurvey, its input's share in parts) */
  readonly surveyWeights: (SurveyWeights | undefined)[]
  /** each leaf's ratio form, when its rule is one (its whole counts are scored in parts: see ratioParts) */
  readonly ratio: (RatioForm | undefined)[]
  /**
   * for each node with adjustments, the least common multiple of the denominators of its
   * floor and caps (its adjustments' and its own); 0 when that is no safe integer: see
   * settleScaled
   */
  readonly adjustScale: Float64Array
  /** a node's adjustment amounts as worked out, for one settle at a time; and on its scale */
  readonly amounts: Exact[] = []
  readonly scaledAmounts: number[] = []
  /** each adjustment's own cap on the scale (NaN: none) */
  readonly scaledCaps: number[] = []
  /** the unit whose adjustments are being settled */
  unit: UnitAdjustments | undefined
  /**
   * each node's applicable maximum, for a unit with parts not applicable: every entry is
   * written in post-order before its parent reads it (see scoreEntries)
   */
  readonly appMax: Exact[]
  /** the nodes of the unit whose bonus or deduction is not zero, and those (bonus, deduction per node), the first `adjustedCount` */
  readonly adjustedNodes: number[] = []
  readonly adjustedValues: Exact[] = []
  adjustedCount = 0
  /** the unit's state for its settles, pointed at each unit in turn */
  readonly adjusting: UnitState
  /** what the last exact settle applied */
  readonly settled: Adjusted<Exact> = { bonus: Exact.ZERO, deduction: Exact.ZERO }
  /** each code's node index, as `pack.node` finds it (one map read, no call) */
  readonly indexOf: Map<string, number>
  /** the nodes with an applicability condition, in pre-order */
  readonly conditioned: readonly number[]
  /** one past each node's last descendant (pre-order keeps a subtree together) */
  readonly subtreeEnd: Uint32Array
  constructor(pack: CompiledPack) {
    const nodes = pack.nodes
    const count = nodes.length
    this.adjusting = { pack, a: NO_ASSESSMENT, facts: NO_FACTS, factIssues: undefined, base: NO_PATH, node: nodes[0]!, explain: false, detail: '' }
    this.num = new Float64Array(count)
    this.den = new Float64Array(count)
    this.exact = new Array<Exact | undefined>(count).fill(undefined)
    this.docsStamp = new Uint32Array(count)
    this.docs = Array.from({ length: count }, () => [])
    this.docsCount = new Uint32Array(count)
    this.selfStamp = new Uint32Array(count)
    this.self = new Array<number | string | undefined>(count).fill(undefined)
    this.surveyStamp = new Uint32Array(count)
    this.survey = new Array<SurveyInput | undefined>(count).fill(undefined)
    this.appraisedStamp = new Uint32Array(count)
    this.appraised = new Array<Exact | undefined>(count).fill(undefined)
    this.surveyWeights = pack.nodes.map((n) => (n.isLeaf && n.source === 'survey' ? surveyWeightsOf(n.rule) : undefined))
    this.ratio = pack.nodes.map((n) => (n.isLeaf && n.source !== 'survey' && n.rule?.form?.form === 'ratio' ? n.rule.form : undefined))
    this.appMax = nodes.map((n) => n.maxPoints)
    this.sumWithin = new Uint8Array(count)
    const maxima = sharedArrays(pack).maxima
    for (const n of nodes) {
      if (n.isLeaf || n.floor.gt(Exact.ZERO)) continue
      const kids = Exact.sumAt(maxima, n.children)
      this.sumWithin[n.index] = kids.cmp(n.maxPoints) <= 0 ? 1 : 0
    }
    this.adjustScale = new Float64Array(count)
    for (const n of nodes) {
      if (n.adjustments.length === 0) continue
      let scale = 1
      const fixed = [n.floor, n.caps.bonus, n.caps.deduction, ...n.adjustments.map((a) => pack.adjustments[a]!.cap)]
      for (const x of fixed) if (x !== undefined) scale = lcmNum(scale, x.smallDenominator)
      this.adjustScale[n.index] = Number.isNaN(scale) ? 0 : scale
    }
    this.indexOf = new Map()
    for (const n of nodes) if (pack.node(n.code) === n) this.indexOf.set(n.code, n.index)
    this.conditioned = nodes.filter((n) => n.index > 0 && n.applicability !== undefined).map((n) => n.index)
    this.subtreeEnd = new Uint32Array(count)
    for (let i = count - 1; i >= 0; i--) {
      const kids = nodes[i]!.children
      this.subtreeEnd[i] = kids.length === 0 ? i + 1 : this.subtreeEnd[kids[kids.length - 1]!]!
    }
  }

  /** Lists node i's bonus and deduction (not both zero) for the unit's values. */
  applied(i: number, bonus: Exact, deduction: Exact): void {
    const k = this.adjustedCount++
    this.adjustedNodes[k] = i
    this.adjustedValues[2 * k] = bonus
    this.adjustedValues[2 * k + 1] = deduction
  }
}

const ENTRIES = new WeakMap<CompiledPack, Entries>()

/** The pack's entries table, taken for one unit; a fresh one when the pack's is in use (a plug-in rule scoring inside a rule). */
function takeEntries(pack: CompiledPack): Entries {
  let e = ENTRIES.get(pack)
  if (e === undefined) ENTRIES.set(pack, (e = new Entries(pack)))
  else if (e.busy) e = new Entries(pack)
  e.busy = true
  return e
}

/** Fills the table with one unit's entries (under a new stamp). */
function fillEntries(e: Entries, a: Assessment): void {
  if (e.stamp === 0xffffffff) {
    e.stamp = 0
    e.selfStamp.fill(0)
    e.surveyStamp.fill(0)
    e.appraisedStamp.fill(0)
    e.docsStamp.fill(0)
  }
  const stamp = ++e.stamp
  if (a.selfScores !== undefined) byNode(e.indexOf, a.selfScores, e.selfStamp, e.self, stamp, undefined)
  // the survey entries are let go of when the unit is scored: their nodes are listed
  e.surveyTouched = a.survey === undefined ? 0 : byNode(e.indexOf, a.survey, e.surveyStamp, e.survey, stamp, e.surveyNodes)
  // the latest round wins
  const ordered = roundsInOrder(a)
  if (ordered !== undefined) {
    for (let r = 0; r < ordered.length; r++) {
      const changes = ordered[r]!.changes
      for (let c = 0; c < changes.length; c++) {
        const change = changes[c]!
        const j = e.indexOf.get(change.code)
        if (j === undefined) continue
        e.appraisedStamp[j] = stamp
        e.appraised[j] = Exact.from(change.points)
      }
    }
  }
}

/**
 * Puts each value of a record by criterion code into the table at its node's index, stamped;
 * lists those indexes in `nodes` when given. Returns how many were put.
 */
function byNode<T>(indexOf: Map<string, number>, byCode: Readonly<Record<string, T>>, stamps: Uint32Array, values: (T | undefined)[], stamp: number, nodes: number[] | undefined): number {
  let count = 0
  for (const code in byCode) {
    if (!own.call(byCode, code)) continue
    const j = indexOf.get(code)
    if (j === undefined) continue
    stamps[j] = stamp
    values[j] = byCode[code]
    if (nodes !== undefined) nodes[count] = j
    count++
  }
  return count
}

/** where {@link Exact.sumPartsAt} leaves a node's sum (one for all: scoring is synchronous) */
const SUM = { n: 0, d: 1 }
/** where a leaf scored in parts (a survey share, a ratio of counts) has its points written */
const PARTS = { n: 0, d: 1, none: false }

/** n/d compared with x: −1, 0 or 1, or NaN when the cross products leave the safe integers (or x is long) */
function cmpParts(n: number, d: number, x: Exact): number {
  const l = n * x.smallDenominator
  const r = x.smallNumerator * d
  if (!Number.isSafeInteger(l) || !Number.isSafeInteger(r)) return Number.NaN
  return l < r ? -1 : l > r ? 1 : 0
}

/** whether n/d is within [min(floor, max), max], so that clamping leaves it (false also when that cannot be told on doubles) */
function withinBounds(n: number, d: number, max: Exact, floor: Exact): boolean {
  if (!(cmpParts(n, d, max) <= 0)) return false
  // points ≥ 0 are above a floor ≤ 0, and so above min(floor, max) (the usual case, told without a comparison)
  if (n >= 0 && floor.smallNumerator <= 0) return true
  return cmpParts(n, d, Exact.min(floor, max)) >= 0
}

/** x × scale when that is a whole number within the grid's limit, else NaN */
function onScale(x: Exact, scale: number): number {
  const d = x.smallDenominator
  if (scale % d !== 0) return Number.NaN
  const v = x.smallNumerator * (scale / d)
  return Number.isSafeInteger(v) && v <= GRID_LIMIT && v >= -GRID_LIMIT ? v : Number.NaN
}

/** where settleScaled leaves its points (reduced parts) and the bonus and deduction applied (on `scale`) */
const SCALED_OUT = { n: 0, d: 1, bonus: 0, deduction: 0, scale: 1 }
const SCALED_CAPS: { bonus: number | undefined; deduction: number | undefined } = { bonus: undefined, deduction: undefined }
const SCALED_SETTLED: Adjusted<number> = { bonus: 0, deduction: 0 }

/** The amounts of {@link Entries.amounts}, as worked out once. */
const AMOUNTS_READ: AdjustmentSource<Exact, Entries> = {
  amount: (e, j) => e.amounts[j],
  isBonus: (e, j) => PACK_ADJUSTMENTS.isBonus(e.unit!, j),
  cap: (e, j) => PACK_ADJUSTMENTS.cap(e.unit!, j),
}

/** The same amounts and caps as whole numbers on a common scale (see settleScaled). */
const SCALED_READ: AdjustmentSource<number, Entries> = {
  amount: (e, j) => e.scaledAmounts[j],
  isBonus: (e, j) => PACK_ADJUSTMENTS.isBonus(e.unit!, j),
  cap: (e, j) => (Number.isNaN(e.scaledCaps[j]!) ? undefined : e.scaledCaps[j]),
}

/**
 * The one settle of node `n` (points pn/pd, applicable maximum `max`, its amounts in
 * `e.amounts`) run on whole numbers over a common scale, as the lane runs it: every value
 * times the scale is a whole number there, so sums and comparisons are exact on doubles
 * within the grid's limit. Writes SCALED_OUT; false when some value is not on the scale or
 * a sum leaves the limit (the caller then settles on rationals, from the same amounts).
 */
function settleScaled(e: Entries, n: CompiledNode, pn: number, pd: number, max: Exact, count: number): boolean {
  const fixed = e.adjustScale[n.index]!
  if (fixed === 0 || !Number.isSafeInteger(pn) || !Number.isSafeInteger(pd)) return false
  // the least scale every value of this settle is whole on
  let scale = lcmNum(lcmNum(fixed, pd), max.smallDenominator)
  for (let j = 0; j < count; j++) scale = lcmNum(scale, e.amounts[j]!.smallDenominator)
  if (Number.isNaN(scale)) return false
  const points = pn * (scale / pd)
  const maxS = onScale(max, scale)
  const floorS = onScale(n.floor, scale)
  const capB = n.caps.bonus === undefined ? undefined : onScale(n.caps.bonus, scale)
  const capD = n.caps.deduction === undefined ? undefined : onScale(n.caps.deduction, scale)
  if (!Number.isSafeInteger(points) || points > GRID_LIMIT || points < -GRID_LIMIT || Number.isNaN(maxS) || Number.isNaN(floorS) || Number.isNaN(capB) || Number.isNaN(capD)) return false
  for (let j = 0; j < count; j++) {
    const a = onScale(e.amounts[j]!, scale)
    if (Number.isNaN(a)) return false
    e.scaledAmounts[j] = a
    const cap = PACK_ADJUSTMENTS.cap(e.unit!, j)
    const c = cap === undefined ? Number.NaN : onScale(cap, scale)
    // a cap declared but not on the scale (it is, by adjustScale): rationals decide
    if (cap !== undefined && Number.isNaN(c)) return false
    e.scaledCaps[j] = c
  }
  SCALED_CAPS.bonus = capB
  SCALED_CAPS.deduction = capD
  const r = settle(SCALED, points, SCALED_READ, e, 0, count, SCALED_CAPS, maxS, floorS, SCALED_SETTLED)
  if (r === undefined) return false
  reducedInto(r, scale, SCALED_OUT)
  SCALED_OUT.bonus = SCALED_SETTLED.bonus
  SCALED_OUT.deduction = SCALED_SETTLED.deduction
  SCALED_OUT.scale = scale
  return true
}

/** Scores a validated assessment; `copied`: the private copy of it the result keeps, when made already. @internal */
export function score(pack: CompiledPack, a: Assessment, trace: boolean, factIssues?: ChisoIssue[], base: IssuePath = [], borrow = false, copied?: Assessment): UnitResult {
  let facts: Facts = a.facts ?? NO_FACTS
  // the unit's own record is the fact `unit`: joined to the facts only for packs that read it
  // (a copy of every fact per unit otherwise, for nothing)
  if (a.unit && readsUnit(pack) && !own.call(facts, 'unit')) {
    facts = { ...facts, unit: { ...a.unit, attributes: a.unit.attributes ?? {} } }
  }
  const entries = takeEntries(pack)
  try {
    fillEntries(entries, a)
    return scoreEntries(pack, a, trace, factIssues, base, borrow, copied, facts, entries)
  } finally {
    entries.busy = false
    // the table keeps nothing of the unit alive: a compiled pack outlives every assessment
    for (let k = 0; k < entries.surveyTouched; k++) entries.survey[entries.surveyNodes[k]!] = undefined
    for (let k = 0; k < entries.docsTouched; k++) {
      const j = entries.docsNodes[k]!
      entries.docs[j]!.fill(NO_EVIDENCE, 0, entries.docsCount[j])
    }
    entries.docsTouched = 0
    const u = entries.adjusting
    u.a = NO_ASSESSMENT
    u.facts = NO_FACTS
    u.factIssues = undefined
    u.base = NO_PATH
    entries.unit = undefined
  }
}

/** {@link score} with the unit's entries read into the pack's table. */
function scoreEntries(
  pack: CompiledPack,
  a: Assessment,
  trace: boolean,
  factIssues: ChisoIssue[] | undefined,
  base: IssuePath,
  borrow: boolean,
  copied: Assessment | undefined,
  facts: Facts,
  entries: Entries,
): UnitResult {
  const nodes = pack.nodes
  const count = nodes.length
  const shared = sharedArrays(pack)
  // each node's points: parts in num/den, the rational too when one was made (see Entries)
  const num = entries.num
  const den = entries.den
  const exact = entries.exact
  // arrays most units never need are shared read-only ones until a unit needs them (the
  // applicable maxima then in the pack's table, the not-applicable marks a list of its own)
  let appMax: Exact[] = shared.maxima
  // the nodes with a bonus or deduction, and those (bonus, deduction per node): most nodes have none
  entries.adjustedCount = 0
  let na: Uint8Array = shared.noneNotApplicable
  // made at the first flag (most units have none)
  let flags: ResultFlag[] | undefined
  const traces: NodeTrace[] | undefined = trace ? new Array<NodeTrace>(count) : undefined
  const stamp = entries.stamp
  // each round that changed each leaf: read by a trace only
  const history = trace ? appraisalHistory(a) : undefined
  // one settle's state and recorder per unit, pointed at each node in turn
  const adjusting = entries.adjusting
  adjusting.a = a
  adjusting.facts = facts
  adjusting.factIssues = factIssues
  adjusting.base = base
  adjusting.node = nodes[0]!
  adjusting.explain = trace
  adjusting.detail = ''
  const recorder = trace ? new NodeSteps([], adjusting) : undefined
  const settled = entries.settled

  let anyNotApplicable = false
  // a node whose condition fails is not applicable, and so is every node below it (whose
  // conditions are then not asked)
  const conditioned = entries.conditioned
  for (let c = 0; c < conditioned.length; c++) {
    const i = conditioned[c]!
    if (na[i] === 1 || nodes[i]!.applicability!.test(facts)) continue
    if (!anyNotApplicable) {
      na = new Uint8Array(count)
      appMax = entries.appMax
      anyNotApplicable = true
    }
    na.fill(1, i, entries.subtreeEnd[i]!)
  }

  // each criterion's documents, in the pack's table by node: every criterion's for a trace
  // (which lists them), else only those of criteria that require evidence (their number is read)
  const evidence = a.evidence
  if ((trace || pack.usesEvidence) && evidence !== undefined) {
    for (let ei = 0; ei < evidence.length; ei++) {
      const e = evidence[ei]!
      const criteria = e.criteria
      for (let ci = 0; ci < criteria.length; ci++) {
        const j = entries.indexOf.get(criteria[ci]!)
        if (j === undefined || (!trace && nodes[j]!.evidence === undefined)) continue
        const docs = entries.docs[j]!
        if (entries.docsStamp[j] !== stamp) {
          entries.docsStamp[j] = stamp
          entries.docsCount[j] = 0
          entries.docsNodes[entries.docsTouched++] = j
        }
        // a document counts once per criterion, however often it is listed
        const listedCount = entries.docsCount[j]!
        if (!listed(docs, listedCount, e.id)) {
          docs[listedCount] = e
          entries.docsCount[j] = listedCount + 1
        }
      }
    }
  }

  const leafRounding = pack.rounding.leaf
  const postOrder = pack.postOrder

  for (let k = 0; k < postOrder.length; k++) {
    const i = postOrder[k]!
    const n = nodes[i]!
    const events: TraceEvent[] | undefined = trace ? [] : undefined
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
      exact[i] = Exact.ZERO
      num[i] = 0
      den[i] = 1
      appMax[i] = Exact.ZERO
      if (traces) {
        traces[i] = new Trace(n.code, readFacts(facts, n), NONE, NONE, true, NOT_APPLICABLE_EVENTS)
      }
      continue
    }

    // the node's points: `p` when a rational was made, and its parts `pn/pd` (a reduced
    // fraction of safe integers; NaN when p is too long for them). A leaf scored in parts (a
    // survey share, a ratio of counts) makes no rational unless something reads one.
    let p: Exact | undefined
    let pn = 0
    let pd = 1
    let max: Exact
    if (n.isLeaf) {
      max = n.maxPoints
      const code = n.code
      const rule = n.rule!
      if (n.source === 'survey') {
        const input = entries.surveyStamp[i] === stamp ? entries.survey[i] : undefined
        const weights = entries.surveyWeights[i]
        // the built-in survey rule is asked directly, for a share in parts (undefined: written to PARTS)
        const out = input === undefined ? undefined : weights !== undefined ? scoreSurvey(weights, input, trace, PARTS) : rule.fromSurvey!(input, trace)
        if (input !== undefined && out === undefined) {
          // (a plug-in's rule that gave nothing, against its type: never another leaf's share)
          if (weights === undefined)
            throw new ChisoError([issue('unexpected_error', [...base, 'survey', code], { detail: `the rule of criterion ${code} gave no outcome for its survey input` })], 'assessment')
          pn = PARTS.n
          pd = PARTS.d
        } else if (out !== undefined) {
          p = out.points
          pn = p.smallNumerator
          pd = p.smallDenominator
          branch = out.branch
          surveyPts = p
          events?.push({ kind: 'survey', branch: out.branch, points: p })
        } else {
          p = Exact.ZERO
          pn = 0
          flags ??= []
          flags.push(flag('missing_survey', code, `Chưa có kết quả điều tra cho ${quoted(code)}: tính 0 điểm`, `No survey result for ${quoted(code)}: scored 0`))
          events?.push(SURVEY_MISSING)
        }
      } else {
        const ratio = entries.ratio[i]
        const inParts = !trace && ratio !== undefined && ratioParts(ratio, facts, PARTS)
        const out: RuleOutcome | undefined = inParts ? undefined : rule.compute?.(facts, trace)
        // a rule that could not use its facts: absent (fine) or unusable (an input problem)
        if (!inParts && out === undefined && factIssues && rule.checkFacts) rule.checkFacts(facts, [...base, 'facts'], factIssues)
        const rawSelf = entries.selfStamp[i] === stamp ? entries.self[i] : undefined
        if (rawSelf !== undefined) selfScore = Exact.from(rawSelf)
        if (inParts || out) {
          if (out) {
            p = out.points
            pn = p.smallNumerator
            pd = p.smallDenominator
            branch = out.branch
            computedPts = p
            events?.push(ruleEvent(n, n.ruleKind ?? '', out.branch, p))
            if (out.inconsistent) {
              flags ??= []
              flags.push({ code: 'inconsistent_data', criterion: code, message: out.inconsistent.message, values: out.inconsistent.values })
              events?.push({ kind: 'inconsistent_data', values: out.inconsistent.values })
            }
          } else {
            pn = PARTS.n
            pd = PARTS.d
          }
          // both reduced: equal values have equal parts (a long value has none)
          if (selfScore !== undefined && (p !== undefined ? !selfScore.eq(p) : selfScore.smallNumerator !== pn || selfScore.smallDenominator !== pd)) {
            const computed = (p ??= Exact.ratio(pn, pd))
            flags ??= []
            flags.push(
              flag(
                'self_score_differs',
                code,
                `${quoted(code)}: tự chấm ${selfScore}, dữ kiện cho ${computed}; dùng điểm tính từ dữ kiện`,
                `${quoted(code)}: self score ${selfScore}, the facts give ${computed}; the facts win`,
              ),
            )
            events?.push({ kind: 'self_score_differs', selfScore, computed })
          }
        } else if (selfScore !== undefined) {
          p = selfScore
          pn = p.smallNumerator
          pd = p.smallDenominator
          events?.push({ kind: 'self_score', points: selfScore })
        } else {
          p = Exact.ZERO
          pn = 0
          flags ??= []
          flags.push(flag('missing_input', code, `${quoted(code)} chưa có điểm tự chấm hay dữ kiện: tính 0 điểm`, `${quoted(code)} has no self score or facts: scored 0`))
          events?.push(NO_INPUT)
        }
        // evidence (tài liệu kiểm chứng)
        if (n.evidence || traces) {
          const hasDocs = entries.docsStamp[i] === stamp
          const docs = hasDocs ? entries.docs[i]! : NO_DOCUMENTS
          const documents = hasDocs ? entries.docsCount[i]! : 0
          const required = n.evidence?.required === true
          const min = n.evidence?.minDocuments ?? 1
          const satisfied = !required || documents >= min
          let policyApplied = false
          if (!satisfied) {
            explanation = a.explanations && own.call(a.explanations, code) ? a.explanations[code] : undefined
            flags ??= []
            flags.push(flag('missing_evidence', code, `${quoted(code)} thiếu tài liệu kiểm chứng (${documents}/${min})`, `${quoted(code)} lacks evidence (${documents}/${min})`))
            // a long value (NaN parts) is never zero
            if (pack.evidencePolicy === 'zero' && pn !== 0) {
              policyApplied = true
              events?.push({ kind: 'evidence_missing', documents, minDocuments: min, zeroed: true })
              p = Exact.ZERO
              pn = 0
              pd = 1
            } else {
              events?.push({ kind: 'evidence_missing', documents, minDocuments: min, zeroed: false })
            }
            if (explanation !== undefined) events?.push({ kind: 'explanation', text: explanation })
          }
          if (traces && (required || documents > 0)) evidenceTrace = { required, minDocuments: min, documents: docs.slice(0, documents).map(documentOf), satisfied, policyApplied }
        }
        // appraisal: the latest round wins
        const ap = entries.appraisedStamp[i] === stamp ? entries.appraised[i] : undefined
        if (ap) {
          if (traces) appraisalSteps = appraisalTrail(history?.get(code) ?? [], (p ??= Exact.ratio(pn, pd)), events!)
          p = ap
          pn = p.smallNumerator
          pd = p.smallDenominator
        }
      }
      if (leafRounding) {
        p ??= Exact.ratio(pn, pd)
        const r = p.round(leafRounding.decimals, leafRounding.mode)
        if (events && !r.eq(p)) events.push({ kind: 'rounding', mode: leafRounding.mode, decimals: leafRounding.decimals, from: p, to: r })
        p = r
        pn = p.smallNumerator
        pd = p.smallDenominator
      }
    } else {
      const kids = n.children
      // without not-applicable parts the applicable maximum is the declared one (sums are checked at compile)
      let m = n.maxPoints
      if (anyNotApplicable) {
        m = Exact.sumAt(appMax, kids)
      }
      max = m
      const summed = Exact.sumPartsAt(num, den, kids, SUM)
      if (summed && traces === undefined && n.adjustments.length === 0 && ((SUM.n >= 0 && entries.sumWithin[i] === 1) || withinBounds(SUM.n, SUM.d, m, n.floor))) {
        // the usual inner node: its points are the sum as it is, kept as parts (no rational made)
        exact[i] = undefined
        num[i] = SUM.n
        den[i] = SUM.d
        if (anyNotApplicable) appMax[i] = max
        continue
      }
      if (summed) {
        pn = SUM.n
        pd = SUM.d
        // a rational of the sum only for a trace (its settle on integers needs none)
        if (traces) p = Exact.ratio(pn, pd)
      } else {
        // a part too long for safe integers: every child as a rational, summed exactly
        for (let c = 0; c < kids.length; c++) {
          const k = kids[c]!
          exact[k] ??= Exact.ratio(num[k]!, den[k]!)
        }
        p = Exact.sumAt(exact as Exact[], kids)
        pn = p.smallNumerator
        pd = p.smallDenominator
      }
      if (events) {
        sumOfChildren = p
        events.push({ kind: 'sum', children: n.children.length, sum: p!, max: m })
      }
    }

    // adjustments on this node, then keep within [floor, applicable max]
    let applied: AppliedAdjustment[] | undefined
    if (n.adjustments.length === 0 && withinBounds(pn, pd, max, n.floor)) {
      // nothing to adjust and within bounds, where the clamp leaves points as they are (and tells nothing)
      exact[i] = p
      num[i] = pn
      den[i] = pd
    } else if (traces === undefined && n.adjustments.length > 0) {
      // without a trace: every amount worked out once, in order, then settled on integers
      // over a common scale when all the node's numbers are on one, else on rationals
      adjusting.node = n
      const count = n.adjustments.length
      for (let j = 0; j < count; j++) entries.amounts[j] = PACK_ADJUSTMENTS.amount(adjusting, j)!
      entries.unit = adjusting
      let bonus: Exact
      let deduction: Exact
      if (settleScaled(entries, n, pn, pd, max, count)) {
        p = undefined
        pn = SCALED_OUT.n
        pd = SCALED_OUT.d
        bonus = SCALED_OUT.bonus === 0 ? Exact.ZERO : Exact.ratio(SCALED_OUT.bonus, SCALED_OUT.scale)
        deduction = SCALED_OUT.deduction === 0 ? Exact.ZERO : Exact.ratio(SCALED_OUT.deduction, SCALED_OUT.scale)
      } else {
        p = settle(EXACT, p ?? Exact.ratio(pn, pd), AMOUNTS_READ, entries, 0, count, n.caps, max, n.floor, settled)!
        pn = p.smallNumerator
        pd = p.smallDenominator
        bonus = settled.bonus
        deduction = settled.deduction
      }
      exact[i] = p
      num[i] = pn
      den[i] = pd
      if (!bonus.isZero() || !deduction.isZero()) entries.applied(i, bonus, deduction)
    } else {
      p ??= Exact.ratio(pn, pd)
      if (n.adjustments.length > 0) {
        if (traces) applied = []
        adjusting.node = n
      }
      if (recorder) {
        recorder.events = events!
        recorder.applied = applied
      }
      // exact numbers decide every amount: the settle always gives points here
      exact[i] = p =
        n.adjustments.length === 0 ? clampPoints(EXACT, p, max, n.floor, recorder) : settle(EXACT, p, PACK_ADJUSTMENTS, adjusting, 0, n.adjustments.length, n.caps, max, n.floor, settled, recorder)!
      num[i] = p.smallNumerator
      den[i] = p.smallDenominator
      if (n.adjustments.length > 0 && (!settled.bonus.isZero() || !settled.deduction.isZero())) entries.applied(i, settled.bonus, settled.deduction)
    }
    if (anyNotApplicable) appMax[i] = max
    if (traces) {
      const t = new Trace(n.code, readFacts(facts, n), appraisalSteps ?? NONE, applied ?? NONE, false, events!)
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
  // no flags (most units): the shared frozen empty list, as the lane's results have
  // the lists of adjusted nodes are read into the result's values, not kept
  let adjusted: number[] | undefined
  let adjustments: Exact[] | undefined
  if (entries.adjustedCount > 0) {
    adjusted = entries.adjustedNodes
    adjustments = entries.adjustedValues
    adjusted.length = entries.adjustedCount
    adjustments.length = 2 * entries.adjustedCount
  }
  let values = interpreterValues(pack, num, den, exact, anyNotApplicable ? appMax : undefined, na, adjusted, adjustments)
  // values too long for the packed form keep the applicable maxima as they are: a list of their own
  if ('appMax' in values && values.appMax === entries.appMax) values = { ...values, appMax: [...entries.appMax] }
  return new UnitResult(pack, a, values, flags ?? NONE, traces, borrow, copied)
}

/** {@link UnitAdjustments} as the pack's table keeps it: pointed at each unit in turn. */
type UnitState = { -readonly [K in keyof UnitAdjustments]-?: UnitAdjustments[K] }

/**
 * The unit an exact settle reads its adjustments' amounts from: one per unit, pointed at
 * each adjusted node in turn. @internal
 */
export interface UnitAdjustments {
  readonly pack: CompiledPack
  readonly a: Assessment
  readonly facts: Facts
  readonly factIssues: ChisoIssue[] | undefined
  readonly base: IssuePath
  node: CompiledNode
  /** whether a trace reads how each amount was worked out (absent: it does) */
  readonly explain?: boolean
  /**
   * how the last amount was worked out, for the trace: a computed adjustment's text, or the
   * amount entered (null: none entered), made into text only when a trace reads it
   */
  detail: string | Exact | null
}

/** The trace's text of how an adjustment's amount was worked out. @internal */
function detailText(detail: string | Exact | null): string {
  if (detail === null) return 'not entered → 0'
  return typeof detail === 'string' ? detail : `entered ${detail}`
}

/** A node's adjustments as the pack declares them: entered by hand, or computed from facts. @internal */
export const PACK_ADJUSTMENTS: AdjustmentSource<Exact, UnitAdjustments> = {
  amount(u, j) {
    const adj = u.pack.adjustments[u.node.adjustments[j]!]!
    if (adj.entered) {
      const raw = u.a.adjustments && own.call(u.a.adjustments, adj.id) ? u.a.adjustments[adj.id] : undefined
      if (raw === undefined) {
        u.detail = null
        return Exact.ZERO
      }
      const amount = Exact.from(raw)
      u.detail = amount
      return amount
    }
    const r = adj.compute!(u.facts, u.explain !== false)
    // a fact present but unusable is an input error, as it is for a leaf
    if (r.unusable && u.factIssues) adj.checkFacts?.(u.facts, [...u.base, 'facts'], u.factIssues)
    u.detail = r.detail
    return r.amount
  },
  isBonus: (u, j) => u.pack.adjustments[u.node.adjustments[j]!]!.type === 'bonus',
  cap: (u, j) => u.pack.adjustments[u.node.adjustments[j]!]!.cap,
}

/** The trace's text of a settle, plus each adjustment applied (when the trace lists them). @internal */
export class NodeSteps extends TextSteps {
  applied: AppliedAdjustment[] | undefined
  constructor(
    events: TraceEvent[],
    readonly unit: UnitAdjustments,
  ) {
    super(events)
  }
  override adjustment(j: number, amount: Exact, counted: Exact): void {
    const u = this.unit
    const adj = u.pack.adjustments[u.node.adjustments[j]!]!
    this.applied?.push({ id: adj.id, type: adj.type, title: adj.title, amount, applied: counted, detail: detailText(u.detail) })
  }
}
