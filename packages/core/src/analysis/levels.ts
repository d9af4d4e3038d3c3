/**
 * The levels a leaf can be raised to: for each, the points the leaf would settle at and the
 * change to the assessment that gets it there (facts the rule reads, a self score, evidence
 * to add, an appraisal cut fixed).
 *
 * The levels are proposed here and decided by the rule: every candidate is run through the
 * leaf's own compiled rule (`compute` for facts, `checkEntered` for a score), so the meaning
 * of each rule kind stays in rules.ts. A plan made of these levels is then applied to the
 * assessment and scored again by the engine, which has the last word.
 */
import type { CompiledNode, CompiledPack } from '../model/compile.js'
import type { Facts } from '../rules/conditions.js'
import { Exact } from '../util/exact.js'
import type { NodeResult } from '../engine/result.js'
import type { Assessment, ConditionInput } from '../model/schemas.js'
import { factReaders, ruleSources, type RuleSource } from './rule-source.js'
import { nums, type BiText } from './text.js'

/** What a plan changes in an assessment to raise one criterion. */
export interface LevelChange {
  /** facts set to these values (each read by this criterion's rule only) */
  readonly facts?: Readonly<Record<string, unknown>>
  /** the self score entered (a value the rule accepts) */
  readonly selfScore?: Exact
  /** documents of evidence still to supply (the pack requires them; none are linked yet) */
  readonly evidence?: number
  /** the appraisal changes on this criterion no longer apply: what the appraisal cut is fixed */
  readonly fixAppraisal?: boolean
}

/** One level a leaf can be raised to. @internal */
export interface Level {
  /** the leaf's points at this level, after rounding, its own adjustments and limits */
  readonly points: Exact
  readonly change: LevelChange
  /** the level to reach, in words ("mức cần đạt") */
  readonly target: BiText
}

/** Why a criterion below its maximum is left out of a plan. */
export type NotImprovableReason = 'survey' | 'plug-in' | 'shared-fact' | 'zero-denominator' | 'no-level'

/** A leaf as a plan sees it. @internal */
export interface LeafLevels {
  readonly node: CompiledNode
  readonly current: Exact
  readonly max: Exact
  /** ascending points, each above `current` */
  readonly levels: readonly Level[]
  readonly notImprovable?: { readonly reason: NotImprovableReason; readonly text: BiText }
}

/** At most this many levels per leaf on a continuous scale (a ratio of many dossiers, a free score). */
const MAX_LEVELS = 2000
const own = Object.prototype.hasOwnProperty

/**
 * The leaf's points for a value its rule or score gives: leaf rounding, then its own
 * adjustments (fixed under a plan: their facts are not changed), then its limits — the
 * steps 6 and "Nodes" of docs/semantics.md. The engine's evaluation of the applied plan
 * checks every figure this predicts.
 */
function settle(pack: CompiledPack, n: CompiledNode, v: Exact, bonus: Exact, deduction: Exact): Exact {
  let p = v
  const r = pack.rounding.leaf
  if (r) p = p.round(r.decimals, r.mode)
  p = p.add(bonus).sub(deduction)
  const hi = n.maxPoints
  if (p.gt(hi)) return hi
  const lo = Exact.min(n.floor, hi)
  return p.lt(lo) ? lo : p
}

/** The levels of one applicable leaf below its maximum. @internal */
export function leafLevels(pack: CompiledPack, n: CompiledNode, res: NodeResult, a: Assessment): LeafLevels {
  const t = res.trace!
  const current = res.points
  const max = res.applicableMax
  const base = { node: n, current, max }
  if (n.source === 'survey')
    return { ...base, levels: [], notImprovable: { reason: 'survey', text: { vi: 'kết quả điều tra xã hội học, đơn vị không tự chấm', en: 'a survey result, not scored by the unit' } } }
  const source = ruleSources(pack).get(n.code)
  const rule = n.rule!
  const builtIn = BUILT_IN.has(n.ruleKind ?? '')
  // evidence the pack requires and the unit lacks: any raise needs it (else the policy "zero" takes the points)
  const lacking = t.evidence !== undefined && !t.evidence.satisfied && pack.evidencePolicy === 'zero' ? t.evidence.minDocuments - t.evidence.documents.length : 0
  const fixes: LevelChange = {
    ...(lacking > 0 ? { evidence: lacking } : {}),
    ...(t.appraisals.length > 0 ? { fixAppraisal: true } : {}),
  }
  const candidates: { value: Exact; change: LevelChange; target: BiText | (() => BiText) }[] = []
  let blocked: NotImprovableReason | undefined
  const facts = factsOf(a, rule.facts)
  if (t.computed !== undefined) {
    // the facts decide: propose facts, the rule gives the points
    if (!builtIn || !source) return { ...base, levels: [], notImprovable: pluginReason() }
    const readers = factReaders(pack)
    // what the facts already give, once the evidence and the appraisal cut are dealt with
    candidates.push({ value: t.computed, change: {}, target: { vi: '', en: '' } })
    const proposals = factProposals(n, source, facts, t.computed)
    if (proposals === 'zero-denominator') blocked = 'zero-denominator'
    else {
      for (const p of proposals) {
        const changed = Object.keys(p.facts).filter((k) => !Object.is(facts[k], p.facts[k]))
        if (changed.some((k) => (readers.get(k) ?? 0) !== 1 || k === 'unit')) {
          blocked = 'shared-fact'
          continue
        }
        const out = rule.compute!({ ...facts, ...p.facts }, false)
        if (out === undefined) continue
        candidates.push({ value: out.points, change: changed.length > 0 ? { facts: Object.fromEntries(changed.map((k) => [k, p.facts[k]])) } : {}, target: p.target })
      }
    }
  } else {
    // a score entered by the unit: the values the rule accepts
    if (!builtIn || !source) return { ...base, levels: [], notImprovable: pluginReason() }
    if (t.selfScore !== undefined) candidates.push({ value: t.selfScore, change: {}, target: { vi: '', en: '' } })
    for (const v of enteredValues(pack, n, source, max)) {
      if (v.lt(Exact.ZERO) || v.gt(max)) continue
      if (rule.checkEntered?.(v) !== undefined) continue
      candidates.push({ value: v, change: { selfScore: v }, target: { vi: `tự chấm ${nums(v).vi} điểm`, en: `self score ${nums(v).en}` } })
    }
  }
  const levels: Level[] = []
  const seen = new Set<string>()
  for (const c of candidates) {
    const change: LevelChange = { ...c.change, ...fixes }
    if (Object.keys(change).length === 0) continue
    const points = settle(pack, n, c.value, res.bonus, res.deduction)
    if (!points.gt(current)) continue
    const key = points.toString()
    if (seen.has(key)) continue
    seen.add(key)
    levels.push({ points, change, target: withFixes(typeof c.target === 'function' ? c.target() : c.target, change) })
  }
  levels.sort((x, y) => x.points.cmp(y.points))
  if (levels.length === 0) {
    const reason: NotImprovableReason = blocked ?? 'no-level'
    return { ...base, levels, notImprovable: { reason, text: REASONS[reason] } }
  }
  return { ...base, levels }
}

const BUILT_IN = new Set(['manual', 'boolean', 'choice', 'steps', 'ratio', 'count', 'conditions'])

const REASONS: Record<NotImprovableReason, BiText> = {
  survey: { vi: 'kết quả điều tra xã hội học, đơn vị không tự chấm', en: 'a survey result, not scored by the unit' },
  'plug-in': { vi: 'quy tắc bổ sung (plug-in) không liệt kê được các mức điểm', en: 'a plug-in rule whose levels cannot be listed' },
  'shared-fact': { vi: 'số liệu dùng chung với tiêu chí hoặc khoản điểm khác', en: 'its facts are shared with another criterion or adjustment' },
  'zero-denominator': { vi: 'mẫu số bằng 0: tỷ lệ không đổi khi tăng tử số', en: 'a zero denominator: raising the numerator changes nothing' },
  'no-level': { vi: 'quy tắc không cho mức điểm nào cao hơn', en: 'the rule gives no higher level' },
}

const pluginReason = (): { reason: NotImprovableReason; text: BiText } => ({ reason: 'plug-in', text: REASONS['plug-in'] })

function withFixes(target: BiText, change: LevelChange): BiText {
  const vi = target.vi === '' ? [] : [target.vi]
  const en = target.en === '' ? [] : [target.en]
  if (change.evidence !== undefined) {
    vi.push(`bổ sung ${change.evidence} tài liệu kiểm chứng`)
    en.push(`supply ${change.evidence} document${change.evidence > 1 ? 's' : ''} of evidence`)
  }
  if (change.fixAppraisal) {
    vi.push('khắc phục nội dung bị trừ khi thẩm định')
    en.push('fix what the appraisal cut')
  }
  return { vi: vi.join('; '), en: en.join('; ') }
}

/**
 * The facts a rule reads (only those: a unit may hold hundreds, and each level proposed is
 * tried on a copy), with the unit's record as the fact `unit` when the rule reads it, as
 * scoring does.
 */
function factsOf(a: Assessment, names: readonly string[]): Facts {
  const facts: Facts = a.facts ?? {}
  const out: Record<string, unknown> = {}
  for (const name of names) if (own.call(facts, name)) out[name] = facts[name]
  if (a.unit && names.includes('unit') && !own.call(facts, 'unit')) out.unit = { ...a.unit, attributes: a.unit.attributes ?? {} }
  return out
}

/** A JS value for an exact number: a number when it prints as itself, else its decimal text. */
function factNumber(x: Exact): number | string {
  const n = x.toNumber()
  const back = Exact.tryFrom(n)
  return back !== undefined && back.eq(x) ? n : x.toString()
}

/** A value just above a threshold: one more decimal place than it has (90 → 90.1, 2.5 → 2.51). */
function justAbove(x: Exact): Exact {
  const s = x.toString()
  const dot = s.indexOf('.')
  const places = s.includes('/') ? 4 : dot < 0 ? 0 : s.length - dot - 1
  return x.add(Exact.ratio(1, 10 ** Math.min(places + 1, 12)))
}

interface Proposal {
  readonly facts: Readonly<Record<string, unknown>>
  readonly target: BiText | (() => BiText)
}

/** A share as a percentage with two decimals ("97.37"), rounded half-up from the exact value. */
function percent(share: Exact): string {
  const s = share.mul(Exact.HUNDRED).round(2).toString()
  const dot = s.indexOf('.')
  return dot < 0 ? `${s}.00` : s.padEnd(dot + 3, '0')
}

/** Facts that would raise a leaf whose rule reads facts; 'zero-denominator' when none can. */
function factProposals(n: CompiledNode, source: RuleSource, facts: Facts, computed: Exact): Proposal[] | 'zero-denominator' {
  const kind = n.ruleKind
  const out: Proposal[] = []
  const fact = source.fact as string | undefined
  switch (kind) {
    case 'boolean':
      if (fact !== undefined) out.push({ facts: { [fact]: true }, target: { vi: `${fact} = có`, en: `${fact} = yes` } })
      break
    case 'choice':
      if (fact !== undefined) {
        for (const o of source.options as { value: string; label?: string | { vi: string; en?: string } }[]) {
          const label = o.label === undefined ? { vi: o.value, en: o.value } : typeof o.label === 'string' ? { vi: o.label, en: o.label } : { vi: o.label.vi, en: o.label.en ?? o.label.vi }
          out.push({ facts: { [fact]: o.value }, target: label })
        }
      }
      break
    case 'steps':
      for (const s of source.steps as { min: number | string; minExclusive?: boolean }[]) {
        const min = Exact.from(s.min)
        const value = s.minExclusive ? justAbove(min) : min
        const op = s.minExclusive ? '>' : '≥'
        out.push({ facts: { [fact!]: factNumber(value) }, target: { vi: `${fact} ${op} ${nums(min).vi}`, en: `${fact} ${op} ${nums(min).en}` } })
      }
      break
    case 'ratio': {
      const numName = source.numerator as string
      const n0 = readNumber(facts[numName])
      const d = source.of !== undefined ? Exact.from(source.of as number | string) : readNumber(facts[source.denominator as string])
      if (n0 === undefined || d === undefined) break
      if (d.isZero()) return computed.isZero() ? 'zero-denominator' : out
      if (d.isNegative()) break
      const start = Exact.max(Exact.ZERO, floorOf(n0).add(Exact.ONE))
      const dText = nums(d)
      for (const k of numerators(start, d)) {
        out.push({
          facts: { [numName]: factNumber(k) },
          // worded only for the levels kept
          target: () => {
            const pct = percent(k.div(d))
            return { vi: `${numName} ≥ ${nums(k).vi}/${dText.vi} (${pct.replace('.', ',')}%)`, en: `${numName} ≥ ${nums(k).en}/${dText.en} (${pct}%)` }
          },
        })
      }
      break
    }
    case 'count': {
      const n0 = readNumber(facts[fact!])
      const each = Exact.from(source.pointsEach as number | string)
      if (n0 === undefined || !each.gt(Exact.ZERO)) break
      const cap = source.cap === undefined ? n.maxPoints : Exact.from(source.cap as number | string)
      const last = ceilOf(cap.div(each))
      const start = Exact.max(Exact.ZERO, floorOf(n0).add(Exact.ONE))
      for (const k of numerators(start, last)) out.push({ facts: { [fact!]: factNumber(k) }, target: { vi: `${fact} ≥ ${nums(k).vi}`, en: `${fact} ≥ ${nums(k).en}` } })
      break
    }
    case 'conditions': {
      const branches = source.branches as { when: ConditionInput; label?: string }[]
      branches.forEach((b, i) => {
        const proposed = satisfy(b.when, facts, {})
        if (proposed === undefined) return
        const label = b.label ?? `nhánh ${i + 1}`
        out.push({ facts: proposed, target: { vi: `đạt điều kiện "${label}"`, en: `meet "${b.label ?? `branch ${i + 1}`}"` } })
      })
      break
    }
  }
  return out
}

/**
 * Whole numbers from `start` up to `end`, and `end` itself when it is not whole: at most
 * MAX_LEVELS of them, spread evenly (the least whole number reaching each step of the way).
 */
function numerators(start: Exact, end: Exact): Exact[] {
  const out: Exact[] = []
  const last = floorOf(end)
  if (!start.gt(last)) {
    const count = Number(last.sub(start).toString()) + 1
    if (count <= MAX_LEVELS) {
      for (let k = 0; k < count; k++) out.push(start.add(Exact.ratio(k, 1)))
    } else {
      const span = last.sub(start)
      let prev: Exact | undefined
      for (let j = 0; j <= MAX_LEVELS; j++) {
        const k = ceilOf(start.add(span.mul(Exact.ratio(j, MAX_LEVELS))))
        if (prev === undefined || !k.eq(prev)) out.push(k)
        prev = k
      }
    }
  }
  if (!end.isInteger() && end.gt(start.sub(Exact.ONE))) out.push(end)
  return out
}

function floorOf(x: Exact): Exact {
  const t = x.round(0, 'down')
  return x.isNegative() && !t.eq(x) ? t.sub(Exact.ONE) : t
}

function ceilOf(x: Exact): Exact {
  const f = floorOf(x)
  return f.eq(x) ? f : f.add(Exact.ONE)
}

function readNumber(v: unknown): Exact | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Exact.fromNumber(v) : undefined
  if (typeof v === 'string') return Exact.tryFrom(v)
  return undefined
}

/** Values an entered score may take for a built-in kind (the rule's checkEntered has the last word). */
function enteredValues(pack: CompiledPack, n: CompiledNode, source: RuleSource, max: Exact): Exact[] {
  const pts = (v: unknown): Exact => Exact.from(v as number | string)
  switch (n.ruleKind) {
    case 'manual':
      return source.step === undefined ? freeValues(pack, max) : stepValues(pts(source.step), max)
    case 'boolean':
      return [Exact.ZERO, source.points === undefined ? n.maxPoints : pts(source.points)]
    case 'choice':
      return (source.options as { points: number | string }[]).map((o) => pts(o.points))
    case 'steps':
      return [...(source.steps as { points: number | string }[]).map((s) => pts(s.points)), source.otherwise === undefined ? Exact.ZERO : pts(source.otherwise)]
    case 'conditions':
      return [...(source.branches as { points: number | string }[]).map((b) => pts(b.points)), source.otherwise === undefined ? Exact.ZERO : pts(source.otherwise)]
    case 'ratio':
    case 'count':
      // no checkEntered: any value in [0, max]
      return freeValues(pack, max)
    default:
      return []
  }
}

function stepValues(step: Exact, max: Exact): Exact[] {
  if (!step.gt(Exact.ZERO)) return []
  const count = Number(floorOf(max.div(step)).toString())
  const out: Exact[] = []
  const every = Math.max(1, Math.ceil(count / MAX_LEVELS))
  for (let k = every; k <= count; k += every) out.push(step.mul(Exact.ratio(k, 1)))
  if (out.length === 0 || !out[out.length - 1]!.eq(step.mul(Exact.ratio(count, 1)))) out.push(step.mul(Exact.ratio(count, 1)))
  return out
}

/**
 * A score entered freely (no step): the pack's leaf rounding grid if it declares one, else
 * hundredths — the two decimals scores are written with — and the maximum itself.
 */
function freeValues(pack: CompiledPack, max: Exact): Exact[] {
  const decimals = pack.rounding.leaf?.decimals ?? 2
  const out = stepValues(Exact.ratio(1, 10 ** decimals), max)
  if (out.length === 0 || !out[out.length - 1]!.eq(max)) out.push(max)
  return out
}

/**
 * Facts that satisfy a condition, starting from the unit's: comparisons with constants in
 * all / any / not; undefined for what cannot be built (paths, custom operators, text
 * inequalities). The rule then says which branch these facts really reach.
 */
function satisfy(c: ConditionInput, facts: Facts, acc: Record<string, unknown>): Record<string, unknown> | undefined {
  if ('all' in c) {
    let cur: Record<string, unknown> | undefined = acc
    for (const x of c.all) {
      cur = satisfy(x, facts, cur)
      if (cur === undefined) return undefined
    }
    return cur
  }
  if ('any' in c) {
    for (const x of c.any) {
      const r = satisfy(x, facts, acc)
      if (r !== undefined) return r
    }
    return undefined
  }
  if ('not' in c) {
    const inner = c.not
    if (!('fact' in inner) || 'all' in inner || 'any' in inner || 'not' in inner) return undefined
    const negated: Record<string, string> = {
      equal: 'notEqual',
      notEqual: 'equal',
      lessThan: 'greaterThanInclusive',
      greaterThanInclusive: 'lessThan',
      greaterThan: 'lessThanInclusive',
      lessThanInclusive: 'greaterThan',
      in: 'notIn',
      notIn: 'in',
    }
    const op = negated[inner.operator]
    return op === undefined ? undefined : satisfy({ ...inner, operator: op }, facts, acc)
  }
  if (c.path !== undefined || c.params !== undefined) return undefined
  const name = c.fact
  const cur = own.call(acc, name) ? acc[name] : own.call(facts, name) ? facts[name] : undefined
  const value = c.value
  const set = (v: unknown): Record<string, unknown> => ({ ...acc, [name]: v })
  const num = typeof cur === 'number' ? cur : undefined
  switch (c.operator) {
    case 'equal':
      return set(value)
    case 'notEqual':
      if (cur !== undefined && cur !== value) return set(cur)
      if (typeof value === 'boolean') return set(!value)
      if (typeof value === 'number') return set(value + 1)
      return undefined
    case 'greaterThanInclusive':
      if (typeof value !== 'number') return undefined
      return set(num !== undefined && num >= value ? num : value)
    case 'greaterThan':
      if (typeof value !== 'number') return undefined
      return set(num !== undefined && num > value ? num : factNumber(justAbove(Exact.fromNumber(value))))
    case 'lessThanInclusive':
      if (typeof value !== 'number') return undefined
      return set(num !== undefined && num <= value ? num : value)
    case 'lessThan':
      if (typeof value !== 'number') return undefined
      return set(num !== undefined && num < value ? num : Number.isInteger(value) ? value - 1 : factNumber(Exact.fromNumber(value).sub(Exact.ratio(1, 1000))))
    case 'in':
      return Array.isArray(value) && value.length > 0 ? set(value.includes(cur) ? cur : value[0]) : undefined
    case 'notIn':
      return Array.isArray(value) && cur !== undefined && !value.includes(cur) ? set(cur) : undefined
    default:
      return undefined
  }
}

/**
 * The greatest score at most `v` that a leaf's rule accepts as entered (a multiple of its
 * step, one of its outcomes, any value for a free score), or undefined when none is (or
 * the kind is a plug-in). The rule's own checkEntered has the last word. @internal
 */
export function acceptedAtMost(pack: CompiledPack, n: CompiledNode, v: Exact): Exact | undefined {
  if (v.isNegative()) return undefined
  const max = n.maxPoints
  const x = Exact.min(v, max)
  const source = ruleSources(pack).get(n.code)
  if (!source || !BUILT_IN.has(n.ruleKind ?? '')) return n.rule?.checkEntered?.(x) === undefined ? x : undefined
  let best: Exact | undefined
  if (n.ruleKind === 'manual' && source.step !== undefined) {
    const step = Exact.from(source.step as number | string)
    best = step.gt(Exact.ZERO) ? floorOf(x.div(step)).mul(step) : undefined
  } else if (n.ruleKind === 'manual' || n.ruleKind === 'ratio' || n.ruleKind === 'count') {
    best = x
  } else {
    for (const c of enteredValues(pack, n, source, max)) if (!c.gt(x) && (best === undefined || c.gt(best))) best = c
  }
  return best !== undefined && n.rule?.checkEntered?.(best) === undefined ? best : undefined
}
