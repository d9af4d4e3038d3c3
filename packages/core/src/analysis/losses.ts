/**
 * Where the points went: every criterion below its maximum with the points it lost and why
 * (the rule branch, a self score, missing evidence, an appraisal round and its reason, a
 * deduction), grouped by area, largest first; and the same over a group of units — which
 * criteria most units lose points on.
 */
import type { BatchResult } from '../engine/batch.js'
import type { CompiledNode, CompiledPack, LocalText } from '../model/compile.js'
import { evaluate } from '../engine/evaluate.js'
import type { NodeTrace, UnitResult } from '../engine/result.js'
import { Exact } from '../util/exact.js'
import { areaOf, ruleSources, type RuleSource } from './rule-source.js'
import { factValue, nums, type BiText } from './text.js'
import { argumentIssue, isBatchResult, isUnitResult, throwIfAny } from '../util/arguments.js'

/** Why points were lost, in the order the engine takes them (see docs/semantics.md). */
export type LossCauseKind = 'rule' | 'self-score' | 'missing-input' | 'survey' | 'missing-survey' | 'evidence' | 'appraisal' | 'rounding' | 'deduction' | 'bonus' | 'limit'

/** One cause of lost points. */
export interface LossCause {
  readonly kind: LossCauseKind
  /** points lost to this cause; negative when it gave points back (an appraisal that raised, a bonus) */
  readonly points: Exact
  readonly text: BiText
  /** the rule branch that fired (kind `rule`) */
  readonly branch?: string
  /** the facts the rule read (kind `rule`) */
  readonly facts?: Readonly<Record<string, unknown>>
  /** the appraisal round (kind `appraisal`) */
  readonly round?: number
  readonly reviewer?: string
  readonly reason?: string
  /** the adjustment's id (kinds `deduction`, `bonus`) */
  readonly adjustment?: string
}

/**
 * Points a criterion lost: a leaf with its causes, or an inner node's own part (its
 * deductions, bonuses and limits; its children are listed on their own).
 */
export interface CriterionLoss {
  readonly code: string
  readonly title: LocalText
  /** `criterion`: a leaf; `node`: the adjustments and limits of an inner node or of the whole index */
  readonly kind: 'criterion' | 'node'
  /** the area (lĩnh vực) code; `total` for the whole index's own adjustments */
  readonly area: string
  /** the applicable maximum (for a `node` entry: the node's) */
  readonly maxPoints: Exact
  readonly points: Exact
  /** points lost here; the causes add up to it exactly */
  readonly lost: Exact
  readonly causes: readonly LossCause[]
}

/** One area's losses, its criteria largest first. */
export interface AreaLoss {
  readonly code: string
  readonly title: LocalText
  readonly maxPoints: Exact
  readonly points: Exact
  readonly lost: Exact
  readonly criteria: readonly CriterionLoss[]
}

/** Everything one unit lost, by area, largest first. */
export interface UnitLosses {
  readonly unitId: string
  readonly period: string
  readonly group: string
  readonly total: Exact
  readonly applicableMax: Exact
  /** applicable max − total: the areas' losses and `overall` add up to it exactly */
  readonly lost: Exact
  readonly areas: readonly AreaLoss[]
  /** the whole index's own deductions, bonuses and limits (none when it has none) */
  readonly overall: CriterionLoss | undefined
}

/**
 * Where one unit's points went: every criterion below its maximum with the points lost and
 * each cause (rule branch and facts, self score, missing input or survey, missing evidence,
 * each appraisal round with its reviewer and reason, rounding, deductions), grouped by
 * area, largest first. The causes of a criterion add up exactly to what it lost, and the
 * areas (with the whole index's own adjustments) to applicable max − total. A result scored
 * without a trace is scored again with one.
 *
 * @example
 * ```ts
 * import { evaluate } from '@chiso/core'
 * import { pointsLost } from '@chiso/core/analysis'
 * const losses = pointsLost(evaluate(pack, assessment))
 * for (const a of losses.areas) {
 *   console.log(a.code, a.title.vi, a.lost.toString())
 *   for (const c of a.criteria) console.log('  ', c.code, c.lost.toString(), c.causes.map((x) => x.text.vi).join('; '))
 * }
 * ```
 */
export function pointsLost(result: UnitResult): UnitLosses {
  if (!isUnitResult(result)) throwIfAny([argumentIssue(['result'], 'unit_result', result)])
  const r = result.trace ? result : evaluate(result.pack, result.assessment, { trace: true, inputs: 'borrow' })
  const pack = r.pack
  const sources = ruleSources(pack)
  const byArea = new Map<number, CriterionLoss[]>()
  let overall: CriterionLoss | undefined
  const traces = r.trace!
  for (const n of pack.nodes) {
    const t = traces[n.index]!
    if (t.notApplicable) continue
    // most criteria lose nothing: only those that do (or carry adjustments) are looked at closely
    if (n.isLeaf && !r.pointsAt(n.index).lt(r.applicableMaxAt(n.index))) continue
    if (!n.isLeaf && n.adjustments.length === 0 && (t.sumOfChildren ?? Exact.ZERO).eq(r.pointsAt(n.index))) continue
    const res = r.node(n.code)!
    let entry: CriterionLoss | undefined
    if (n.isLeaf) {
      const lost = res.applicableMax.sub(res.points)
      entry = {
        code: n.code,
        title: n.title,
        kind: 'criterion',
        area: pack.nodes[areaOf(pack, n.index)]!.code,
        maxPoints: res.applicableMax,
        points: res.points,
        lost,
        causes: leafCauses(pack, n, res.applicableMax, res.points, res.bonus, res.deduction, t, sources.get(n.code)),
      }
    } else {
      const causes = adjustmentCauses(t.sumOfChildren ?? Exact.ZERO, res.points, res.bonus, res.deduction, t)
      if (causes.length === 0) continue
      const own = (t.sumOfChildren ?? Exact.ZERO).sub(res.points)
      entry = {
        code: n.code,
        title: n.title,
        kind: 'node',
        area: n.index === 0 ? 'total' : pack.nodes[areaOf(pack, n.index)]!.code,
        maxPoints: res.applicableMax,
        points: res.points,
        lost: own,
        causes,
      }
    }
    if (n.index === 0) {
      overall = entry
      continue
    }
    const area = areaOf(pack, n.index)
    let list = byArea.get(area)
    if (!list) byArea.set(area, (list = []))
    list.push(entry)
  }
  const areas: AreaLoss[] = []
  for (const ai of pack.areas) {
    const res = r.node(pack.nodes[ai]!.code)!
    if (res.notApplicable) continue
    const lost = res.applicableMax.sub(res.points)
    const criteria = (byArea.get(ai) ?? []).sort(largestFirst)
    if (lost.isZero() && criteria.length === 0) continue
    areas.push({ code: res.code, title: res.title, maxPoints: res.applicableMax, points: res.points, lost, criteria })
  }
  areas.sort(largestFirst)
  return { unitId: r.unitId, period: r.period, group: r.group, total: r.total, applicableMax: r.applicableMax, lost: r.applicableMax.sub(r.total), areas, overall }
}

const largestFirst = (a: { lost: Exact; code: string }, b: { lost: Exact; code: string }): number => b.lost.cmp(a.lost) || codeOrder(a.code, b.code)

/** "1.10" after "1.9": codes compared part by part, numbers as numbers. @internal */
export function codeOrder(a: string, b: string): number {
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!
    const y = pb[i]!
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN
    const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0
    if (c !== 0) return c
  }
  return pa.length - pb.length
}

/** A leaf's causes, stage by stage: source → evidence → appraisal → rounding → adjustments → limits. */
function leafCauses(pack: CompiledPack, n: CompiledNode, max: Exact, final: Exact, bonus: Exact, deduction: Exact, t: NodeTrace, source: RuleSource | undefined): LossCause[] {
  const out: LossCause[] = []
  const add = (c: LossCause): void => {
    if (!c.points.isZero()) out.push(c)
  }
  // 1. what the rule, the self score or the survey gave
  let v: Exact
  if (n.source === 'survey') {
    if (t.survey !== undefined) {
      v = t.survey
      add({ kind: 'survey', points: max.sub(v), text: { vi: `điều tra xã hội học: ${nums(v).vi}/${nums(max).vi} điểm`, en: `survey: ${nums(v).en} of ${nums(max).en} points` } })
    } else {
      v = Exact.ZERO
      add({ kind: 'missing-survey', points: max, text: { vi: 'chưa có kết quả điều tra xã hội học', en: 'no survey result' } })
    }
  } else if (t.computed !== undefined) {
    v = t.computed
    const text = ruleText(n, source, t, v, max)
    add({ kind: 'rule', points: max.sub(v), text, ...(t.branch !== undefined ? { branch: t.branch } : {}), facts: t.facts })
  } else if (t.selfScore !== undefined) {
    v = t.selfScore
    add({ kind: 'self-score', points: max.sub(v), text: { vi: `tự chấm ${nums(v).vi}/${nums(max).vi} điểm`, en: `self score ${nums(v).en} of ${nums(max).en}` } })
  } else {
    v = Exact.ZERO
    add({ kind: 'missing-input', points: max, text: { vi: 'chưa có điểm tự chấm hay số liệu', en: 'no self score or facts' } })
  }
  // 2. missing evidence under the policy "zero"
  if (t.evidence?.policyApplied) {
    const have = t.evidence.documents.length
    add({
      kind: 'evidence',
      points: v,
      text: {
        vi: `thiếu tài liệu kiểm chứng (${have}/${t.evidence.minDocuments} tài liệu)${t.explanation ? `; giải trình: ${t.explanation}` : ''}`,
        en: `missing evidence (${have} of ${t.evidence.minDocuments} documents)${t.explanation ? `; explanation: ${t.explanation}` : ''}`,
      },
    })
    v = Exact.ZERO
  }
  // 3. appraisal rounds, each its own cause
  for (const a of t.appraisals) {
    add({
      kind: 'appraisal',
      points: a.from.sub(a.to),
      round: a.round,
      reviewer: a.reviewer,
      reason: a.reason,
      text: {
        vi: `thẩm định vòng ${a.round} (${a.reviewer}): ${nums(a.from).vi} → ${nums(a.to).vi} — ${a.reason}`,
        en: `appraisal round ${a.round} (${a.reviewer}): ${nums(a.from).en} → ${nums(a.to).en} — ${a.reason}`,
      },
    })
    v = a.to
  }
  // 4. leaf rounding
  const rounding = pack.rounding.leaf
  if (rounding) {
    const r = v.round(rounding.decimals, rounding.mode)
    add({ kind: 'rounding', points: v.sub(r), text: { vi: `làm tròn ${rounding.decimals} chữ số thập phân`, en: `rounded to ${rounding.decimals} places` } })
    v = r
  }
  // 5. the leaf's own adjustments and limits
  out.push(...adjustmentCauses(v, final, bonus, deduction, t))
  return out
}

/** Deductions, bonuses (negative losses) and the clamp into [floor, max], from `before` to `final`. */
function adjustmentCauses(before: Exact, final: Exact, bonus: Exact, deduction: Exact, t: NodeTrace): LossCause[] {
  const out: LossCause[] = []
  const titled = (type: 'deduction' | 'bonus'): string[] => t.adjustments.filter((a) => a.type === type && !a.applied.isZero()).map((a) => a.title.vi)
  const ids = (type: 'deduction' | 'bonus'): string =>
    t.adjustments
      .filter((a) => a.type === type && !a.applied.isZero())
      .map((a) => a.id)
      .join(', ')
  if (!deduction.isZero()) {
    const names = titled('deduction')
    out.push({
      kind: 'deduction',
      points: deduction,
      adjustment: ids('deduction'),
      text: { vi: `điểm trừ: ${names.join('; ')} (−${nums(deduction).vi})`, en: `deduction: ${ids('deduction')} (−${nums(deduction).en})` },
    })
  }
  if (!bonus.isZero()) {
    const names = titled('bonus')
    out.push({ kind: 'bonus', points: bonus.neg(), adjustment: ids('bonus'), text: { vi: `điểm thưởng: ${names.join('; ')} (+${nums(bonus).vi})`, en: `bonus: ${ids('bonus')} (+${nums(bonus).en})` } })
  }
  const limit = before.add(bonus).sub(deduction).sub(final)
  if (!limit.isZero()) {
    out.push({
      kind: 'limit',
      points: limit,
      text: limit.isNegative()
        ? { vi: `giữ ở điểm sàn ${nums(final).vi} của tiêu chí`, en: `kept at the criterion's floor ${nums(final).en}` }
        : { vi: `giới hạn ở điểm tối đa ${nums(final).vi}`, en: `limited to the maximum ${nums(final).en}` },
    })
  }
  return out
}

/** What a leaf's rule read and gave, the way a report says it. */
function ruleText(n: CompiledNode, source: RuleSource | undefined, t: NodeTrace, v: Exact, max: Exact): BiText {
  const pts = { vi: `${nums(v).vi}/${nums(max).vi} điểm`, en: `${nums(v).en} of ${nums(max).en} points` }
  const kind = n.ruleKind
  if (kind === 'choice' && source) {
    const fact = source.fact as string | undefined
    const value = fact === undefined ? undefined : t.facts[fact]
    const opt = (source.options as { value: string; label?: string | { vi: string; en?: string } }[] | undefined)?.find((o) => o.value === value)
    const label = opt?.label === undefined ? undefined : typeof opt.label === 'string' ? { vi: opt.label, en: opt.label } : { vi: opt.label.vi, en: opt.label.en ?? opt.label.vi }
    if (label) return { vi: `${label.vi} → ${pts.vi}`, en: `${label.en} → ${pts.en}` }
  }
  if (kind === 'ratio' && source) {
    const num = t.facts[source.numerator as string]
    const den = source.denominator === undefined ? source.of : t.facts[source.denominator as string]
    return { vi: `tỷ lệ ${factValue(num, 'vi')}/${factValue(den, 'vi')} → ${pts.vi}`, en: `ratio ${factValue(num, 'en')}/${factValue(den, 'en')} → ${pts.en}` }
  }
  if (kind === 'conditions' && t.branch !== undefined) {
    const label = t.branch.replace(/ → [^→]*$/, '')
    const other = /^otherwise/.test(t.branch)
    return other ? { vi: `không thỏa điều kiện nào → ${pts.vi}`, en: `no condition met → ${pts.en}` } : { vi: `${label} → ${pts.vi}`, en: `${label} → ${pts.en}` }
  }
  const facts = Object.entries(t.facts).filter(([k]) => k !== 'unit')
  if (facts.length === 0) return { vi: `quy tắc → ${pts.vi}`, en: `rule → ${pts.en}` }
  return {
    vi: `${facts.map(([k, x]) => `${k} = ${factValue(x, 'vi')}`).join(', ')} → ${pts.vi}`,
    en: `${facts.map(([k, x]) => `${k} = ${factValue(x, 'en')}`).join(', ')} → ${pts.en}`,
  }
}

/** One criterion over a group: how many units lose points on it and how many points. */
export interface GroupCriterionLoss {
  readonly code: string
  readonly title: LocalText
  readonly area: string
  /** `node` for an inner node's (or the whole index's) own deductions and limits */
  readonly kind: 'criterion' | 'node'
  /** units of the group where the criterion applies */
  readonly units: number
  /** units losing points on it */
  readonly unitsLosing: number
  /** points lost over all units */
  readonly lost: Exact
  /** lost ÷ units */
  readonly meanLost: Exact
  /** units per cause (a unit counts once per cause kind) */
  readonly causes: Readonly<Partial<Record<LossCauseKind, number>>>
}

/** A group's losses: criteria by points lost over the group, largest first. */
export interface GroupLosses {
  readonly group: string
  readonly units: number
  readonly areas: readonly { readonly code: string; readonly title: LocalText; readonly lost: Exact; readonly meanLost: Exact }[]
  readonly criteria: readonly GroupCriterionLoss[]
}

/**
 * Where a group's points went: for each criterion, how many units lose points on it, the
 * points lost over the group and per unit, and how many units lost them to each cause;
 * largest first. Every group of the batch, or the one named.
 *
 * @example
 * ```ts
 * import { evaluateBatch } from '@chiso/core'
 * import { groupPointsLost } from '@chiso/core/analysis'
 * const [xa] = groupPointsLost(evaluateBatch(pack, assessments), { group: 'xa' })
 * for (const c of xa!.criteria.slice(0, 5)) console.log(c.code, `${c.unitsLosing}/${c.units} xã`, c.lost.toFixed(2))
 * ```
 */
export function groupPointsLost(batch: BatchResult, options: { readonly group?: string } = {}): GroupLosses[] {
  if (!isBatchResult(batch)) throwIfAny([argumentIssue(['batch'], 'batch_result', batch)])
  const out: GroupLosses[] = []
  const pack = batch.pack
  for (const [group, members] of batch.groups) {
    if (options.group !== undefined && group !== options.group) continue
    const per = new Map<string, { title: LocalText; area: string; kind: 'criterion' | 'node'; units: number; losing: number; lost: Exact; causes: Partial<Record<LossCauseKind, number>> }>()
    const areas = new Map<string, { title: LocalText; lost: Exact }>()
    for (const u of members) {
      const losses = pointsLost(u.result)
      const seen = new Set<string>()
      const entries = [...losses.areas.flatMap((a) => a.criteria), ...(losses.overall ? [losses.overall] : [])]
      for (const a of losses.areas) {
        const cur = areas.get(a.code) ?? { title: a.title, lost: Exact.ZERO }
        areas.set(a.code, { title: a.title, lost: cur.lost.add(a.lost) })
      }
      for (const e of entries) {
        seen.add(e.code)
        let p = per.get(e.code)
        if (!p) per.set(e.code, (p = { title: e.title, area: e.area, kind: e.kind, units: 0, losing: 0, lost: Exact.ZERO, causes: {} }))
        p.lost = p.lost.add(e.lost)
        if (e.lost.gt(Exact.ZERO)) p.losing++
        for (const k of new Set(e.causes.filter((c) => c.points.gt(Exact.ZERO)).map((c) => c.kind))) p.causes[k] = (p.causes[k] ?? 0) + 1
      }
      // units where a criterion applies but lost nothing count in its denominator
      for (const n of pack.nodes) {
        if (!n.isLeaf || seen.has(n.code)) continue
        const res = u.result.node(n.code)
        if (!res || res.notApplicable) continue
        let p = per.get(n.code)
        if (!p) per.set(n.code, (p = { title: n.title, area: pack.nodes[areaOf(pack, n.index)]!.code, kind: 'criterion', units: 0, losing: 0, lost: Exact.ZERO, causes: {} }))
        p.units++
      }
      for (const code of seen) per.get(code)!.units++
    }
    const count = members.length
    const criteria: GroupCriterionLoss[] = [...per.entries()]
      .filter(([, p]) => p.losing > 0 || !p.lost.isZero())
      .map(([code, p]) => ({
        code,
        title: p.title,
        area: p.area,
        kind: p.kind,
        units: p.units,
        unitsLosing: p.losing,
        lost: p.lost,
        meanLost: p.units === 0 ? Exact.ZERO : p.lost.div(Exact.ratio(p.units, 1)),
        causes: p.causes,
      }))
      .sort((a, b) => b.lost.cmp(a.lost) || b.unitsLosing - a.unitsLosing || codeOrder(a.code, b.code))
    out.push({
      group,
      units: count,
      areas: [...areas.entries()]
        .map(([code, a]) => ({ code, title: a.title, lost: a.lost, meanLost: count === 0 ? Exact.ZERO : a.lost.div(Exact.ratio(count, 1)) }))
        .sort((a, b) => b.lost.cmp(a.lost) || codeOrder(a.code, b.code)),
      criteria,
    })
  }
  return out
}
