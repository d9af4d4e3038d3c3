/**
 * How results are reported in Vietnamese: "12/16 xã đạt khá, 04 xã trung bình",
 * "đạt 85,34 điểm, xếp thứ 10", a ranking table. Every number is rendered from the exact
 * value with a comma decimal separator.
 */
import { Exact, type BatchResult, type RankedUnit } from '@chiso/core'
import { displayWidth, formatVi, padEndW, padStartW } from './text.js'

const WORDS: Record<string, string> = {
  commune: 'xã',
  ward: 'phường',
  township: 'thị trấn',
  district: 'huyện',
  department: 'sở',
  province: 'tỉnh',
  ministry: 'bộ',
  'party-committee': 'đảng bộ',
}

/**
 * The Vietnamese word for the units of a batch or of one of its groups: "xã", "phường",
 * "sở" …; several kinds are listed as the press does ("xã, thị trấn"); "đơn vị" when a
 * kind has no usual word.
 *
 * @example
 * ```ts
 * import { unitWord } from '@chiso/adapters/xlsx'
 * unitWord(batch) // 'xã'
 * unitWord(batch, 'phuong-thi-tran') // 'phường, thị trấn'
 * ```
 */
export function unitWord(batch: BatchResult, group?: string): string {
  const units = group === undefined ? batch.units : (batch.groups.get(group) ?? [])
  const counts = new Map<string, number>()
  for (const u of units) {
    const k = u.result.assessment.unit?.kind
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  if (counts.size === 0 && batch.pack.source.appliesTo?.length === 1) counts.set(batch.pack.source.appliesTo[0]!, 1)
  if (counts.size === 0) return 'đơn vị'
  const kinds = [...counts].sort((a, b) => b[1] - a[1]).map(([k]) => k)
  if (kinds.some((k) => WORDS[k] === undefined)) return 'đơn vị'
  return kinds.map((k) => WORDS[k]!).join(', ')
}

/** The display name of a unit: its name from the assessment, else its id. @example `unitName(u) // 'Xã Thanh Xá'` */
export function unitName(u: RankedUnit): string {
  return u.result.assessment.unit?.name ?? u.unitId
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/**
 * The band distribution as press releases write it: "12/16 xã đạt khá, 04 xã trung bình".
 * Bands go from the highest down; bands nobody reached are left out.
 *
 * @example
 * ```ts
 * import { bandSummary } from '@chiso/adapters/xlsx'
 * bandSummary(batch) // '12/16 xã đạt khá, 04 xã trung bình'
 * bandSummary(batch, { group: 'xa' }) // the same within one ranking group
 * ```
 */
export function bandSummary(batch: BatchResult, options: { group?: string; word?: string } = {}): string {
  const units = options.group === undefined ? batch.units : (batch.groups.get(options.group) ?? [])
  const word = options.word ?? unitWord(batch, options.group)
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
    const label = b.label.vi.toLocaleLowerCase('vi')
    parts.push(parts.length === 0 ? `${pad2(n)}/${units.length} ${word} đạt ${label}` : `${pad2(n)} ${word} ${label}`)
  }
  if (none > 0) parts.push(parts.length === 0 ? `${pad2(none)}/${units.length} ${word} chưa xếp loại` : `${pad2(none)} ${word} chưa xếp loại`)
  return parts.join(', ')
}

/** The mean of exact values (exact). @internal */
export function meanExact(values: readonly Exact[]): Exact | undefined {
  if (values.length === 0) return undefined
  let s = Exact.ZERO
  for (const v of values) s = s.add(v)
  return s.div(Exact.ratio(values.length, 1))
}

/**
 * Summary lines in Vietnamese: pack, period, how many units, band distribution per
 * group, the mean index, the first and last unit ("đạt 85,34 điểm, xếp thứ 1").
 *
 * @example
 * ```ts
 * import { summaryLines } from '@chiso/adapters/xlsx'
 * summaryLines(batch).forEach((l) => console.log(l))
 * ```
 */
export function summaryLines(batch: BatchResult): string[] {
  const word = unitWord(batch)
  const lines: string[] = []
  const periods = [...new Set(batch.units.map((u) => u.result.period))]
  lines.push(`Bộ chỉ số: ${batch.pack.title.vi} (${batch.pack.id}@${batch.pack.version})`)
  if (periods.length > 0) lines.push(`Kỳ đánh giá: ${periods.join(', ')}`)
  lines.push(`Số ${word} được chấm: ${batch.units.length}`)
  const many = batch.groups.size > 1
  for (const [g, list] of batch.groups) {
    const prefix = many ? `Nhóm ${g}: ` : ''
    if (batch.pack.bands.length > 0) lines.push(`${prefix}${bandSummary(batch, { group: g })}`)
    const mean = meanExact(list.map((u) => u.result.index))
    if (mean) lines.push(`${prefix}Chỉ số bình quân đạt ${formatVi(mean)}%`)
    const first = list[0]
    const last = list[list.length - 1]
    if (first) lines.push(`${prefix}Dẫn đầu: ${unitName(first)} đạt ${formatVi(first.result.total)} điểm (chỉ số ${formatVi(first.result.index)}%), xếp thứ ${first.rank}/${first.groupSize}`)
    if (last && last !== first) lines.push(`${prefix}Thấp nhất: ${unitName(last)} đạt ${formatVi(last.result.total)} điểm (chỉ số ${formatVi(last.result.index)}%), xếp thứ ${last.rank}/${last.groupSize}`)
  }
  return lines
}

/**
 * The ranking as a plain-text table for a terminal: rank, unit, points, index, band and
 * the rank of each area, numbers in vi-VN format.
 *
 * @example
 * ```ts
 * import { formatRankingTable } from '@chiso/adapters/cli'
 * console.log(formatRankingTable(batch))
 * ```
 */
export function formatRankingTable(batch: BatchResult): string {
  const areas = batch.pack.areas.map((i) => batch.pack.nodes[i]!.code)
  const out: string[] = []
  let nameW = 8
  for (const u of batch.units) nameW = Math.max(nameW, Math.min(32, displayWidth(unitName(u))))
  for (const [g, list] of batch.groups) {
    if (batch.groups.size > 1) out.push(`Nhóm ${g}`)
    const head = [padStartW('Hạng', 5), padEndW('Đơn vị', nameW), padStartW('Điểm', 8), padStartW('Chỉ số', 8), padEndW('Xếp loại', 11), ...areas.map((a) => padStartW(`LV${a}`, 5))]
    out.push(head.join('  ').trimEnd())
    for (const u of list) {
      let name = unitName(u)
      if (displayWidth(name) > nameW) name = [...name.normalize('NFC')].slice(0, nameW - 1).join('') + '…'
      const row = [
        padStartW(String(u.rank), 5),
        padEndW(name, nameW),
        padStartW(formatVi(u.result.total), 8),
        padStartW(formatVi(u.result.index), 8),
        padEndW(u.band?.label.vi ?? '—', 11),
        ...areas.map((a) => padStartW(String(u.componentRanks[a] ?? '—'), 5)),
      ]
      out.push(row.join('  ').trimEnd())
    }
    out.push('')
  }
  return out.join('\n')
}
