/**
 * The marks every output carries: what in a pack is reconstructed rather than taken from
 * an official text (one line, and a mark on each reconstructed row), and that the units
 * are sample data. Worded once here from `reconstructionSummary` (@chiso/core), so the
 * form, the tables, the workbooks, the CSV files and the command's output say the same.
 */
import { reconstructionSummary, type CompiledPack, type ReconstructionSummary } from '@chiso/core'
import type { Locale } from './locale.js'

const cache = new WeakMap<CompiledPack, ReconstructionSummary>()

/** The pack's reconstruction summary, computed once per compiled pack. @internal */
export function reconstructionOf(pack: CompiledPack): ReconstructionSummary {
  let s = cache.get(pack)
  if (!s) cache.set(pack, (s = reconstructionSummary(pack)))
  return s
}

/**
 * The one line every output shows about where a pack's content comes from: "Lưu ý: …
 * 63/63 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức", or
 * "Nguồn: toàn bộ … theo văn bản chính thức" for a pack verified throughout.
 *
 * @example
 * ```ts
 * import { packMarkLine } from '@chiso/adapters/xlsx'
 * packMarkLine(pack, 'en') // 'Note: Shaped after …; 63 of 63 scored criteria reconstructed, not an official text'
 * ```
 */
export function packMarkLine(pack: CompiledPack, locale: Locale = 'vi'): string {
  const s = reconstructionOf(pack)
  const official = s.standing === 'official'
  const prefix = locale === 'vi' ? (official ? 'Nguồn' : 'Lưu ý') : official ? 'Source' : 'Note'
  return `${prefix}: ${s.text[locale]}`
}

/** The word marking one reconstructed row (a criterion, an area). @internal */
export const ROW_MARK = { vi: 'tái dựng', en: 'reconstructed' } as const

/** The legend explaining the row mark. @internal */
export const ROW_MARK_LEGEND = {
  vi: 'Dòng ghi «tái dựng» ở cột Nguồn: nội dung tái dựng, không phải văn bản chính thức; dòng ghi số văn bản: lấy từ văn bản đó.',
  en: 'Rows marked "reconstructed" in the Source column: reconstructed content, not an official text; rows naming a document: taken from it.',
} as const

/**
 * What the Source column says for one node: the mark for a reconstructed node; else the
 * text its figures come from (its own legalRef, else its nearest ancestor's); else nothing.
 * @internal
 */
export function rowSource(pack: CompiledPack, code: string, locale: Locale = 'vi'): string {
  if (reconstructedCodes(pack).has(code)) return ROW_MARK[locale]
  for (let n = pack.node(code); n !== undefined && n.index !== 0; n = n.parent >= 0 ? pack.nodes[n.parent] : undefined) {
    if (n.legalRef !== undefined) return n.legalRef
  }
  return ''
}

const codeSets = new WeakMap<CompiledPack, ReadonlySet<string>>()

/** The codes of the reconstructed nodes of a pack (rows to mark). @internal */
export function reconstructedCodes(pack: CompiledPack): ReadonlySet<string> {
  let s = codeSets.get(pack)
  if (!s) codeSets.set(pack, (s = new Set(reconstructionOf(pack).reconstructedCodes)))
  return s
}

/** The mark of sample data: invented units and figures ("dữ liệu mẫu"). @internal */
export const SAMPLE_MARK = {
  vi: 'DỮ LIỆU MẪU: tên đơn vị và số liệu là giả định, không phải kết quả thật',
  en: 'SAMPLE DATA: invented units and figures, not real results',
} as const

/** True when a unit is sample data (`attributes.sample: true`, as the sample province marks its units). @internal */
export function isSampleUnit(unit: { readonly attributes?: Readonly<Record<string, unknown>> | undefined } | undefined): boolean {
  return unit?.attributes?.sample === true
}

/** True when any of the assessments is of a sample unit. @internal */
export function anySample(assessments: Iterable<{ readonly unit?: { readonly attributes?: Readonly<Record<string, unknown>> | undefined } | undefined }>): boolean {
  for (const a of assessments) if (isSampleUnit(a.unit)) return true
  return false
}
