/**
 * `chiso recalc`.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Exact, packFitIssues, safeRecalculate, type ChisoIssue } from '@chiso/core'
import type { Command } from 'commander'
import { formatNumber, type Locale } from '../../shared/locale.js'
import { json } from '../common.js'
import { coreIssueLine, err, EXIT, out, tty, UsageError, type Ctx } from '../context.js'
import { missingPackHint, packRegistry, recordIssueLines, recordsIn } from '../records.js'
import { ProgressBar } from '../progress.js'

/** One stored figure that the recalculation does not reproduce, as core reports it. */
interface Difference {
  readonly code: string | null
  readonly field: string
  readonly path?: readonly (string | number)[]
  readonly stored: string | null
  readonly recalculated: string | null
  readonly delta: string | null
}

/** The words of a record's fields and a node's fields. */
const FIELD: Readonly<Record<string, readonly [string, string]>> = {
  points: ['điểm', 'points'],
  maxPoints: ['điểm tối đa', 'maximum'],
  applicableMax: ['điểm tối đa áp dụng', 'applicable maximum'],
  index: ['chỉ số', 'index'],
  total: ['tổng điểm', 'total points'],
  band: ['xếp loại', 'band'],
  group: ['nhóm', 'group'],
  status: ['trạng thái', 'status'],
  period: ['kỳ đánh giá', 'period'],
  unitId: ['mã đơn vị', 'unit id'],
  'pack.contentHash': ['mã băm bộ chỉ số', 'pack content hash'],
  assessmentHash: ['mã băm dữ liệu đầu vào', 'input hash'],
  fingerprint: ['mã kiểm tra', 'fingerprint'],
  engineVersion: ['phiên bản bộ máy tính điểm', 'engine version'],
}

const HASH_FIELDS = new Set(['pack.contentHash', 'assessmentHash', 'fingerprint'])

/** The fields that are figures (points, maxima, indexes): the others (a period, an id) are shown as they are. */
const FIGURES = new Set(['points', 'maxPoints', 'applicableMax', 'index', 'total'])

/** A field's name in the output language ("flags[0]" → "cảnh báo 1"); an unknown one as it is. */
function fieldWord(field: string, lang: Locale): string {
  const k = lang === 'vi' ? 0 : 1
  const flag = /^flags\[(\d+)\]$/.exec(field)
  if (flag) return `${lang === 'vi' ? 'cảnh báo' : 'flag'} ${Number(flag[1]) + 1}`
  return FIELD[field]?.[k] ?? field
}

/** An exact value parsed from a stored text, or undefined when it is not a number (a hash, a flag). */
function exact(text: string | null): Exact | undefined {
  if (text === null || !/^-?\d+(\.\d+)?(\/\d+)?$/.test(text)) return undefined
  try {
    return Exact.from(text)
  } catch {
    return undefined
  }
}

/**
 * Two figures as the reports show them (2 decimals, the locale's decimal mark), with more
 * decimals — up to the exact value — only when they differ beyond the second.
 */
function figures(a: Exact, b: Exact, lang: Locale): [string, string] {
  for (const d of [2, 4, 6, 10]) {
    const [x, y] = [formatNumber(a, lang, d), formatNumber(b, lang, d)]
    if (x !== y || a.eq(b)) return [x, y]
  }
  return [a.toString(), b.toString()]
}

/** A difference with its sign: "+2,00", "−7,49" (a true minus sign). */
function signed(d: Exact, lang: Locale): string {
  const abs = formatNumber(d.isNegative() ? d.neg() : d, lang)
  return d.isNegative() ? `−${abs}` : `+${abs}`
}

/** A stored or recalculated value for a reader: a flag by its message, a hash shortened, else as it is. */
function valueText(field: string, v: string | null, lang: Locale): string {
  if (v === null) return '—'
  if (/^flags\[\d+\]$/.test(field)) {
    try {
      const f = JSON.parse(v) as { code?: unknown; message?: { vi?: unknown; en?: unknown } }
      const m = f.message?.[lang]
      if (typeof m === 'string') return `${m}${typeof f.code === 'string' ? ` [${f.code}]` : ''}`
    } catch {
      // not a flag's JSON: as it is
    }
  }
  if (HASH_FIELDS.has(field) && v.length > 16) return `${v.slice(0, 12)}…`
  return v
}

/**
 * What a record that does not reproduce tells, one line each, in one language: why first
 * (the pack's content is not the edition named, the edition is not in force for the
 * period, the input was changed), then each figure stored → recalculated as the reports
 * show figures ("chỉ số: 70,69 → 68,69 (−2,00)"). When the pack's content differs, only
 * the whole record's figures: every criterion differs then, and --json lists them.
 *
 * @example
 * ```ts
 * differenceLines([{ code: null, field: 'index', stored: '70.69', recalculated: '68.69', delta: '-2' }], {}, 'vi')
 * // ['chỉ số: 70,69 → 68,69 (−2,00)']
 * ```
 * @internal
 */
export function differenceLines(
  diffs: readonly Difference[],
  r: { readonly packContentMatches?: boolean; readonly fingerprintMatches?: boolean; readonly fit?: readonly ChisoIssue[]; readonly pack?: string },
  lang: Locale,
): string[] {
  const vi = lang === 'vi'
  const lines: string[] = []
  const packChanged = r.packContentMatches === false
  if (packChanged)
    lines.push(
      vi
        ? `mã băm bộ chỉ số lưu trong bản ghi không khớp với phiên bản ${r.pack ?? ''} có sẵn: bản ghi được chấm theo một nội dung khác, nên tính lại theo phiên bản này không cho lại kết quả đã công bố`
        : `the pack hash stored in the record does not match the edition ${r.pack ?? ''} available: the record was scored under other content, so recalculating under this edition does not give the published result`,
    )
  // the issue's path ("period") says nothing here: the record's period is on the line above
  for (const i of r.fit ?? []) lines.push(coreIssueLine({ ...i, path: [] }, lang))
  const inputChanged = diffs.some((d) => d.field === 'assessmentHash')
  if (inputChanged) lines.push(vi ? 'dữ liệu đầu vào đã bị sửa (mã băm khác)' : 'the input data was changed (its hash differs)')
  else if (r.fingerprintMatches === false && !packChanged) lines.push(vi ? 'mã kiểm tra khác' : 'the fingerprint differs')
  const shown = packChanged ? diffs.filter((d) => d.code === null && !d.field.startsWith('flags[')) : diffs
  for (const d of shown) {
    const node = d.code === null ? '' : d.path?.[1] === 0 ? (vi ? 'toàn bộ chỉ số, ' : 'whole index, ') : vi ? `tiêu chí ${d.code}, ` : `criterion ${d.code}, `
    const [a, b] = FIGURES.has(d.field) ? [exact(d.stored), exact(d.recalculated)] : [undefined, undefined]
    if (a && b) {
      const [x, y] = figures(a, b, lang)
      lines.push(`${node}${fieldWord(d.field, lang)}: ${x} → ${y} (${signed(b.sub(a), lang)})`)
    } else lines.push(`${node}${fieldWord(d.field, lang)}: ${valueText(d.field, d.stored, lang)} → ${valueText(d.field, d.recalculated, lang)}`)
  }
  const hidden = diffs.length - shown.length
  if (hidden > 0)
    lines.push(
      vi ? `và ${hidden} khác biệt ở các tiêu chí và cảnh báo (chiso recalc --json liệt kê từng khác biệt)` : `and ${hidden} differences in the criteria and flags (chiso recalc --json lists each)`,
    )
  return lines
}

/** `chiso recalc`: re-evaluate stored result records and report identical / differences. */
export function recalcCommand(program: Command, ctx: Ctx): void {
  program
    .command('recalc')
    .description('tính lại các bản ghi kết quả đã lưu và so sánh / re-evaluate stored result records and report identical / differences')
    .argument('<records>', 'tệp JSON bản ghi kết quả (từ chiso score --save) / result records JSON (from chiso score --save)')
    .option('-p, --pack <files...>', 'thêm bộ chỉ số từ tệp JSON (bộ riêng của tỉnh) / extra pack JSON files (a province’s own packs)')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .action(async (file: string, o: { pack?: string[]; json?: boolean }) => {
      const say = (vi: string, en: string): string => (ctx.lang === 'vi' ? vi : en)
      let data: unknown
      try {
        data = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(say(`Không tìm thấy tệp: ${file}`, `File not found: ${file}`))
        err(ctx, `${file}: ${say('không phải JSON hợp lệ', 'not valid JSON')}: ${(e as Error).message}`)
        ctx.code = EXIT.problems
        return
      }
      // the province's own packs: the files given and the pack files beside them
      const registry = await packRegistry(ctx, o.pack ?? [])
      const records = recordsIn(data) ?? [data]
      const bar = new ProgressBar(ctx.io.stderr, say('Tính lại', 'Recalculating'), records.length, tty(ctx, o.json === true))
      const reports: {
        unitId: string
        /** the unit's name from the record, for people; its id when the record names none */
        name: string
        period: string
        status: 'identical' | 'different' | 'invalid'
        differences?: unknown
        issues?: unknown
        fingerprintMatches?: boolean
        packContentMatches?: boolean
        /** the pack the record names is not for its unit's kind or period */
        fit?: readonly ChisoIssue[]
        /** the pack the record was recalculated under */
        pack?: string
      }[] = []
      records.forEach((rec, k) => {
        const id = String((rec as { unitId?: unknown }).unitId ?? `#${k}`)
        const period = String((rec as { period?: unknown }).period ?? '')
        const named = (rec as { assessment?: { unit?: { name?: unknown } } }).assessment?.unit?.name
        const name = typeof named === 'string' && named.trim() !== '' ? named : id
        const r = safeRecalculate(rec, { registry })
        if (!r.ok) reports.push({ unitId: id, name, period, status: 'invalid', issues: r.issues })
        else if (r.value.identical) reports.push({ unitId: id, name, period, status: 'identical' })
        else {
          const unit = (rec as { assessment?: { unit?: { kind?: unknown; name?: unknown } } }).assessment?.unit
          const fit = packFitIssues(r.value.result.pack, unit, period)
          reports.push({
            unitId: id,
            name,
            period,
            status: 'different',
            differences: r.value.differences,
            fingerprintMatches: r.value.fingerprintMatches,
            packContentMatches: r.value.packContentMatches,
            pack: `${r.value.result.pack.id}@${r.value.result.pack.version}`,
            ...(fit.length > 0 ? { fit } : {}),
          })
        }
        bar.update(k + 1, id)
      })
      bar.done()
      const same = reports.filter((r) => r.status === 'identical').length
      if (o.json) json(ctx, { records: reports.length, identical: same, reports: reports.map(({ name: _name, ...r }) => r) })
      else {
        // a record that does not reproduce is named with its id too: the id may be what was changed
        const who = (r: { name: string; unitId: string }): string => (r.name === r.unitId ? r.unitId : `${r.name} (${r.unitId})`)
        // packs the records name that chiso does not have: one hint after the list
        const missing = new Set<string>()
        for (const r of reports) {
          if (r.status === 'identical') out(ctx, `✓ ${r.name} ${r.period}: ${say('trùng khớp', 'identical')}`)
          else if (r.status === 'invalid') {
            out(ctx, `✗ ${who(r)} ${r.period}: ${say('không tính lại được', 'cannot recalculate')}`)
            for (const line of recordIssueLines(ctx, r.issues as ChisoIssue[], missing)) out(ctx, `    - ${line}`)
          } else {
            const diffs = r.differences as Difference[]
            out(ctx, `≠ ${who(r)} ${r.period}: ${say(`${diffs.length} khác biệt, giá trị lưu → tính lại`, `${diffs.length} difference${diffs.length === 1 ? '' : 's'}, stored → recalculated`)}`)
            for (const line of differenceLines(diffs, r, ctx.lang)) out(ctx, `    ${line}`)
          }
        }
        out(ctx, `\n${say(`${same}/${reports.length} bản ghi trùng khớp`, `${same} of ${reports.length} records identical`)}`)

        if (missing.size > 0) err(ctx, missingPackHint(ctx, [...missing]))
      }
      ctx.code = same === reports.length ? EXIT.ok : EXIT.problems
    })
}
