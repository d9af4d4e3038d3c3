/**
 * The cheapest way up: which criteria a unit should raise, to which level each, to reach a
 * target — the next band, a band, an index, or a rank in its group with the other units'
 * results held fixed — at the least effort (the points themselves unless the pack or the
 * caller says otherwise). Solved exactly over the levels each rule can give (solve.ts),
 * then applied to the assessment and scored again by the engine, which has the last word.
 */
import type { BatchResult, RankingMethod } from '../engine/batch.js'
import { bandFor } from '../engine/batch.js'
import type { CompiledPack, LocalText } from '../model/compile.js'
import { ChisoError, issue, neverThrows, type ChisoIssue, type SafeResult } from '../util/errors.js'
import { evaluateParsed } from '../engine/evaluate.js'
import type { UnitResult } from '../engine/result.js'
import { Exact } from '../util/exact.js'
import { parseAssessmentInput } from '../engine/assessment-input.js'
import type { Assessment, DecimalInput } from '../model/schemas.js'
import { decimalLimitIssue, DenominatorBound } from '../util/limits.js'
import { copyData } from '../model/validate.js'
import { leafLevels, type LeafLevels, type LevelChange, type NotImprovableReason } from './levels.js'
import { codeOrder, pointsLost, type LossCause, type UnitLosses } from './losses.js'
import { areaOf } from './rule-source.js'
import { argumentIssue, isBatchResult, optionKeyIssues, packArgumentIssue } from '../util/arguments.js'
import { solvePlan, type SolverLeaf } from './solve.js'
import { measureOf, othersOf, pointsNeeded, rankAmong, reaches, resolveTarget, type PlanTarget, type ResolvedTarget } from './targets.js'
import type { BiText } from './text.js'

export type { PlanTarget, ResolvedTarget } from './targets.js'
export type { LevelChange, NotImprovableReason } from './levels.js'

/** Options for {@link planImprovement}. */
export interface PlanOptions {
  /** what to aim at (default `'next-band'`) */
  readonly target?: PlanTarget
  /**
   * effort of one point per criterion code, overriding the pack's `effort` (a code of an
   * inner node applies to the criteria under it); default: the pack's, else 1 — a plan then
   * costs the points it raises
   */
  readonly effort?: Readonly<Record<string, DecimalInput>>
  /** the batch the unit is ranked in: needed for a rank target, and to show ranks */
  readonly population?: BatchResult
  /** ranking method for ranks (default: the pack's) */
  readonly rankingMethod?: RankingMethod
}

/** Where a unit stands: before the plan, or once it is applied. */
export interface PlanStanding {
  readonly total: Exact
  readonly applicableMax: Exact
  readonly index: Exact
  readonly band: { readonly code: string; readonly label: LocalText } | undefined
  /** the rank in its group with the others held fixed; null without a population */
  readonly rank: number | null
  readonly groupSize: number | null
}

/** One line of the plan: a criterion to raise ("kế hoạch khắc phục"). */
export interface PlanStep {
  readonly code: string
  readonly title: LocalText
  readonly area: { readonly code: string; readonly title: LocalText }
  readonly maxPoints: Exact
  /** points now */
  readonly from: Exact
  /** points once the plan is applied, as the engine scores them */
  readonly to: Exact
  /** to − from ("điểm tăng") */
  readonly gained: Exact
  /** the effort of it: gained × the criterion's effort per point */
  readonly effort: Exact
  /** points lost now: maximum − from ("điểm bị mất") */
  readonly lost: Exact
  /** why they were lost ("nguyên nhân"), as {@link pointsLost} gives them */
  readonly causes: readonly LossCause[]
  /** the level to reach ("mức cần đạt") */
  readonly target: BiText
  /** what changes in the assessment */
  readonly change: LevelChange
}

/** A criterion below its maximum that a plan cannot raise, and why. */
export interface NotImprovable {
  readonly code: string
  readonly title: LocalText
  readonly area: string
  readonly lost: Exact
  readonly reason: NotImprovableReason
  readonly text: BiText
}

/** An improvement plan. */
export interface ImprovementPlan {
  readonly unitId: string
  readonly period: string
  readonly group: string
  readonly pack: { readonly id: string; readonly version: string }
  readonly target: ResolvedTarget
  /** `met`: already there, no steps; `planned`: the steps reach it; `unreachable`: it cannot be reached — the steps reach the best that can */
  readonly status: 'met' | 'planned' | 'unreachable'
  readonly text: BiText
  readonly before: PlanStanding
  /** once the plan is applied (scored by the engine); for `unreachable`, the best reachable */
  readonly after: PlanStanding
  /** criteria to raise, by area (the area gaining most first), largest gain first */
  readonly steps: readonly PlanStep[]
  /** total effort (the points raised, unless efforts are declared) */
  readonly effort: Exact
  /** index points gained: after.total − before.total */
  readonly gained: Exact
  /** where the points went now */
  readonly losses: UnitLosses
  /** criteria below their maximum the plan cannot raise (survey results, plug-in rules …) */
  readonly notImprovable: readonly NotImprovable[]
  /** the grid the plan was solved on; `exact`: every value lay on it, so no cheaper plan exists over these levels */
  readonly grid: { readonly step: Exact; readonly exact: boolean }
  /** the assessment with the plan applied: what `after` is scored from */
  readonly assessment: Assessment
}

/**
 * Plans the cheapest way for one unit to reach a target. Every criterion below its maximum
 * is considered at each level its rule can give (choice options, steps, true for a
 * boolean, whole numerators of a ratio over the unit's own denominator, counts, branches
 * of conditions, multiples of a manual step, hundredths for a free score), together with
 * the evidence it lacks and what an appraisal cut; survey results and plug-in rules are
 * listed as not improvable. The cheapest set of levels is found exactly (a knapsack over
 * the tree, honouring caps, floors and deductions on every node and the index's own
 * rounding), applied to the assessment, and scored again by the engine.
 *
 * @example
 * ```ts
 * import { evaluateBatch } from '@chiso/core'
 * import { planImprovement } from '@chiso/core/analysis'
 * const batch = evaluateBatch(pack, assessments)
 * const plan = planImprovement(pack, assessments[0], { target: { band: 'tot' }, population: batch })
 * plan.status // 'planned'
 * for (const s of plan.steps) console.log(s.code, s.lost.toString(), s.target.vi, `+${s.gained}`)
 * plan.after.index.toString() // '80'
 * ```
 */
export function planImprovement(pack: CompiledPack, assessment: unknown, options: PlanOptions = {}): ImprovementPlan {
  const r = safePlanImprovement(pack, assessment, options)
  if (!r.ok) throw new ChisoError(r.issues, 'improvement plan')
  return r.value
}

/**
 * {@link planImprovement} that returns every problem (a bad assessment, an unknown band,
 * an effort for an unknown criterion, a rank target without a population) instead of
 * throwing.
 *
 * @example
 * ```ts
 * import { safePlanImprovement } from '@chiso/core/analysis'
 * const r = safePlanImprovement(pack, assessment, { target: { band: 'khong-co' } })
 * if (!r.ok) console.log(r.issues[0]?.code) // 'unknown_band'
 * ```
 */
export function safePlanImprovement(pack: CompiledPack, assessment: unknown, options: PlanOptions = {}): SafeResult<ImprovementPlan> {
  return neverThrows(() => plan(pack, assessment, options))
}

/** The keys of {@link PlanOptions}. */
const PLAN_OPTIONS: readonly string[] = ['target', 'effort', 'population', 'rankingMethod']

function plan(pack: CompiledPack, assessment: unknown, options: PlanOptions): SafeResult<ImprovementPlan> {
  const bad = packArgumentIssue(pack)
  if (bad) return { ok: false, issues: [bad] }
  const unknown = optionKeyIssues(options, PLAN_OPTIONS)
  if (unknown.length > 0) return { ok: false, issues: unknown }
  if (options.population !== undefined && !isBatchResult(options.population)) return { ok: false, issues: [argumentIssue(['options', 'population'], 'batch_result', options.population)] }
  // the copy made as the input is checked (each value read once) is what is planned from
  const parsed = parseAssessmentInput(assessment, [], true)
  if (!parsed.data) return { ok: false, issues: parsed.issues }
  const a = parsed.data
  const scored = evaluateParsed(pack, a, { trace: true }, parsed.copy)
  if (!scored.ok) return scored
  const result = scored.value
  const rates = effortRates(pack, options.effort)
  if (!rates.ok) return rates
  const method = options.rankingMethod ?? pack.ranking.method
  const resolved = resolveTarget(pack, result, options.target ?? 'next-band', options.population, method)
  if (!resolved.ok) return resolved
  const target = resolved.value
  const others = options.population ? othersOf(options.population, result.unitId, result.group).map((o) => measureOf(o, pack.ranking.by)) : undefined
  const standing = (r: UnitResult): PlanStanding => {
    const band = bandFor(pack, pack.bandsBy === 'points' ? r.total : r.index)
    return {
      total: r.total,
      applicableMax: r.applicableMax,
      index: r.index,
      band: band ? { code: band.code, label: band.label } : undefined,
      rank: others ? rankAmong(measureOf(r, pack.ranking.by), others, method) : null,
      groupSize: others ? others.length + 1 : null,
    }
  }
  const losses = pointsLost(result)
  const causesOf = new Map<string, readonly LossCause[]>()
  for (const ar of losses.areas) for (const c of ar.criteria) if (c.kind === 'criterion') causesOf.set(c.code, c.causes)

  // every applicable leaf below its maximum, with its levels
  const leaves = new Map<number, LeafLevels>()
  const notImprovable: NotImprovable[] = []
  for (const n of pack.nodes) {
    if (!n.isLeaf) continue
    const res = result.node(n.code)!
    if (res.notApplicable || !res.points.lt(res.applicableMax)) continue
    const l = leafLevels(pack, n, res, a)
    if (l.notImprovable) {
      notImprovable.push({
        code: n.code,
        title: n.title,
        area: pack.nodes[areaOf(pack, n.index)]!.code,
        lost: res.applicableMax.sub(res.points),
        reason: l.notImprovable.reason,
        text: l.notImprovable.text,
      })
    }
    if (l.levels.length > 0) leaves.set(n.index, l)
  }
  const rateOf = (i: number): Exact => rates.value.get(i)!
  const solverLeaves = new Map<number, SolverLeaf>()
  for (const [i, l] of leaves) solverLeaves.set(i, { index: i, current: l.current, levels: l.levels.map((v) => ({ points: v.points, cost: v.points.sub(l.current).mul(rateOf(i)) })) })

  const base = { unitId: result.unitId, period: result.period, group: result.group, pack: { id: pack.id, version: pack.version }, target, before: standing(result), losses, notImprovable }
  if (reaches(result, target)) {
    return {
      ok: true,
      value: {
        ...base,
        status: 'met',
        text: describe('met', target, standing(result), standing(result), 0),
        after: standing(result),
        steps: [],
        effort: Exact.ZERO,
        gained: Exact.ZERO,
        grid: { step: Exact.ONE, exact: true },
        assessment: copyData(a),
      },
    }
  }

  const threshold = pointsNeeded(pack, result.applicableMax, target)
  let choice = new Map<number, number>()
  let status: 'planned' | 'unreachable' = 'unreachable'
  let grid = { step: Exact.ONE, exact: true }
  let applied = a
  let after = result
  if (threshold) {
    // the root gain needed; should the engine find the plan short (it should not: every
    // figure is modelled), ask for the shortfall more and solve again
    let need = threshold.points.sub(result.total)
    for (let attempt = 0; attempt < 4; attempt++) {
      const solved = solvePlan(pack, result, solverLeaves, need, threshold.strict)
      grid = solved.grid
      choice = new Map(solved.choice)
      applied = applyLevels(a, pack, leaves, choice)
      after = rescore(pack, applied)
      if (solved.status === 'unreachable') break
      if (reaches(after, target)) {
        status = 'planned'
        break
      }
      need = need.add(Exact.max(threshold.points.sub(after.total), grid.step))
    }
    if (status === 'planned' && !grid.exact) {
      // lower each step to the least level that still reaches the target (the engine decides):
      // on an exact grid this changes nothing; off it, it gives back what rounding to the grid took
      const order = [...choice.keys()].sort((x, y) => costOf(y).cmp(costOf(x)) || x - y)
      for (const i of order) {
        let lo = -1
        let hi = choice.get(i)!
        while (lo < hi) {
          const mid = Math.floor((lo + hi) / 2)
          const trial = new Map(choice)
          if (mid < 0) trial.delete(i)
          else trial.set(i, mid)
          const r = rescore(pack, applyLevels(a, pack, leaves, trial))
          if (reaches(r, target)) hi = mid
          else lo = mid + 1
        }
        if (hi < 0) choice.delete(i)
        else choice.set(i, hi)
      }
      applied = applyLevels(a, pack, leaves, choice)
      after = rescore(pack, applied)
    }
  }
  function costOf(i: number): Exact {
    const l = leaves.get(i)!
    return l.levels[choice.get(i)!]!.points.sub(l.current).mul(rateOf(i))
  }

  const steps: PlanStep[] = []
  for (const [i, j] of choice) {
    const l = leaves.get(i)!
    const n = l.node
    const to = after.node(n.code)!.points
    const gained = to.sub(l.current)
    const area = pack.nodes[areaOf(pack, i)]!
    steps.push({
      code: n.code,
      title: n.title,
      area: { code: area.code, title: area.title },
      maxPoints: l.max,
      from: l.current,
      to,
      gained,
      effort: gained.mul(rateOf(i)),
      lost: l.max.sub(l.current),
      causes: causesOf.get(n.code) ?? [],
      target: l.levels[j]!.target,
      change: l.levels[j]!.change,
    })
  }
  const byArea = new Map<string, Exact>()
  for (const s of steps) byArea.set(s.area.code, (byArea.get(s.area.code) ?? Exact.ZERO).add(s.gained))
  steps.sort((x, y) => byArea.get(y.area.code)!.cmp(byArea.get(x.area.code)!) || codeOrder(x.area.code, y.area.code) || y.gained.cmp(x.gained) || codeOrder(x.code, y.code))
  const effort = steps.reduce((s, x) => s.add(x.effort), Exact.ZERO)
  const afterStanding = standing(after)
  return {
    ok: true,
    value: {
      ...base,
      status,
      text: describe(status, target, standing(result), afterStanding, steps.length),
      after: afterStanding,
      steps,
      effort,
      gained: after.total.sub(result.total),
      grid,
      assessment: applied,
    },
  }
}

/** Each leaf's effort per point: the caller's (own code or nearest ancestor's), else the pack's. */
function effortRates(pack: CompiledPack, user: Readonly<Record<string, DecimalInput>> | undefined): SafeResult<Map<number, Exact>> {
  const issues: ChisoIssue[] = []
  const given = new Map<number, Exact>()
  // the caller's efforts are bounded as a pack's are (digits, common denominator), so a plan's costs stay small
  const bound = new DenominatorBound(issues)
  for (const [code, raw] of Object.entries(user ?? {})) {
    const n = pack.node(code)
    const path = ['effort', code]
    if (!n || n.index === 0) {
      issues.push(issue('unknown_criterion', path, { code, pack: `${pack.id}@${pack.version}` }, code))
      continue
    }
    const tooPrecise = typeof raw === 'number' || typeof raw === 'string' ? decimalLimitIssue(raw, path) : undefined
    if (tooPrecise) {
      issues.push(tooPrecise)
      continue
    }
    const v = Exact.tryFrom(raw)
    if (v === undefined) issues.push(issue('invalid_decimal', path, { value: raw }, raw))
    else if (!v.gt(Exact.ZERO)) issues.push(issue('invalid_value', path, { value: raw, detail: 'phải lớn hơn 0', detailEn: 'must be above 0' }, raw))
    else {
      bound.declare(v, path, raw)
      given.set(n.index, v)
    }
  }
  if (issues.length > 0) return { ok: false, issues }
  const out = new Map<number, Exact>()
  for (const n of pack.nodes) {
    if (!n.isLeaf) continue
    let i = n.index
    while (i > 0 && !given.has(i)) i = pack.nodes[i]!.parent
    out.set(n.index, given.get(i) ?? n.effort)
  }
  return { ok: true, value: out }
}

function rescore(pack: CompiledPack, a: Assessment): UnitResult {
  const r = evaluateParsed(pack, a, { inputs: 'borrow' })
  // a plan proposes only values its rules accept: a refusal here is a bug in the planner
  if (!r.ok) throw new ChisoError(r.issues, 'assessment with the plan applied (internal error: please report it)')
  return r.value
}

/** The assessment with the chosen levels applied. */
function applyLevels(a: Assessment, pack: CompiledPack, leaves: ReadonlyMap<number, LeafLevels>, choice: ReadonlyMap<number, number>): Assessment {
  const out = copyData(a)
  const fixed = new Set<string>()
  const ids = new Set((out.evidence ?? []).map((e) => e.id))
  for (const [i, j] of choice) {
    const code = pack.nodes[i]!.code
    const change = leaves.get(i)!.levels[j]!.change
    if (change.facts) out.facts = merged(out.facts, change.facts)
    if (change.selfScore !== undefined) out.selfScores = merged<string | number>(out.selfScores, { [code]: change.selfScore.toString() })
    if (change.evidence !== undefined) {
      const docs = [...(out.evidence ?? [])]
      for (let k = 1; k <= change.evidence; k++) {
        let id = `ke-hoach-${code}-${k}`
        while (ids.has(id)) id += '+'
        ids.add(id)
        docs.push({ id, title: 'Tài liệu kiểm chứng cần bổ sung (kế hoạch khắc phục)', criteria: [code] })
      }
      out.evidence = docs
    }
    if (change.fixAppraisal) fixed.add(code)
  }
  if (fixed.size > 0 && out.appraisals) out.appraisals = out.appraisals.map((r) => ({ ...r, changes: r.changes.filter((c) => !fixed.has(c.code)) }))
  return out
}

/**
 * A record with `extra`'s entries over `base`'s, of `base`'s kind: an object without a
 * prototype stays one (nothing inherited appears in the plan's assessment), and every key is
 * data, "__proto__" too.
 */
function merged<T>(base: Readonly<Record<string, T>> | undefined, extra: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = base !== undefined && Object.getPrototypeOf(base) === null ? Object.create(null) : {}
  for (const from of base === undefined ? [extra] : [base, extra]) {
    for (const k of Object.keys(from)) Object.defineProperty(out, k, { value: from[k], enumerable: true, writable: true, configurable: true })
  }
  return out
}

function describe(status: 'met' | 'planned' | 'unreachable', t: ResolvedTarget, before: PlanStanding, after: PlanStanding, steps: number): BiText {
  const idx = (s: PlanStanding): BiText => ({ vi: s.index.toFixed(2).replace('.', ','), en: s.index.toFixed(2) })
  const place = (s: PlanStanding): BiText => (s.rank === null ? { vi: '', en: '' } : { vi: `, xếp thứ ${s.rank}/${s.groupSize}`, en: `, rank ${s.rank} of ${s.groupSize}` })
  const band = (s: PlanStanding): BiText => (s.band ? { vi: `, loại "${s.band.label.vi}"`, en: `, band "${s.band.label.en ?? s.band.label.vi}"` } : { vi: '', en: '' })
  if (status === 'met')
    return {
      vi: `Đã đạt mục tiêu (${t.text.vi}): chỉ số ${idx(before).vi}${band(before).vi}${place(before).vi}; không cần khắc phục`,
      en: `Target met (${t.text.en}): index ${idx(before).en}${band(before).en}${place(before).en}; nothing to do`,
    }
  if (status === 'planned') {
    return {
      vi: `Để ${t.text.vi}: khắc phục ${steps} tiêu chí, chỉ số từ ${idx(before).vi} lên ${idx(after).vi}${band(after).vi}${place(after).vi}`,
      en: `To ${t.text.en}: raise ${steps} criteria, index from ${idx(before).en} to ${idx(after).en}${band(after).en}${place(after).en}`,
    }
  }
  return {
    vi: `Không thể ${t.text.vi}; tối đa đạt được: chỉ số ${idx(after).vi}${band(after).vi}${place(after).vi} khi khắc phục ${steps} tiêu chí`,
    en: `Cannot ${t.text.en}; the best reachable: index ${idx(after).en}${band(after).en}${place(after).en} by raising ${steps} criteria`,
  }
}
