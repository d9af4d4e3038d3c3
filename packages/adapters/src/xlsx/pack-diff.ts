/**
 * The pack-diff workbook: what changed between two packs (or what each patch of a province
 * pack does to its base), one row per change, Vietnamese and English side by side.
 */
import type { CompiledPack } from '@chiso/core'
import type { PackChange, PackChangeKind, PackRef } from '@chiso/core/analysis'
import ExcelJS from 'exceljs'
import { RESULT_KEYWORD } from '../shared/detect.js'
import type { FileIssue } from '../shared/issues.js'
import type { Locale } from '../shared/locale.js'
import { packMarkLine, reconstructedCodes } from '../shared/marks.js'
import { fitCellTexts } from './cell-text.js'
import { sheetNamer } from '../shared/sheet-name.js'

/** One row group of the workbook: the changes, and the patch they come from (patches mode). */
export interface DiffSection {
  /** "patches[2] setMaxPoints", or undefined for a plain diff */
  readonly patch?: string
  readonly changes: readonly PackChange[]
}

/** The two packs compared (in patches mode: the base, and the province pack composed). @internal */
export interface DiffPacks {
  readonly from: CompiledPack
  readonly to: CompiledPack
}

/** The kinds of change whose target is a criterion's code. */
const ON_CRITERION = new Set<PackChangeKind>([
  'criterion_added',
  'criterion_removed',
  'criterion_moved',
  'criterion_renamed',
  'max_changed',
  'rule_changed',
  'criterion_neutralised',
  'criterion_changed',
])

/** True when a change is to a criterion reconstructed in either pack: its row gets the mark, as explain's rows do. @internal */
export function onReconstructed(c: PackChange, packs: DiffPacks): boolean {
  return ON_CRITERION.has(c.kind) && (reconstructedCodes(packs.from).has(c.target) || reconstructedCodes(packs.to).has(c.target))
}

/** Vietnamese and English names of the kinds of change. @internal */
export const CHANGE_KIND_TEXT: Record<PackChangeKind, { vi: string; en: string }> = {
  pack_field_changed: { vi: 'Thông tin bộ chỉ số', en: 'Pack field' },
  criterion_added: { vi: 'Thêm tiêu chí', en: 'Criterion added' },
  criterion_removed: { vi: 'Bỏ tiêu chí', en: 'Criterion removed' },
  criterion_moved: { vi: 'Chuyển tiêu chí', en: 'Criterion moved' },
  criterion_renamed: { vi: 'Đổi tên tiêu chí', en: 'Criterion renamed' },
  max_changed: { vi: 'Đổi điểm tối đa', en: 'Maximum changed' },
  rule_changed: { vi: 'Đổi quy tắc chấm', en: 'Rule changed' },
  criterion_neutralised: { vi: 'Không áp dụng tiêu chí', en: 'Criterion neutralised' },
  criterion_changed: { vi: 'Sửa tiêu chí', en: 'Criterion changed' },
  adjustment_added: { vi: 'Thêm điểm thưởng/trừ', en: 'Adjustment added' },
  adjustment_removed: { vi: 'Bỏ điểm thưởng/trừ', en: 'Adjustment removed' },
  adjustment_changed: { vi: 'Sửa điểm thưởng/trừ', en: 'Adjustment changed' },
  band_added: { vi: 'Thêm mức xếp loại', en: 'Band added' },
  band_removed: { vi: 'Bỏ mức xếp loại', en: 'Band removed' },
  band_changed: { vi: 'Sửa mức xếp loại', en: 'Band changed' },
}

/** A value in a cell: text as is, numbers as their exact text, anything else as JSON. */
function cellText(v: unknown): string {
  if (v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

/**
 * Writes the diff workbook: a sheet "Thay đổi" with one row per change (kind, target,
 * field, before, after, whether it can change a score, the message in Vietnamese and in
 * English; in patches mode the patch first), and a sheet "Thông tin" naming the two packs and,
 * given `packs`, saying what in each is reconstructed (the line every output shows).
 * Marked as a chiso output, so a folder of submissions holding it never reads it as one.
 * @internal
 */
export async function writePackDiffWorkbook(
  from: PackRef,
  to: PackRef,
  sections: readonly DiffSection[],
  options: { title: string; packs?: DiffPacks; locale?: Locale; onWarning?: (warning: FileIssue) => void },
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'chiso'
  wb.keywords = RESULT_KEYWORD
  const name = sheetNamer()
  const patches = sections.some((s) => s.patch !== undefined)
  const ws = wb.addWorksheet(name('Thay đổi'), { views: [{ state: 'frozen', ySplit: 1 }] })
  const columns = [
    ...(patches ? [{ header: 'Thao tác sửa đổi / patch', key: 'patch', width: 24 }] : []),
    { header: 'STT', key: 'n', width: 6 },
    { header: 'Loại thay đổi', key: 'kind', width: 22 },
    { header: 'Đối tượng / target', key: 'target', width: 14 },
    { header: 'Trường / field', key: 'field', width: 26 },
    { header: 'Trước / before', key: 'from', width: 30 },
    { header: 'Sau / after', key: 'to', width: 30 },
    { header: 'Ảnh hưởng điểm / affects scores', key: 'scoring', width: 14 },
    { header: 'Nội dung', key: 'vi', width: 70 },
    { header: 'Description (English)', key: 'en', width: 70 },
  ]
  ws.columns = columns
  ws.getRow(1).font = { bold: true }
  let n = 0
  for (const s of sections) {
    for (const c of s.changes) {
      n++
      ws.addRow({
        ...(patches ? { patch: s.patch ?? '' } : {}),
        n,
        kind: CHANGE_KIND_TEXT[c.kind].vi,
        target: c.target,
        field: c.field ?? '',
        from: cellText(c.from),
        to: cellText(c.to),
        scoring: c.scoring ? 'Có' : 'Không',
        vi: c.message.vi,
        en: c.message.en,
      })
    }
  }
  for (const key of ['from', 'to', 'vi', 'en']) ws.getColumn(key).alignment = { wrapText: true, vertical: 'top' }
  const info = wb.addWorksheet(name('Thông tin'))
  info.getColumn(1).width = 34
  info.getColumn(2).width = 70
  info.addRow([options.title]).font = { bold: true }
  info.addRow(['Từ / from', `${from.id}@${from.version}`])
  info.addRow(['Đến / to', `${to.id}@${to.version}`])
  if (from.contentHash) info.addRow(['Mã nội dung (từ) / content hash (from)', from.contentHash])
  if (to.contentHash) info.addRow(['Mã nội dung (đến) / content hash (to)', to.contentHash])
  info.addRow(['Số thay đổi / changes', n])
  if (options.packs) {
    const locale = options.locale ?? 'vi'
    const mark = (label: string, pack: CompiledPack): void => {
      const r = info.addRow([label, packMarkLine(pack, locale)])
      r.getCell(2).font = { italic: true, bold: true, color: { argb: 'FFC00000' } }
      r.getCell(2).alignment = { wrapText: true, vertical: 'top' }
    }
    mark('Nguồn nội dung (từ) / content source (from)', options.packs.from)
    mark('Nguồn nội dung (đến) / content source (to)', options.packs.to)
  }
  for (const w of fitCellTexts(wb, 'vi')) options.onWarning?.(w)
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}
