/**
 * What a report shows, as plain data computed from the engine's own results: ranking per
 * group, bands, component indexes, year-over-year changes, rank intervals, and per unit
 * where it lost points and its appraisal trail. Charts and sections read this data only,
 * so a web dashboard can draw the same from the same data (it is JSON-serialisable).
 */
import { compareYears, Exact, reconstructionSummary, type BatchResult, type RankedUnit, type UnitRegistry } from '@chiso/core'
import { type SensitivityReport } from '@chiso/core/analysis'
import { indexIsPercent, indexUnit } from '../shared/index-unit.js'
import { bandSummary, groupHeading, meanExact, unitName, unitWord } from '../shared/summary.js'
import { formatNumber, textIn, type Locale } from '../shared/locale.js'
import { streakText } from '../shared/streak.js'
import { bandStyles, UNBANDED_STYLE, type BandStyle } from './bands.js'
import { largestGaps } from './gaps.js'

/** A number as the report shows it: its value for drawing, its text from the exact value ("85,34"). */
export interface ShownNumber {
  readonly value: number
  readonly text: string
}

/** A band (xếp loại) of the pack. */
export interface ReportBand {
  readonly code: string
  readonly label: string
  readonly min: ShownNumber
  readonly minExclusive: boolean
  readonly style: BandStyle
}

/** A top-level area (lĩnh vực). */
export interface ReportArea {
  readonly code: string
  readonly title: string
}

/** One place a unit lost points (see {@link largestGaps}). */
export interface ReportGap {
  readonly code: string
  readonly title: string
  readonly kind: 'criterion' | 'deduction'
  readonly points: ShownNumber
  readonly max: ShownNumber
  readonly lost: ShownNumber
  readonly reasons: readonly string[]
}

/** One change an appraisal round made to a unit's criterion. */
export interface ReportAppraisal {
  readonly round: number
  readonly reviewer: string
  readonly at: string
  readonly code: string
  readonly title: string
  readonly from: string
  readonly to: string
  readonly reason: string
}

/** One unit in the report. */
export interface ReportUnit {
  readonly id: string
  readonly name: string
  readonly group: string
  /** null for a unit assessed but not ranked */
  readonly rank: number | null
  readonly groupSize: number
  readonly total: ShownNumber
  readonly applicableMax: ShownNumber
  readonly index: ShownNumber
  /** band code, null when the unit falls in no band */
  readonly band: string | null
  /** rank of each area within the group, by area code */
  readonly componentRanks: Readonly<Record<string, number>>
  /** component index (%) of each area, by area code; null when nothing in the area applies */
  readonly components: Readonly<Record<string, ShownNumber | null>>
  /** the change since the latest earlier year ("tăng 2 bậc so với năm 2023") */
  readonly change: { readonly fromYear: string; readonly rankChange: number | null; readonly text: string } | null
  /** "3 năm liền dẫn đầu" */
  readonly streak: string | null
  /** the unit's earlier years (from lineage when it did not exist yet), oldest first, then this year */
  readonly history: readonly { readonly year: string; readonly rank: number | null; readonly groupSize: number | null; readonly index: ShownNumber; readonly band: string | null }[]
  /** rank interval under perturbed area weights */
  readonly interval: { readonly rank: number; readonly low: number; readonly high: number; readonly p5: number; readonly p95: number } | null
  readonly gaps: readonly ReportGap[]
  readonly appraisals: readonly ReportAppraisal[]
  /** notices on the result worth a look (missing evidence, missing survey …), in Vietnamese */
  readonly flags: readonly string[]
}

/** A ranking group. */
export interface ReportGroup {
  readonly key: string
  /** display name ("Nhóm xã") */
  readonly name: string
  /** unit ids, best first, units not ranked last */
  readonly units: readonly string[]
  /** "12/16 xã đạt khá, 04 xã trung bình" */
  readonly summary: string
  readonly mean: ShownNumber | null
  /** mean component index (%) of each area over the group's units */
  readonly areaMeans: Readonly<Record<string, ShownNumber | null>>
}

/** Band counts of one group in one year. */
export interface BandYear {
  readonly year: string
  /** by band code */
  readonly counts: Readonly<Record<string, number>>
  readonly unbanded: number
}

/** Everything a report shows. */
export interface ReportData {
  readonly kind: 'chiso.report-data'
  /** the language every text of the data is in (titles, bands, reasons, numbers: "85,34" or "85.34"); 'vi' when absent */
  readonly locale?: Locale
  readonly title: string
  readonly period: string
  readonly pack: { readonly id: string; readonly version: string; readonly title: string }
  /** "xã", "sở", "phường, thị trấn" … */
  readonly unitWord: string
  /** the top of the index scale (100 for an index in %), and whether the index is a percentage */
  readonly indexScale: number
  readonly indexPercent: boolean
  /** what the index is counted in, for headings: "%", "điểm" (an index of points), "thang 10" */
  readonly indexUnit: string
  /** the pack's index formula: a ratio (points ÷ applicable max × scale) or the points themselves */
  readonly indexKind: 'ratio' | 'points'
  /** the pack's reconstruction mark; null for a pack taken wholly from official texts */
  readonly reconstruction: { readonly standing: string; readonly text: string } | null
  /** true when any unit or result says it is sample data ("dữ liệu mẫu") */
  readonly sample: boolean
  readonly bands: readonly ReportBand[]
  readonly areas: readonly ReportArea[]
  readonly groups: readonly ReportGroup[]
  /** in group order, best first */
  readonly units: readonly ReportUnit[]
  /** earlier years given, oldest first (empty without them) */
  readonly previousYears: readonly string[]
  /** band counts per group and year (earlier years and this one), when earlier years are given */
  readonly bandYears: readonly { readonly group: string; readonly years: readonly BandYear[] }[]
  /** bands of earlier years that the current pack does not have (by code) */
  readonly extraBands: readonly ReportBand[]
  /** the sensitivity analysis behind the rank intervals */
  readonly sensitivity: { readonly draws: number; readonly seed: number; readonly spread: string } | null
}

/** Options for {@link buildReportData}. */
export interface ReportDataOptions {
  /** the report's title; default "Báo cáo Chỉ số cải cách hành chính năm <period>" */
  readonly title?: string
  /** the period shown; default the results' period */
  readonly period?: string
  /** earlier years' results, by year */
  readonly previous?: Readonly<Record<string, BatchResult>>
  /** unit lineage, to follow merged units back to their predecessors */
  readonly units?: UnitRegistry
  /** the sensitivity analysis of this year's results, and the spread of weights it used (e.g. 0.1) */
  readonly sensitivity?: { readonly report: SensitivityReport; readonly spread: number | string }
  /** how many gaps per unit (default 6) */
  readonly gaps?: number
  /** mark the report as sample data even when no unit says so */
  readonly sample?: boolean
  /** the language of the data's texts and numbers (default 'vi'); unit names stay as they are */
  readonly locale?: Locale
}

function isSampleUnit(u: RankedUnit): boolean {
  const a = u.result.assessment
  const flag = (o: unknown): boolean => typeof o === 'object' && o !== null && (o as { sample?: unknown }).sample === true
  return flag(a.unit?.attributes) || flag(a.unit) || flag(a as unknown)
}

function groupName(batch: BatchResult, group: string, locale: Locale): string {
  return locale === 'vi' ? `Nhóm ${unitWord(batch, group)}` : groupHeading(batch, group, 'en')
}

/**
 * Builds the data of a report from a batch (evaluate it with `{ trace: true }` to have the
 * reasons for lost points and the appraisal trail), earlier years' batches and a
 * sensitivity analysis.
 *
 * @example
 * ```ts
 * import { evaluateBatch } from '@chiso/core'
 * import { analyseSensitivity } from '@chiso/core/analysis'
 * import { buildReportData, renderReportHtml } from '@chiso/adapters/report'
 * const batch = evaluateBatch(pack, assessments, { trace: true })
 * const data = buildReportData(batch, {
 *   previous: { '2023': evaluateBatch(pack, assessments2023) },
 *   sensitivity: { report: analyseSensitivity(pack, assessments, { seed: 1, weights: { spread: 0.1 } }), spread: 0.1 },
 * })
 * const html = renderReportHtml(data)
 * ```
 */
export function buildReportData(batch: BatchResult, options: ReportDataOptions = {}): ReportData {
  const pack = batch.pack
  const locale: Locale = options.locale ?? 'vi'
  const shown = (x: Exact, decimals = 2): ShownNumber => ({ value: x.toNumber(), text: formatNumber(x, locale, decimals) })
  const shortNumber = (x: Exact): string => formatNumber(x, locale, x.isInteger() ? 0 : 2)
  const periods = [...new Set(batch.units.map((u) => u.result.period))].sort()
  const period = options.period ?? periods.join(', ')
  const styles = bandStyles(pack.bands.map((b) => textIn(b.label, locale)))
  const bands: ReportBand[] = pack.bands.map((b, i) => ({
    code: b.code,
    label: textIn(b.label, locale),
    min: shown(b.min, b.min.isInteger() ? 0 : 2),
    minExclusive: b.minExclusive,
    style: styles[i]!,
  }))
  const areas: ReportArea[] = pack.areas.map((i) => ({ code: pack.nodes[i]!.code, title: textIn(pack.nodes[i]!.title, locale) }))
  const rec = reconstructionSummary(pack)

  // years: compareYears over the earlier batches and this one
  const previous = options.previous ?? {}
  const previousYears = Object.keys(previous).sort()
  const thisYear = periods.length === 1 ? periods[0]! : period
  const history = previousYears.length > 0 ? new Map(compareYears({ ...previous, [thisYear]: batch }, options.units ? { units: options.units } : {}).map((h) => [h.unitId, h])) : undefined
  const intervals = new Map((options.sensitivity?.report.units ?? []).map((r) => [r.unitId, r]))

  const units: ReportUnit[] = []
  const groups: ReportGroup[] = []
  for (const [key, list] of batch.groups) {
    for (const u of list) {
      const r = u.result
      const comps: Record<string, ShownNumber | null> = {}
      for (const c of r.components) comps[c.code] = c.index === null ? null : shown(c.index)
      const h = history?.get(u.unitId)
      const last = h?.changes[h.changes.length - 1]
      const iv = intervals.get(u.unitId)
      const appraisals: ReportAppraisal[] = []
      for (const n of r.nodes) {
        for (const s of n.trace?.appraisals ?? []) {
          appraisals.push({ round: s.round, reviewer: s.reviewer, at: s.at, code: n.code, title: textIn(n.title, locale), from: shortNumber(s.from), to: shortNumber(s.to), reason: s.reason })
        }
      }
      appraisals.sort((a, b) => a.round - b.round || a.at.localeCompare(b.at))
      units.push({
        id: u.unitId,
        name: unitName(u),
        group: key,
        rank: u.rank,
        groupSize: u.groupSize,
        total: shown(r.total),
        applicableMax: shown(r.applicableMax),
        index: shown(r.index),
        band: u.band?.code ?? null,
        componentRanks: u.componentRanks,
        components: comps,
        change: last ? { fromYear: last.fromYear, rankChange: last.rankChange, text: textIn(last.text, locale) } : null,
        streak: h ? (streakText(h, locale) ?? null) : null,
        history: (h?.years ?? []).map((y) => ({ year: y.year, rank: y.rank, groupSize: y.groupSize, index: shown(y.index), band: y.band })),
        interval: iv ? { rank: iv.rank, low: iv.low, high: iv.high, p5: iv.p5, p95: iv.p95 } : null,
        gaps: largestGaps(r, options.gaps ?? 6, locale).map((g) => ({
          code: g.code,
          title: textIn(g.title, locale),
          kind: g.kind,
          points: shown(g.points),
          max: shown(g.applicableMax),
          lost: shown(g.lost),
          reasons: g.reasons,
        })),
        appraisals,
        flags: r.flags.filter((f) => f.code !== 'self_score_differs' && f.code !== 'explanation_given').map((f) => `${f.criterion}: ${textIn(f.message, locale)}`),
      })
    }
    const areaMeans: Record<string, ShownNumber | null> = {}
    for (const a of areas) {
      const values = list.map((u) => u.result.node(a.code)?.index).filter((x): x is Exact => x !== null && x !== undefined)
      const m = meanExact(values)
      areaMeans[a.code] = m ? shown(m) : null
    }
    const mean = meanExact(list.map((u) => u.result.index))
    groups.push({
      key,
      name: groupName(batch, key, locale),
      units: list.map((u) => u.unitId),
      summary: pack.bands.length > 0 ? bandSummary(batch, { group: key, locale }) : '',
      mean: mean ? shown(mean) : null,
      areaMeans,
    })
  }

  // band counts per year and group; bands of earlier packs not in this one are listed apart
  const bandYears: { group: string; years: BandYear[] }[] = []
  const extraBands: ReportBand[] = []
  if (previousYears.length > 0) {
    const known = new Set(bands.map((b) => b.code))
    const extraLabels: { code: string; label: string; min: Exact; minExclusive: boolean }[] = []
    for (const y of previousYears) {
      for (const b of previous[y]!.pack.bands) {
        if (!known.has(b.code)) {
          known.add(b.code)
          extraLabels.push({ code: b.code, label: textIn(b.label, locale), min: b.min, minExclusive: b.minExclusive })
        }
      }
    }
    const extraStyles = bandStyles([...bands.map((b) => b.label), ...extraLabels.map((b) => b.label)]).slice(bands.length)
    extraLabels.forEach((b, i) => extraBands.push({ code: b.code, label: b.label, min: shown(b.min), minExclusive: b.minExclusive, style: extraStyles[i]! }))
    const counting = (list: readonly RankedUnit[], year: string): BandYear => {
      const counts: Record<string, number> = {}
      let unbanded = 0
      for (const u of list) {
        if (u.band) counts[u.band.code] = (counts[u.band.code] ?? 0) + 1
        else unbanded++
      }
      return { year, counts, unbanded }
    }
    for (const g of groups) {
      const years: BandYear[] = []
      for (const y of previousYears) {
        const list = previous[y]!.groups.get(g.key)
        if (list && list.length > 0) years.push(counting(list, y))
      }
      years.push(counting(batch.groups.get(g.key) ?? [], thisYear))
      bandYears.push({ group: g.key, years })
    }
  }

  const sens = options.sensitivity
  return {
    kind: 'chiso.report-data',
    locale,
    title: options.title ?? (locale === 'vi' ? `Báo cáo Chỉ số cải cách hành chính năm ${period}` : `Public Administration Reform (PAR) Index report, ${period}`),
    period,
    pack: { id: pack.id, version: pack.version, title: textIn(pack.title, locale) },
    unitWord: unitWord(batch, undefined, locale),
    indexScale: (pack.indexFormula.kind === 'ratio' ? pack.indexFormula.scale : pack.scale).toNumber(),
    indexPercent: indexIsPercent(pack),
    indexUnit: indexUnit(pack, locale),
    indexKind: pack.indexFormula.kind,
    reconstruction: rec.standing === 'official' ? null : { standing: rec.standing, text: textIn(rec.text, locale) },
    sample: options.sample === true || batch.units.some(isSampleUnit),
    bands,
    areas,
    groups,
    units,
    previousYears,
    bandYears,
    extraBands,
    sensitivity: sens ? { draws: sens.report.draws, seed: sens.report.seed, spread: formatNumber(Exact.from(sens.spread).mul(Exact.from(100)), locale, 0) } : null,
  }
}

/** The style of a band code in a report (bands of earlier years included); the unbanded look when none. @internal */
export function styleOf(data: ReportData, code: string | null): BandStyle {
  if (code === null) return UNBANDED_STYLE
  return (data.bands.find((b) => b.code === code) ?? data.extraBands.find((b) => b.code === code))?.style ?? UNBANDED_STYLE
}

/** A band's label by code ("chưa xếp loại" for none). @internal */
export function bandLabel(data: ReportData, code: string | null): string {
  if (code === null) return data.locale === 'en' ? 'Not banded' : 'Chưa xếp loại'
  return (data.bands.find((b) => b.code === code) ?? data.extraBands.find((b) => b.code === code))?.label ?? code
}
