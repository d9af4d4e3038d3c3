/**
 * How results are reported: "12/16 xã đạt khá, 04 xã trung bình", "đạt 85,34 điểm, xếp
 * thứ 10", group headings by name ("Khối xã"), a ranking table. Vietnamese by default,
 * English on request; every number is rendered from the exact value.
 */
import { Exact, type BatchResult, type CompiledPack, type RankedUnit } from '@chiso/core'
import { formatIndex } from './index-unit.js'
import { formatNumber, pad2, textIn, type Locale } from './locale.js'
import { anySample, packMarkLine, SAMPLE_MARK } from './marks.js'
import { displayWidth, normalizeHeader, padEndW, padStartW } from './text.js'
import { UNIT_KINDS } from './unit-kinds.js'

/** District-level units are named by what they are: huyện, quận, thị xã, thành phố. */
const DISTRICT_WORDS: { prefix: RegExp; vi: string; en: string }[] = [
  { prefix: /^huyen\b/, vi: 'huyện', en: 'rural districts' },
  { prefix: /^quan\b/, vi: 'quận', en: 'urban districts' },
  { prefix: /^thi xa\b/, vi: 'thị xã', en: 'towns' },
  { prefix: /^thanh pho\b/, vi: 'thành phố', en: 'cities' },
]

function listEn(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

/**
 * The word for the units of a batch or of one of its groups, as reports write it: "xã",
 * "phường, thị trấn", "sở"; district-level units by their names ("huyện, thị xã, thành
 * phố" where the units are of mixed kinds); "đơn vị" when a kind has no usual word.
 *
 * @example
 * ```ts
 * import { unitWord } from '@chiso/adapters/xlsx'
 * unitWord(batch) // 'xã'
 * unitWord(batch, 'phuong-thi-tran') // 'phường, thị trấn'
 * unitWord(batch, undefined, 'en') // 'communes'
 * ```
 */
export function unitWord(batch: BatchResult, group?: string, locale: Locale = 'vi'): string {
  const units = group === undefined ? batch.units : (batch.groups.get(group) ?? [])
  return wordForUnits(
    units.map((u) => u.result.assessment.unit),
    batch.pack.source.appliesTo,
    locale,
  )
}

/** The word for a list of units (see {@link unitWord}). */
function wordForUnits(
  units: readonly ({ readonly kind?: string | undefined; readonly name?: string | undefined } | undefined)[],
  appliesTo: readonly string[] | undefined,
  locale: Locale = 'vi',
): string {
  const kinds = new Set<string>()
  const districtWords = new Set<number>()
  for (const u of units) {
    if (u?.kind === undefined) continue
    kinds.add(u.kind)
    if (u.kind === 'district') {
      const name = normalizeHeader(u.name ?? '').replace(/^(uy ban nhan dan|ubnd)\s+/, '')
      const k = DISTRICT_WORDS.findIndex((w) => w.prefix.test(name))
      districtWords.add(k < 0 ? 0 : k)
    }
  }
  if (kinds.size === 0 && appliesTo?.length === 1) kinds.add(appliesTo[0]!)
  const unknown = locale === 'vi' ? 'đơn vị' : 'units'
  if (kinds.size === 0 || [...kinds].some((k) => UNIT_KINDS[k] === undefined)) return unknown
  const words: string[] = []
  // in the order reports list kinds (the table's)
  for (const [kind, w] of Object.entries(UNIT_KINDS)) {
    if (!kinds.has(kind)) continue
    if (kind === 'district' && districtWords.size > 0) {
      for (const [k, d] of DISTRICT_WORDS.entries()) if (districtWords.has(k)) words.push(d[locale])
    } else words.push(locale === 'vi' ? w.vi : w.enMany)
  }
  return locale === 'vi' ? words.join(', ') : listEn(words)
}

/**
 * The heading of a ranking group, by name: "Khối xã", "Khối phường, thị trấn"
 * ("Communes", "Wards and townships"); the group's code when its units have no usual word
 * or two groups would read the same.
 *
 * @example
 * ```ts
 * import { groupHeading } from '@chiso/adapters/xlsx'
 * groupHeading(batch, 'phuong-thi-tran') // 'Khối phường, thị trấn'
 * ```
 */
export function groupHeading(batch: BatchResult, group: string, locale: Locale = 'vi'): string {
  const word = unitWord(batch, group, locale)
  const unknown = word === (locale === 'vi' ? 'đơn vị' : 'units')
  const same = [...batch.groups.keys()].filter((g) => g !== group && unitWord(batch, g, locale) === word).length > 0
  const named = locale === 'vi' ? `Khối ${word}` : word.charAt(0).toUpperCase() + word.slice(1)
  // units that gave no group rank in 'all', a code no reader should see
  const code = group === 'all' ? (locale === 'vi' ? 'không ghi nhóm' : 'no group given') : `${locale === 'vi' ? 'nhóm' : 'group'} ${group}`
  if (unknown) return group === 'all' ? (locale === 'vi' ? 'Đơn vị không ghi nhóm' : 'Units with no group given') : locale === 'vi' ? `Nhóm ${group}` : `Group ${group}`
  return same ? `${named} (${code})` : named
}

/** The display name of a unit: its name from the assessment, else its id. @example `unitName(u) // 'Xã Nhạn Quang'` */
export function unitName(u: RankedUnit): string {
  return u.result.assessment.unit?.name ?? u.unitId
}

/** A band's label in a locale. @internal */
export const bandLabel = (b: { readonly label: { readonly vi: string; readonly en?: string | undefined } }, locale: Locale): string => textIn(b.label, locale)

/** The rank of a unit as printed: "3", or "không xếp hạng" for a unit assessed but not ranked. @internal */
export function rankText(u: RankedUnit, locale: Locale = 'vi'): string {
  return u.rank === null ? (locale === 'vi' ? 'không xếp hạng' : 'not ranked') : String(u.rank)
}

/**
 * The band distribution as press releases write it: "12/16 xã đạt khá, 04 xã trung bình".
 * Bands go from the highest down; bands nobody reached are left out.
 *
 * @example
 * ```ts
 * import { bandSummary } from '@chiso/adapters/xlsx'
 * bandSummary(batch) // '12/16 xã đạt khá, 04 xã trung bình'
 * bandSummary(batch, { group: 'xa' }) // the same within one ranking group
 * bandSummary(batch, { locale: 'en' }) // '12/16 communes rated fair, 04 average'
 * ```
 */
export function bandSummary(batch: BatchResult, options: { group?: string; word?: string; locale?: Locale } = {}): string {
  const locale = options.locale ?? 'vi'
  const units = options.group === undefined ? batch.units : (batch.groups.get(options.group) ?? [])
  const word = options.word ?? unitWord(batch, options.group, locale)
  const counts = new Map<string, number>()
  let none = 0
  for (const u of units) {
    if (u.band) counts.set(u.band.code, (counts.get(u.band.code) ?? 0) + 1)
    else none++
  }
  const parts: string[] = []
  for (const b of batch.pack.bands) {
    const n = counts.get(b.code)
    if (!n) continue
    const label = bandLabel(b, locale).toLocaleLowerCase(locale)
    if (locale === 'vi') parts.push(parts.length === 0 ? `${pad2(n)}/${pad2(units.length)} ${word} đạt ${label}` : `${pad2(n)} ${word} ${label}`)
    else parts.push(parts.length === 0 ? `${pad2(n)}/${pad2(units.length)} ${word} rated ${label}` : `${pad2(n)} ${label}`)
  }
  if (none > 0) {
    const text = locale === 'vi' ? 'chưa xếp loại' : 'not banded'
    parts.push(parts.length === 0 ? `${pad2(none)}/${pad2(units.length)} ${word} ${text}` : locale === 'vi' ? `${pad2(none)} ${word} ${text}` : `${pad2(none)} ${text}`)
  }
  return parts.join(', ')
}

/** The mean of exact values (exact). @internal */
export function meanExact(values: readonly Exact[]): Exact | undefined {
  if (values.length === 0) return undefined
  let s = Exact.ZERO
  for (const v of values) s = s.add(v)
  return s.div(Exact.ratio(values.length, 1))
}

/** "Bộ chỉ số: … (id@version)". @internal */
export function packLine(pack: CompiledPack, locale: Locale = 'vi'): string {
  return `${locale === 'vi' ? 'Bộ chỉ số' : 'Pack'}: ${textIn(pack.title, locale)} (${pack.id}@${pack.version})`
}

/**
 * The lines heading every report of a batch: the pack, the one line saying what in it is
 * reconstructed, and the sample-data mark when the units are sample data.
 *
 * @example
 * ```ts
 * import { reportHeaderLines } from '@chiso/adapters/xlsx'
 * reportHeaderLines(batch.pack, { sample: false })
 * // ['Bộ chỉ số: … (vn-cchc/commune-2019@1.1.0)', 'Lưu ý: … 63/63 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức']
 * ```
 */
export function reportHeaderLines(pack: CompiledPack, options: { sample?: boolean; locale?: Locale } = {}): string[] {
  const locale = options.locale ?? 'vi'
  return [packLine(pack, locale), packMarkLine(pack, locale), ...(options.sample ? [SAMPLE_MARK[locale]] : [])]
}

/** A unit's points and index: "đạt 85,34 điểm (chỉ số 85,34%)". */
function pointsText(u: RankedUnit, locale: Locale = 'vi'): string {
  const t = formatNumber(u.result.total, locale)
  const i = formatIndex(u.result.index, u.result.pack, locale)
  return locale === 'vi' ? `đạt ${t} điểm (chỉ số ${i})` : `${t} points (index ${i})`
}

/** Options for {@link summaryLines}. */
export interface SummaryOptions {
  readonly locale?: Locale
  /** extra text after a unit's line (e.g. "3 năm liền dẫn đầu"), by unit id */
  readonly unitNotes?: ReadonlyMap<string, string>
  /** leave out the header lines (pack, reconstruction mark, sample mark) */
  readonly withoutHeader?: boolean
}

/**
 * Summary lines: the pack and what in it is reconstructed, the period, how many units,
 * the band distribution per group, the mean index, the leader ("Dẫn đầu: … đạt 90,58
 * điểm") and the last unit ("xếp thứ 79/79"), and units assessed but not ranked.
 *
 * @example
 * ```ts
 * import { summaryLines } from '@chiso/adapters/xlsx'
 * summaryLines(batch).forEach((l) => console.log(l))
 * summaryLines(batch, { locale: 'en' })
 * ```
 */
export function summaryLines(batch: BatchResult, options: SummaryOptions = {}): string[] {
  const locale = options.locale ?? 'vi'
  const vi = locale === 'vi'
  const word = unitWord(batch, undefined, locale)
  const lines: string[] = []
  if (!options.withoutHeader) lines.push(...reportHeaderLines(batch.pack, { locale, sample: anySample(batch.units.map((u) => u.result.assessment)) }))
  const periods = [...new Set(batch.units.map((u) => u.result.period))]
  if (periods.length > 0) lines.push(`${vi ? 'Kỳ đánh giá' : 'Period'}: ${periods.join(', ')}`)
  const unranked = batch.units.filter((u) => u.rank === null).length
  const scored = vi ? `Số ${word} được chấm: ${batch.units.length}` : `${word.charAt(0).toUpperCase() + word.slice(1)} scored: ${batch.units.length}`
  lines.push(unranked > 0 ? `${scored}${vi ? `, trong đó ${unranked} không xếp hạng` : `, ${unranked} of them not ranked`}` : scored)
  const many = batch.groups.size > 1
  const note = (u: RankedUnit): string => {
    const n = options.unitNotes?.get(u.unitId)
    return n ? `, ${n}` : ''
  }
  for (const [g, list] of batch.groups) {
    const prefix = many ? `${groupHeading(batch, g, locale)}: ` : ''
    if (batch.pack.bands.length > 0) lines.push(`${prefix}${bandSummary(batch, { group: g, locale })}`)
    const ranked = list.filter((u) => u.rank !== null)
    const mean = meanExact(list.map((u) => u.result.index))
    if (mean) lines.push(`${prefix}${vi ? 'Chỉ số bình quân đạt' : 'Mean index'} ${formatIndex(mean, batch.pack, locale)}`)
    const leaders = ranked.filter((u) => u.rank === 1)
    if (leaders.length > 0) {
      lines.push(`${prefix}${vi ? 'Dẫn đầu' : 'First'}: ${leaders.map((u) => `${unitName(u)} ${pointsText(u, locale)}${note(u)}`).join('; ')}`)
    }
    const last = ranked[ranked.length - 1]
    if (last && last.rank !== 1) {
      const place = vi ? `xếp thứ ${last.rank}/${last.groupSize}` : `ranked ${last.rank} of ${last.groupSize}`
      lines.push(`${prefix}${vi ? 'Thấp nhất' : 'Last'}: ${unitName(last)} ${pointsText(last, locale)}, ${place}${note(last)}`)
    }
    const notRanked = list.filter((u) => u.rank === null)
    if (notRanked.length > 0) {
      lines.push(`${prefix}${vi ? 'Không xếp hạng' : 'Not ranked'}: ${notRanked.map((u) => `${unitName(u)} ${pointsText(u, locale)}`).join('; ')}`)
    }
  }
  return lines
}

/** Options for {@link formatRankingTable}. */
export interface RankingTableOptions {
  readonly locale?: Locale
  /** a column comparing with an earlier year: its heading and each unit's text */
  readonly change?: { readonly heading: string; readonly byUnit: ReadonlyMap<string, string> }
}

/**
 * The ranking as a plain-text table for a terminal: rank ("không xếp hạng" for a unit
 * assessed but not ranked), unit, points, index, band, optionally the change since an
 * earlier year, and the rank of each area under a "Hạng theo lĩnh vực" heading; one
 * section per ranking group, headed by its name ("Khối xã").
 *
 * @example
 * ```ts
 * import { formatRankingTable } from '@chiso/adapters/cli'
 * console.log(formatRankingTable(batch))
 * console.log(formatRankingTable(batch, { locale: 'en' }))
 * ```
 */
export function formatRankingTable(batch: BatchResult, options: RankingTableOptions = {}): string {
  const locale = options.locale ?? 'vi'
  const vi = locale === 'vi'
  const areas = batch.pack.areas.map((i) => batch.pack.nodes[i]!.code)
  const out: string[] = []
  // widths by loops, never Math.max(...list): a batch may hold more units than a call can spread
  const widest = <T>(items: Iterable<T>, width: (t: T) => number, least: number, most = Infinity): number => {
    let w = least
    for (const t of items) w = Math.max(w, Math.min(most, width(t)))
    return w
  }
  const nameW = widest(batch.units, (u) => displayWidth(unitName(u)), 8, 32)
  const rankW = widest(batch.units, (u) => displayWidth(rankText(u, locale)), 5)
  const bandW = widest(batch.units, (u) => displayWidth(u.band ? bandLabel(u.band, locale) : '—'), vi ? 8 : 4)
  const change = options.change
  const changeW = change ? widest(change.byUnit.values(), displayWidth, displayWidth(change.heading)) : 0
  const areaW = widest(areas, (a) => displayWidth(a) + (vi ? 2 : 1), 4)
  const areaHead = (a: string): string => (vi ? `LV${a}` : `A${a}`)
  for (const [g, list] of batch.groups) {
    if (batch.groups.size > 1) out.push(groupHeading(batch, g, locale))
    const lead = [
      padStartW(vi ? 'Hạng' : 'Rank', rankW),
      padEndW(vi ? 'Đơn vị' : 'Unit', nameW),
      padStartW(vi ? 'Điểm' : 'Points', 8),
      padStartW(vi ? 'Chỉ số' : 'Index', 8),
      padEndW(vi ? 'Xếp loại' : 'Band', bandW),
      ...(change ? [padEndW(change.heading, changeW)] : []),
    ]
    if (areas.length > 0) {
      // the area columns are ranks: said once above them
      const before = displayWidth(lead.join('  ')) + 2
      out.push(`${' '.repeat(before)}${vi ? 'Hạng theo lĩnh vực' : 'Rank by area'}`)
    }
    out.push([...lead, ...areas.map((a) => padStartW(areaHead(a), areaW))].join('  ').trimEnd())
    for (const u of list) {
      let name = unitName(u)
      if (displayWidth(name) > nameW) name = [...name.normalize('NFC')].slice(0, nameW - 1).join('') + '…'
      const row = [
        padStartW(rankText(u, locale), rankW),
        padEndW(name, nameW),
        padStartW(formatNumber(u.result.total, locale), 8),
        padStartW(formatNumber(u.result.index, locale), 8),
        padEndW(u.band ? bandLabel(u.band, locale) : '—', bandW),
        ...(change ? [padEndW(change.byUnit.get(u.unitId) ?? '—', changeW)] : []),
        ...areas.map((a) => padStartW(String(u.componentRanks[a] ?? '—'), areaW)),
      ]
      out.push(row.join('  ').trimEnd())
    }
    out.push('')
  }
  return out.join('\n')
}
