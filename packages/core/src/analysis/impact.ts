/**
 * What a new edition does to us: last year's assessments, scored under edition A, carried
 * across a declared mapping to edition B and scored again — per unit and per criterion the
 * old and new points, the change of band and rank, the criteria that could not be carried
 * (listed as such, never silently 0), and a summary for the province.
 */
import type { BatchResult, RankedUnit, RankingExclusion, RankingMethod } from '../engine/batch.js'
import { safeEvaluateBatch } from '../engine/batch.js'
import type { CompiledBand, CompiledNode, CompiledPack, LocalText } from '../model/compile.js'
import { ChisoError, neverThrows, type SafeResult } from '../util/errors.js'
import { rootIndex, type NodeTrace, type UnitResult } from '../engine/result.js'
import { Exact } from '../util/exact.js'
import type { Assessment, AssessmentInput, EvidenceInput } from '../model/schemas.js'
import { copyData } from '../model/validate.js'
import { acceptedAtMost } from './levels.js'
import { codeOrder } from './losses.js'
import { resolveMapping, type EditionMappingInput, type MappingLine, type ResolvedMapping } from './mapping.js'
import { indexMove, nums, rankMove, type BiText } from './text.js'
import { optionKeyIssues, packArgumentIssue } from '../util/arguments.js'

export type { EditionMappingInput } from './mapping.js'

/** Options for {@link methodologyImpact}. */
export interface ImpactOptions {
  /** the word for a unit in the summary ("xã", "sở"; default "đơn vị" / "units"), or a function of the batch under the old edition giving it */
  readonly unitWord?: { readonly vi: string; readonly en: string } | ((before: BatchResult) => { readonly vi: string; readonly en: string })
  /** ranking method under both editions (default: each pack's) */
  readonly rankingMethod?: RankingMethod
  /** units assessed but not ranked, in addition to each pack's `ranking.exclude` */
  readonly exclude?: RankingExclusion
}

/** A unit's standing under one edition. */
export interface ImpactStanding {
  readonly total: Exact
  readonly applicableMax: Exact
  readonly index: Exact
  readonly band: { readonly code: string; readonly label: LocalText } | undefined
  readonly rank: number | null
  readonly groupSize: number
}

/** One line of the mapping for one unit: old and new points. */
export interface ImpactCriterion {
  /** A's leaves (none: new in B) */
  readonly from: readonly string[]
  /** B's leaves (none: no counterpart in B) */
  readonly to: readonly string[]
  readonly title: LocalText
  readonly old: Exact
  readonly oldMax: Exact
  readonly new: Exact
  readonly newMax: Exact
  readonly delta: Exact
  /**
   * `carried`: the unit's data reached B (facts the rule reads, a self score, a survey, an
   * appraisal); `not-carried`: B's leaves got nothing from A (listed among `unmapped`);
   * `no-counterpart`: one side is empty
   */
  readonly state: 'carried' | 'not-carried' | 'no-counterpart'
  readonly status: 'verified' | 'reconstructed' | undefined
  readonly note: BiText | undefined
}

/** A leaf of B that got nothing from A for this unit. */
export interface UnmappedCriterion {
  readonly code: string
  readonly title: LocalText
  readonly points: Exact
  readonly maxPoints: Exact
  /** `no-counterpart`: nothing in A maps to it; `not-carried`: mapped, but the unit's data could not be carried (e.g. a survey criterion that became self-assessed) */
  readonly why: 'no-counterpart' | 'not-carried'
}

/** One unit under both editions. */
export interface UnitImpact {
  readonly unitId: string
  readonly name: string | undefined
  readonly group: string
  readonly old: ImpactStanding
  readonly new: ImpactStanding
  /**
   * B's index without the criteria that got nothing from A (neither in the points nor in the
   * applicable maximum): the total shown the other way
   */
  readonly newIndexMappedOnly: Exact
  readonly indexDelta: Exact
  /** positive: up ("tăng"); null when either rank is missing */
  readonly rankChange: number | null
  readonly bandMove: 'up' | 'down' | 'same' | 'changed'
  readonly text: BiText
  readonly criteria: readonly ImpactCriterion[]
  readonly unmapped: readonly UnmappedCriterion[]
  /** what could not be carried as it was (a self score no longer allowed, an adjustment B has not) */
  readonly notes: readonly BiText[]
  /** the assessment under B */
  readonly assessment: AssessmentInput
}

/** One line of the mapping over all units. */
export interface CriterionImpact {
  readonly from: readonly string[]
  readonly to: readonly string[]
  readonly title: LocalText
  readonly oldMax: Exact
  readonly newMax: Exact
  readonly meanOld: Exact
  readonly meanNew: Exact
  readonly meanDelta: Exact
  readonly unitsUp: number
  readonly unitsDown: number
  readonly status: 'verified' | 'reconstructed' | undefined
  readonly note: BiText | undefined
  /** written in the mapping, or matched by a common code */
  readonly declared: boolean
}

/** The impact of edition B on units scored under edition A. */
export interface ImpactReport {
  readonly from: { readonly id: string; readonly version: string }
  readonly to: { readonly id: string; readonly version: string }
  readonly mapping: { readonly status: 'verified' | 'reconstructed' | undefined; readonly note: string | undefined }
  readonly units: readonly UnitImpact[]
  readonly criteria: readonly CriterionImpact[]
  /** B's leaves nothing in A maps to */
  readonly unmapped: readonly { readonly code: string; readonly title: LocalText; readonly maxPoints: Exact; readonly note: BiText | undefined; readonly declared: boolean }[]
  /** A's leaves with no counterpart in B */
  readonly dropped: readonly { readonly code: string; readonly title: LocalText; readonly maxPoints: Exact; readonly note: BiText | undefined; readonly declared: boolean }[]
  readonly summary: {
    readonly units: number
    readonly bandChanged: number
    readonly up: number
    readonly down: number
    readonly rankUp: number
    readonly rankDown: number
    readonly meanIndexDelta: Exact
    readonly text: BiText
  }
  /** both batches, for further use */
  readonly before: BatchResult
  readonly after: BatchResult
}

/**
 * Scores last year's assessments under edition A and again under edition B through a
 * declared mapping, and reports the difference per unit and per criterion, with a summary
 * ("12/100 xã đổi loại: 7 lên, 5 xuống").
 *
 * Carried across, by code through the mapping: facts (renamed where the mapping says), self
 * scores and appraisal changes (as the same share of the maximum, rounded down to a score
 * B's rule accepts; several leaves merged pool their points and maxima), survey answers,
 * evidence links, explanations, entered adjustments (renamed, capped by B). A leaf of B
 * that nothing reaches scores what B's rule gives with the data carried (usually 0) and is
 * listed in `unmapped`; `newIndexMappedOnly` shows the index without those. Mapping an
 * edition onto itself changes nothing.
 *
 * @example
 * ```ts
 * import { methodologyImpact } from '@chiso/core/analysis'
 * const report = methodologyImpact(commune2019, commune2025, assessments2024, mapping, { unitWord: { vi: 'xã', en: 'communes' } })
 * report.summary.text.vi // '12/100 xã đổi loại: 7 lên, 5 xuống; chỉ số bình quân giảm 0,52 điểm'
 * ```
 */
export function methodologyImpact(from: CompiledPack, to: CompiledPack, assessments: readonly unknown[], mapping: EditionMappingInput | unknown, options: ImpactOptions = {}): ImpactReport {
  const r = safeMethodologyImpact(from, to, assessments, mapping, options)
  if (!r.ok) throw new ChisoError(r.issues, 'methodology impact')
  return r.value
}

/**
 * {@link methodologyImpact} returning every problem (in the mapping: unknown codes, inner
 * nodes, a leaf on two lines, the wrong packs; in the assessments under A) instead of
 * throwing.
 *
 * @example
 * ```ts
 * import { safeMethodologyImpact } from '@chiso/core/analysis'
 * const r = safeMethodologyImpact(a, b, assessments, { from: { id: a.id }, to: { id: b.id }, criteria: [{ from: '9', to: '9.1' }] })
 * if (!r.ok) console.log(r.issues.map((i) => i.code)) // ['mapping_not_a_leaf']
 * ```
 */
export function safeMethodologyImpact(
  from: CompiledPack,
  to: CompiledPack,
  assessments: readonly unknown[],
  mapping: EditionMappingInput | unknown,
  options: ImpactOptions = {},
): SafeResult<ImpactReport> {
  return neverThrows(() => impact(from, to, assessments, mapping, options))
}

/** The keys of {@link ImpactOptions}. */
const IMPACT_OPTIONS: readonly string[] = ['unitWord', 'rankingMethod', 'exclude']

function impact(from: CompiledPack, to: CompiledPack, assessments: readonly unknown[], mapping: unknown, options: ImpactOptions): SafeResult<ImpactReport> {
  const bad = packArgumentIssue(from, ['from']) ?? packArgumentIssue(to, ['to'])
  if (bad) return { ok: false, issues: [bad] }
  const unknown = optionKeyIssues(options, IMPACT_OPTIONS)
  if (unknown.length > 0) return { ok: false, issues: unknown }
  const resolved = resolveMapping(mapping, from, to)
  if (!resolved.ok) return resolved
  const m = resolved.value
  const batchOptions = { ...(options.rankingMethod ? { rankingMethod: options.rankingMethod } : {}), ...(options.exclude ? { exclude: options.exclude } : {}) }
  const before = safeEvaluateBatch(from, assessments, { ...batchOptions, trace: true })
  if (!before.ok) return before
  const carried = before.value.units.map((u) => carry(m, u.result))
  const after = safeEvaluateBatch(
    to,
    carried.map((c) => c.assessment),
    batchOptions,
  )
  // the carried assessments are made of values B accepts: a refusal is a bug here
  if (!after.ok) throw new ChisoError(after.issues, 'assessments carried to the new edition (internal error: please report it)')
  const word = typeof options.unitWord === 'function' ? options.unitWord(before.value) : (options.unitWord ?? { vi: 'đơn vị', en: 'units' })

  const units: UnitImpact[] = before.value.units.map((u, k) => unitImpact(m, u, after.value.units[k]!, carried[k]!))
  const criteria = m.lines
    .map((line): CriterionImpact => {
      const at = m.lines.indexOf(line)
      const rows = units.map((u) => u.criteria[at]!)
      const n = Exact.ratio(Math.max(1, rows.length), 1)
      const sum = (f: (c: ImpactCriterion) => Exact): Exact => rows.reduce((s, c) => s.add(f(c)), Exact.ZERO)
      return {
        from: line.from.map((x) => x.code),
        to: line.to.map((x) => x.code),
        title: (line.to[0] ?? line.from[0])!.title,
        oldMax: line.from.reduce((s, x) => s.add(x.maxPoints), Exact.ZERO),
        newMax: line.to.reduce((s, x) => s.add(x.maxPoints), Exact.ZERO),
        meanOld: sum((c) => c.old).div(n),
        meanNew: sum((c) => c.new).div(n),
        meanDelta: sum((c) => c.delta).div(n),
        unitsUp: rows.filter((c) => c.delta.gt(Exact.ZERO)).length,
        unitsDown: rows.filter((c) => c.delta.isNegative()).length,
        status: line.status,
        note: line.note,
        declared: line.declared,
      }
    })
    .sort((x, y) => codeOrder((x.to[0] ?? x.from[0])!, (y.to[0] ?? y.from[0])!))
  const leafList = (pack: CompiledPack, has: ReadonlyMap<string, MappingLine>) =>
    pack.nodes
      .filter((n) => n.isLeaf && (has.get(n.code) === undefined || (pack === to ? has.get(n.code)!.from.length === 0 : has.get(n.code)!.to.length === 0)))
      .map((n) => {
        const line = has.get(n.code)
        return { code: n.code, title: n.title, maxPoints: n.maxPoints, note: line?.note, declared: line !== undefined }
      })
  const count = units.length
  const bandChanged = units.filter((u) => u.bandMove !== 'same').length
  const up = units.filter((u) => u.bandMove === 'up').length
  const down = units.filter((u) => u.bandMove === 'down').length
  const meanIndexDelta = count === 0 ? Exact.ZERO : units.reduce((s, u) => s.add(u.indexDelta), Exact.ZERO).div(Exact.ratio(count, 1))
  const move = indexMove(meanIndexDelta)
  const pad = (x: number): string => String(x).padStart(2, '0')
  const other = bandChanged - up - down
  const summaryText: BiText = {
    vi: `${pad(bandChanged)}/${pad(count)} ${word.vi} đổi loại: ${up} lên, ${down} xuống${other > 0 ? `, ${other} sang loại không so được` : ''}; chỉ số bình quân ${move.vi}`,
    en: `${bandChanged} of ${count} ${word.en} change band: ${up} up, ${down} down${other > 0 ? `, ${other} to a band not comparable` : ''}; mean index ${move.en}`,
  }
  return {
    ok: true,
    value: {
      from: { id: from.id, version: from.version },
      to: { id: to.id, version: to.version },
      mapping: { status: m.status, note: m.note },
      units,
      criteria,
      unmapped: leafList(to, m.lineOfB),
      dropped: leafList(from, m.lineOfA),
      summary: {
        units: count,
        bandChanged,
        up,
        down,
        rankUp: units.filter((u) => (u.rankChange ?? 0) > 0).length,
        rankDown: units.filter((u) => (u.rankChange ?? 0) < 0).length,
        meanIndexDelta,
        text: summaryText,
      },
      before: before.value,
      after: after.value,
    },
  }
}

interface Carried {
  readonly assessment: AssessmentInput
  /** B leaves the unit's data reached */
  readonly reached: ReadonlySet<string>
  readonly notes: BiText[]
}

/** The value of a leaf before any appraisal: its facts' or self score's, zero when evidence was missing under "zero". */
function preAppraisal(t: NodeTrace): Exact {
  if (t.evidence?.policyApplied) return Exact.ZERO
  return t.computed ?? t.selfScore ?? t.survey ?? Exact.ZERO
}

/** `v` of `max` as the same share of `to`'s maximum. */
const share = (v: Exact, max: Exact, to: Exact): Exact => (max.isZero() ? Exact.ZERO : v.div(max).mul(to))

/** A's assessment carried across the mapping to B. */
function carry(m: ResolvedMapping, resA: UnitResult): Carried {
  const A = m.from
  const B = m.to
  const a: Assessment = resA.assessment
  const notes: BiText[] = []
  const reached = new Set<string>()
  const out: AssessmentInput = { unitId: a.unitId, period: a.period }
  if (a.unit) out.unit = copyData(a.unit)
  if (a.group !== undefined) out.group = a.group
  // facts, renamed
  if (a.facts) {
    const facts: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(a.facts)) facts[m.facts.get(k) ?? k] = copyData(v)
    out.facts = facts
  }
  const traces = resA.trace!
  const traceOf = (n: CompiledNode): NodeTrace => traces[n.index]!
  // a line whose A leaves held no data (no facts the rule used, no score, survey or
  // appraisal) loses nothing by the mapping: its B leaves count as reached
  const hadData = (n: CompiledNode): boolean => {
    const t = traceOf(n)
    return t.computed !== undefined || t.selfScore !== undefined || t.survey !== undefined || t.appraisals.length > 0
  }
  for (const line of m.lines) if (line.from.length > 0 && !line.from.some(hadData)) for (const t of line.to) reached.add(t.code)
  const selfScores: Record<string, string> = {}
  const survey: NonNullable<AssessmentInput['survey']> = {}
  const explanations: Record<string, string> = {}
  for (const line of m.lines) {
    if (line.from.length === 0 || line.to.length === 0) continue
    const fromMax = line.from.reduce((s, n) => s.add(n.maxPoints), Exact.ZERO)
    const oneToOne = line.from.length === 1 && line.to.length === 1
    for (const t of line.to) {
      const rule = t.rule
      const computes = rule?.compute !== undefined && rule.compute(factsFor(out, t), false) !== undefined
      if (computes) reached.add(t.code)
      if (t.source === 'survey') {
        const inputs = line.from.map((f) => (a.survey && Object.prototype.hasOwnProperty.call(a.survey, f.code) ? a.survey[f.code] : undefined))
        if (line.from.every((f) => f.source === 'survey') && inputs.some((x) => x !== undefined)) {
          const answers = oneToOne && inputs[0] && 'answers' in inputs[0] ? inputs[0].answers : undefined
          if (answers && (rule?.checkSurvey?.({ answers }) ?? []).length === 0) survey[t.code] = { answers: { ...answers } }
          else if (oneToOne && inputs[0] && 'points' in inputs[0] && t.maxPoints.eq(fromMax)) survey[t.code] = { points: inputs[0].points }
          else {
            // several leaves, or answers B cannot weigh: the survey's points, as the same share
            const pts = line.from.reduce((s, f) => s.add(traceOf(f).survey ?? Exact.ZERO), Exact.ZERO)
            survey[t.code] = { points: share(pts, fromMax, t.maxPoints).toString() }
          }
          reached.add(t.code)
        }
        continue
      }
      // a self score: A's own where the line is one to one, else the leaves' claims pooled
      const claims = line.from.map((f) =>
        a.selfScores && Object.prototype.hasOwnProperty.call(a.selfScores, f.code) ? Exact.from(a.selfScores[f.code]!) : computes || f.source === 'survey' ? undefined : traceOf(f).computed,
      )
      const claimed = line.from.filter((_, i) => claims[i] !== undefined)
      if (claimed.length > 0 && (!computes || oneToOne)) {
        const v = share(
          claims.reduce<Exact>((s, c) => s.add(c ?? Exact.ZERO), Exact.ZERO),
          claimed.reduce((s, f) => s.add(f.maxPoints), Exact.ZERO),
          t.maxPoints,
        )
        const accepted = acceptedAtMost(B, t, v)
        if (accepted === undefined)
          notes.push({
            vi: `"${t.code}": điểm tự chấm ${nums(v).vi} không có mức tương ứng trong bộ mới, không chuyển`,
            en: `"${t.code}": self score ${nums(v).en} has no level in the new edition, not carried`,
          })
        else {
          selfScores[t.code] = accepted.toString()
          reached.add(t.code)
          if (!accepted.eq(v))
            notes.push({
              vi: `"${t.code}": điểm tự chấm ${nums(v).vi} làm tròn xuống ${nums(accepted).vi} theo bộ mới`,
              en: `"${t.code}": self score ${nums(v).en} rounded down to ${nums(accepted).en} for the new edition`,
            })
        }
      }
      const ex = line.from.map((f) => a.explanations?.[f.code]).filter((x): x is string => x !== undefined)
      if (ex.length > 0) explanations[t.code] = ex.join('; ')
    }
  }
  if (Object.keys(selfScores).length > 0) out.selfScores = selfScores
  if (Object.keys(survey).length > 0) out.survey = survey
  if (Object.keys(explanations).length > 0) out.explanations = explanations
  // appraisal rounds: each change as the same share, pooled over the line's leaves as they stood after the round
  if (a.appraisals && a.appraisals.length > 0) {
    const rounds = [...a.appraisals].sort((x, y) => x.round - y.round)
    const valueAfter = new Map<string, Exact>()
    for (const n of A.nodes) if (n.isLeaf && n.source !== 'survey') valueAfter.set(n.code, preAppraisal(traceOf(n)))
    out.appraisals = rounds.map((r) => {
      const touched = new Map<MappingLine, string[]>()
      for (const c of r.changes) {
        valueAfter.set(c.code, Exact.from(c.points))
        const line = m.lineOfA.get(c.code)
        if (!line || line.to.length === 0) {
          notes.push({ vi: `thẩm định vòng ${r.round}: "${c.code}" không có tiêu chí tương ứng, không chuyển`, en: `appraisal round ${r.round}: "${c.code}" has no counterpart, not carried` })
          continue
        }
        const reasons = touched.get(line) ?? []
        if (!reasons.includes(c.reason)) reasons.push(c.reason)
        touched.set(line, reasons)
      }
      const changes: { code: string; points: string; reason: string }[] = []
      for (const [line, reasons] of touched) {
        const fromMax = line.from.reduce((s, n) => s.add(n.maxPoints), Exact.ZERO)
        const pooled = line.from.reduce((s, n) => s.add(valueAfter.get(n.code) ?? Exact.ZERO), Exact.ZERO)
        for (const t of line.to) {
          if (t.source === 'survey') continue
          const v = share(pooled, fromMax, t.maxPoints)
          const accepted = acceptedAtMost(B, t, v)
          if (accepted === undefined) {
            notes.push({
              vi: `thẩm định vòng ${r.round}: "${t.code}" không có mức ${nums(v).vi} trong bộ mới`,
              en: `appraisal round ${r.round}: "${t.code}" has no level ${nums(v).en} in the new edition`,
            })
            continue
          }
          changes.push({ code: t.code, points: accepted.toString(), reason: reasons.join('; ') })
          reached.add(t.code)
        }
      }
      return { round: r.round, reviewer: r.reviewer, at: r.at, changes }
    })
  }
  // evidence, linked to the mapped criteria
  if (a.evidence) {
    const docs: EvidenceInput[] = []
    for (const e of a.evidence) {
      const codes: string[] = []
      for (const c of e.criteria) {
        const line = m.lineOfA.get(c)
        const targets = line ? line.to.map((n) => n.code) : B.node(c) && c !== 'total' ? [c] : []
        for (const t of targets) if (!codes.includes(t)) codes.push(t)
      }
      if (codes.length > 0) docs.push({ ...copyData(e), criteria: codes })
    }
    if (docs.length > 0) out.evidence = docs
  }
  // entered adjustments, renamed, within B's cap
  if (a.adjustments) {
    const adj: Record<string, string> = {}
    for (const [id, raw] of Object.entries(a.adjustments)) {
      const renamed = m.adjustments.has(id) ? m.adjustments.get(id)! : id
      const target = renamed === null ? undefined : B.adjustments.find((x) => x.id === renamed && x.entered)
      if (!target) {
        notes.push({ vi: `khoản điểm "${id}" không có trong bộ mới, không chuyển`, en: `adjustment "${id}" is not in the new edition, not carried` })
        continue
      }
      const v = Exact.from(raw)
      adj[target.id] = (target.cap && v.gt(target.cap) ? target.cap : v).toString()
    }
    if (Object.keys(adj).length > 0) out.adjustments = adj
  }
  return { assessment: out, reached, notes }
}

function factsFor(a: AssessmentInput, n: CompiledNode): Record<string, unknown> {
  const facts = (a.facts ?? {}) as Record<string, unknown>
  if (a.unit && n.rule?.facts.includes('unit') && !Object.prototype.hasOwnProperty.call(facts, 'unit')) return { ...facts, unit: { ...a.unit, attributes: a.unit.attributes ?? {} } }
  return facts
}

function standingOf(u: RankedUnit): ImpactStanding {
  return { total: u.result.total, applicableMax: u.result.applicableMax, index: u.result.index, band: u.band, rank: u.rank, groupSize: u.groupSize }
}

function unitImpact(m: ResolvedMapping, old: RankedUnit, now: RankedUnit, c: Carried): UnitImpact {
  const A = m.from
  const B = m.to
  const pts = (r: UnitResult, nodes: readonly CompiledNode[]): [Exact, Exact] => {
    let p = Exact.ZERO
    let max = Exact.ZERO
    for (const n of nodes) {
      p = p.add(r.pointsAt(n.index))
      max = max.add(r.applicableMaxAt(n.index))
    }
    return [p, max]
  }
  const criteria: ImpactCriterion[] = m.lines.map((line) => {
    const [o, om] = pts(old.result, line.from)
    const [nw, nm] = pts(now.result, line.to)
    const state = line.from.length === 0 || line.to.length === 0 ? 'no-counterpart' : line.to.some((t) => c.reached.has(t.code)) ? 'carried' : 'not-carried'
    return {
      from: line.from.map((x) => x.code),
      to: line.to.map((x) => x.code),
      title: (line.to[0] ?? line.from[0])!.title,
      old: o,
      oldMax: om,
      new: nw,
      newMax: nm,
      delta: nw.sub(o),
      state,
      status: line.status,
      note: line.note,
    }
  })
  const unmapped: UnmappedCriterion[] = []
  for (const n of B.nodes) {
    if (!n.isLeaf) continue
    const line = m.lineOfB.get(n.code)
    const why = !line || line.from.length === 0 ? 'no-counterpart' : c.reached.has(n.code) ? undefined : 'not-carried'
    if (why === undefined) continue
    const max = now.result.applicableMaxAt(n.index)
    // a leaf that does not apply to the unit is out of its maximum already
    if (max.isZero() && now.result.node(n.code)!.notApplicable) continue
    unmapped.push({ code: n.code, title: n.title, points: now.result.pointsAt(n.index), maxPoints: max, why })
  }
  const lessPoints = unmapped.reduce((s, u) => s.add(u.points), Exact.ZERO)
  const lessMax = unmapped.reduce((s, u) => s.add(u.maxPoints), Exact.ZERO)
  const newIndexMappedOnly = rootIndex(B, now.result.total.sub(lessPoints), now.result.applicableMax.sub(lessMax))
  const indexDelta = now.result.index.sub(old.result.index)
  const rankChange = old.rank !== null && now.rank !== null ? old.rank - now.rank : null
  const bandMove = moveOf(A, B, old.band?.code, now.band?.code)
  const moveText = rankChange === null ? { vi: '', en: '' } : rankMove(rankChange)
  const bandText: BiText =
    bandMove === 'same'
      ? { vi: '', en: '' }
      : {
          vi: `, từ loại "${old.band?.label.vi ?? '—'}" sang "${now.band?.label.vi ?? '—'}"`,
          en: `, from band "${old.band?.label.en ?? old.band?.label.vi ?? '—'}" to "${now.band?.label.en ?? now.band?.label.vi ?? '—'}"`,
        }
  const im = indexMove(indexDelta)
  const text: BiText = {
    vi: `chỉ số ${im.vi}${moveText.vi ? ` và ${moveText.vi}` : ''}${bandText.vi}`,
    en: `index ${im.en}${moveText.en ? `, ${moveText.en}` : ''}${bandText.en}`,
  }
  return {
    unitId: old.unitId,
    name: old.result.assessment.unit?.name,
    group: now.group,
    old: standingOf(old),
    new: standingOf(now),
    newIndexMappedOnly,
    indexDelta,
    rankChange,
    bandMove,
    text,
    criteria,
    unmapped,
    notes: c.notes,
    assessment: c.assessment,
  }
}

/** Whether a band change is up or down: positions in B's bands (by code, else by label). */
function moveOf(A: CompiledPack, B: CompiledPack, from: string | undefined, to: string | undefined): 'up' | 'down' | 'same' | 'changed' {
  if (from === to) return 'same'
  const pos = (bands: readonly CompiledBand[], code: string | undefined, label: string | undefined): number => {
    if (code === undefined) return bands.length
    const byCode = bands.findIndex((b) => b.code === code)
    if (byCode >= 0) return byCode
    return label === undefined ? -1 : bands.findIndex((b) => b.label.vi === label)
  }
  const label = A.bands.find((b) => b.code === from)?.label.vi
  const p = pos(B.bands, from, label)
  const q = pos(B.bands, to, undefined)
  if (p < 0 || q < 0) return 'changed'
  return q < p ? 'up' : q > p ? 'down' : 'same'
}
