/**
 * The exact interpreter: scores a validated assessment node by node with rationals —
 * rules, entered and appraised scores, evidence, survey, adjustments, caps and clamps.
 */
import type { CompiledPack, CompiledNode } from '../model/compile.js'
import type { Facts } from '../rules/conditions.js'
import type { ChisoIssue, IssuePath } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import type { RuleOutcome } from '../rules/types.js'
import type { Assessment } from '../model/schemas.js'
import { preview } from '../util/limits.js'
import { NONE, UnitResult, type AppliedAdjustment, type AppraisalStep, type NodeTrace, type ResultFlag } from './result.js'
import { appraisalTrail, readFacts, readsUnit, sharedArrays, Trace } from './trace.js'
import { ruleEvent, type TraceEvent } from './trace-events.js'
import { EXACT, settle, TextSteps, type Adjusted, type AdjustmentSource } from './settle.js'

const own = Object.prototype.hasOwnProperty
/** what a unit without facts or survey reads (frozen: scoring only reads them) */
const NO_FACTS: Facts = Object.freeze({})
const NO_SURVEY: NonNullable<Assessment['survey']> = Object.freeze({})

// events without data: one frozen object each, shared by every trace
const NOT_APPLICABLE_EVENTS: readonly TraceEvent[] = Object.freeze([Object.freeze({ kind: 'not_applicable' }) as TraceEvent])
const SURVEY_MISSING: TraceEvent = Object.freeze({ kind: 'survey_missing' })
const NO_INPUT: TraceEvent = Object.freeze({ kind: 'no_input' })

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
  /** each appraised leaf's points after the latest round */
  final: Map<string, Exact>
  /** with traces only: every round that changed each leaf */
  history: Map<string, { round: number; reviewer: string; at: string; reason: string; to: Exact }[]> | undefined
}

function indexAppraisals(a: Assessment, wantHistory: boolean): AppraisalIndex | undefined {
  const rounds = a.appraisals
  if (!rounds || rounds.length === 0) return undefined
  // rounds usually come in order: sorted (a copy) only when they do not
  let ordered = rounds
  for (let i = 1; i < rounds.length; i++) {
    if (rounds[i]!.round < rounds[i - 1]!.round) {
      ordered = [...rounds].sort((x, y) => x.round - y.round)
      break
    }
  }
  const final = new Map<string, Exact>()
  const history = wantHistory ? new Map<string, { round: number; reviewer: string; at: string; reason: string; to: Exact }[]>() : undefined
  for (const r of ordered) {
    for (const c of r.changes) {
      const to = Exact.from(c.points)
      final.set(c.code, to)
      if (history) {
        let h = history.get(c.code)
        if (!h) history.set(c.code, (h = []))
        h.push({ round: r.round, reviewer: r.reviewer, at: r.at, reason: c.reason, to })
      }
    }
  }
  return { final, history }
}

/** Scores a validated assessment; `copied`: the private copy of it the result keeps, when made already. @internal */
export function score(pack: CompiledPack, a: Assessment, trace: boolean, factIssues?: ChisoIssue[], base: IssuePath = [], borrow = false, copied?: Assessment): UnitResult {
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

  let facts: Facts = a.facts ?? NO_FACTS
  // the unit's own record is the fact `unit`: joined to the facts only for packs that read it
  // (a copy of every fact per unit otherwise, for nothing)
  if (a.unit && readsUnit(pack) && !own.call(facts, 'unit')) {
    facts = { ...facts, unit: { ...a.unit, attributes: a.unit.attributes ?? {} } }
  }
  // most batch inputs carry no self scores or survey (facts decide): skip those lookups then
  const self = a.selfScores !== undefined && Object.keys(a.selfScores).length > 0 ? a.selfScores : undefined
  const survey = a.survey ?? NO_SURVEY
  const appraisals = indexAppraisals(a, trace)
  // one settle's state and recorder per unit, pointed at each node in turn
  const adjusting: UnitAdjustments = { pack, a, facts, factIssues, base, node: nodes[0]!, detail: '' }
  const recorder = trace ? new NodeSteps([], adjusting) : undefined
  const settled: Adjusted<Exact> = { bonus: Exact.ZERO, deduction: Exact.ZERO }

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
      points[i] = Exact.ZERO
      appMax[i] = Exact.ZERO
      if (traces) {
        traces[i] = new Trace(n.code, readFacts(facts, n), NONE, NONE, true, NOT_APPLICABLE_EVENTS)
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
          const out = rule.fromSurvey!(input, trace)
          p = out.points
          branch = out.branch
          surveyPts = p
          events?.push({ kind: 'survey', branch: out.branch, points: p })
        } else {
          p = Exact.ZERO
          flags.push(flag('missing_survey', code, `Chưa có kết quả điều tra cho ${quoted(code)}: tính 0 điểm`, `No survey result for ${quoted(code)}: scored 0`))
          events?.push(SURVEY_MISSING)
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
          events?.push(ruleEvent(n, n.ruleKind ?? '', out.branch, p))
          if (out.inconsistent) {
            flags.push({ code: 'inconsistent_data', criterion: code, message: out.inconsistent.message, values: out.inconsistent.values })
            events?.push({ kind: 'inconsistent_data', values: out.inconsistent.values })
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
            events?.push({ kind: 'self_score_differs', selfScore, computed: p })
          }
        } else if (selfScore !== undefined) {
          p = selfScore
          events?.push({ kind: 'self_score', points: selfScore })
        } else {
          p = Exact.ZERO
          flags.push(flag('missing_input', code, `${quoted(code)} chưa có điểm tự chấm hay dữ kiện: tính 0 điểm`, `${quoted(code)} has no self score or facts: scored 0`))
          events?.push(NO_INPUT)
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
              events?.push({ kind: 'evidence_missing', documents: docs.length, minDocuments: min, zeroed: true })
              p = Exact.ZERO
            } else {
              events?.push({ kind: 'evidence_missing', documents: docs.length, minDocuments: min, zeroed: false })
            }
            if (explanation !== undefined) events?.push({ kind: 'explanation', text: explanation })
          }
          if (traces && (required || docs.length > 0)) evidenceTrace = { required, minDocuments: min, documents: docs, satisfied, policyApplied }
        }
        // appraisal: the latest round wins
        const ap = appraisals?.final.get(code)
        if (ap) {
          if (traces) appraisalSteps = appraisalTrail(appraisals!.history?.get(code) ?? [], p, events!)
          p = ap
        }
      }
      if (leafRounding) {
        const r = p.round(leafRounding.decimals, leafRounding.mode)
        if (events && !r.eq(p)) events.push({ kind: 'rounding', mode: leafRounding.mode, decimals: leafRounding.decimals, from: p, to: r })
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
      events?.push({ kind: 'sum', children: n.children.length, sum: s, max: m })
    }

    // adjustments on this node, then keep within [floor, applicable max]
    let applied: AppliedAdjustment[] | undefined
    if (n.adjustments.length > 0) {
      if (traces) applied = []
      adjusting.node = n
    }
    if (recorder) {
      recorder.events = events!
      recorder.applied = applied
    }
    // exact numbers decide every amount: the settle always gives points here
    p = settle(EXACT, p, PACK_ADJUSTMENTS, adjusting, 0, n.adjustments.length, n.caps, max, n.floor, settled, recorder)!
    const b = settled.bonus
    const d = settled.deduction
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
  return new UnitResult(pack, a, { points, appMax, na, bonus, deduction }, flags.length === 0 ? NONE : flags, traces, borrow, copied)
}

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
  /** how the last amount was worked out, for the trace */
  detail: string
}

/** A node's adjustments as the pack declares them: entered by hand, or computed from facts. @internal */
export const PACK_ADJUSTMENTS: AdjustmentSource<Exact, UnitAdjustments> = {
  amount(u, j) {
    const adj = u.pack.adjustments[u.node.adjustments[j]!]!
    if (adj.entered) {
      const raw = u.a.adjustments && own.call(u.a.adjustments, adj.id) ? u.a.adjustments[adj.id] : undefined
      const amount = raw === undefined ? Exact.ZERO : Exact.from(raw)
      u.detail = raw === undefined ? 'not entered → 0' : `entered ${amount}`
      return amount
    }
    const r = adj.compute!(u.facts)
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
    this.applied?.push({ id: adj.id, type: adj.type, title: adj.title, amount, applied: counted, detail: u.detail })
  }
}
