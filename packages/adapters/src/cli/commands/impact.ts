/**
 * `chiso impact`: what a new edition of the criteria does to last year's results — the
 * submissions scored under the edition they were made for, carried across the mapping to
 * the new edition and scored again.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Exact, type CompiledPack } from '@chiso/core'
import { safeMethodologyImpact, type ImpactReport } from '@chiso/core/analysis'
import type { Command } from 'commander'
import { formatNumber, textIn, type Locale } from '../../shared/locale.js'
import { anySample, packMarkLine, SAMPLE_MARK } from '../../shared/marks.js'
import { bandLabel, unitWord } from '../../shared/summary.js'
import { displayWidth, padEndW, padStartW } from '../../shared/text.js'
import { addInputOptions, json, missingData, needPack, packJson, printIssues, printMissingData, readAll, readCode, type ReadOptions } from '../common.js'
import { coreIssueLine, err, EXIT, out, UsageError, type Ctx } from '../context.js'
import { familyResolver, loadRules } from '../packs.js'

interface ImpactOptions extends Omit<ReadOptions, 'pack'> {
  from: string
  to: string
  toYear?: string
  mapping?: string
  in: string[]
  exclude?: string[]
}

/** What `chiso impact` says of its own, in each language (the type checks both say everything). */
const vi = {
  nothingToScore: (xs: readonly string[]) => `Không có biểu nào chấm được trong: ${xs.join(', ')}`,
  mappingUnreadable: (f: string, why: string) => `Không đọc được bảng chuyển đổi ${f}: ${why}`,
  noMapping: (from: string, to: string) => `Không có bảng chuyển đổi đi kèm từ ${from} sang ${to}: hãy nêu --mapping <tệp.json>`,
  couldNotCompare: 'Không so được hai bộ chỉ số:',
  heading: (n: number, word: string) => `Tác động của bộ chỉ số mới lên kết quả chấm theo bộ cũ — ${n} ${word}`,
  oldPack: 'Bộ chỉ số cũ',
  newPack: 'Bộ chỉ số mới',
  mappingReconstructed: 'Bảng chuyển đổi giữa hai bộ là bản tái dựng: các tương ứng là giả định, không phải văn bản chính thức.',
  columns: ['Đơn vị', 'Chỉ số cũ', 'Chỉ số mới', 'Thay đổi', 'Bỏ TC mới', 'Hạng cũ', 'Hạng mới', 'Xếp loại'] as readonly [string, string, string, string, string, string, string, string],
  moved: (word: string) => `Tiêu chí thay đổi điểm (bình quân mỗi ${word}):`,
  movedLine: (codes: string, title: string, delta: string, down: number, up: number, word: string, note: string | undefined) =>
    `  ${codes} ${title}: ${delta} điểm (${down} ${word} giảm, ${up} tăng)${note ? ` — ${note}` : ''}`,
  unmapped: (n: number, points: string) =>
    `Tiêu chí mới không có tương ứng trong bộ cũ (${n} tiêu chí, ${points} điểm): chấm theo số liệu có được, thường là 0; cột "Bỏ TC mới" là chỉ số khi bỏ các tiêu chí này`,
  unmappedLine: (code: string, title: string, points: string) => `  ${code} ${title} (${points} điểm)`,
  notCarried: 'Tiêu chí không chuyển được dữ liệu của năm trước (tính theo bộ mới, thường là 0):',
  dropped: (codes: string) => `Tiêu chí của bộ cũ không còn trong bộ mới: ${codes}`,
}

const en: typeof vi = {
  nothingToScore: (xs) => `Nothing to score in: ${xs.join(', ')}`,
  mappingUnreadable: (f, why) => `Cannot read the mapping ${f}: ${why}`,
  noMapping: (from, to) => `No mapping shipped from ${from} to ${to}: give --mapping <file.json>`,
  couldNotCompare: 'Could not compare the editions:',
  heading: (n, word) => `Impact of the new edition on the results scored under the old one — ${n} ${word}`,
  oldPack: 'Old pack',
  newPack: 'New pack',
  mappingReconstructed: 'The mapping between the two editions is reconstructed: its correspondences are assumptions, not an official text.',
  columns: ['Unit', 'Old index', 'New index', 'Change', 'w/o new', 'Old rank', 'New rank', 'Band'],
  moved: () => 'Criteria whose points changed (mean per unit):',
  movedLine: (codes, title, delta, down, up, word, note) => `  ${codes} ${title}: ${delta} points (${down} ${word} down, ${up} up)${note ? ` — ${note}` : ''}`,
  unmapped: (n, points) =>
    `New criteria with no counterpart in the old edition (${n} criteria, ${points} points): scored from the data there is, usually 0; the column "w/o new" is the index without them`,
  unmappedLine: (code, title, points) => `  ${code} ${title} (${points} points)`,
  notCarried: "Criteria last year's data could not be carried to (scored under the new edition, usually 0):",
  dropped: (codes) => `Criteria of the old edition no longer in the new one: ${codes}`,
}

type Words = typeof vi

/** `chiso impact`: the impact of a new edition of the criteria on last year's submissions. */
export function impactCommand(program: Command, ctx: Ctx): void {
  addInputOptions(
    program
      .command('impact')
      .description(
        'tác động của bộ chỉ số mới lên kết quả năm trước: chấm lại theo bảng chuyển đổi, so điểm, xếp loại, thứ hạng / impact of a new edition: re-score last year’s results through a mapping and compare',
      )
      .requiredOption(
        '--from <pack>',
        'bộ chỉ số các biểu đã được chấm theo: tệp JSON, mã hoặc họ (theo --year, mặc định năm ghi trong các biểu) / the edition the submissions were made for (a family: for --year, else the forms’ period)',
      )
      .requiredOption('--to <pack>', 'bộ chỉ số mới: tệp JSON, mã hoặc họ (theo --to-year, mặc định phiên bản mới nhất) / the new edition (a family: for --to-year, else its newest edition)')
      .option('--mapping <file>', 'bảng chuyển đổi (JSON); mặc định: bảng đi kèm @chiso/rules-vn-cchc / the mapping (JSON); default: the one shipped with @chiso/rules-vn-cchc')
      .option('-y, --year <year>', 'kỳ đánh giá của các biểu (năm); mặc định: năm ghi trong các biểu / period of the submissions; default: the period the forms state')
      .option('--to-year <year>', 'năm chọn bộ chỉ số mới khi --to là một họ / year resolving --to when it is a family')
      .option('--unit-kind <kind>', 'loại đơn vị khi chọn bộ chỉ số theo họ / unit kind for resolving a family'),
  ).action(async (o: ImpactOptions) => {
    const w = ctx.lang === 'en' ? en : vi
    const unitKind = o.unitKind !== undefined ? { unitKind: o.unitKind } : {}
    // the old edition: --year, else the period the forms state (as score and rank read them)
    const read = await readAll(ctx, { ...o, pack: o.from }, o.in)
    if (!read) return
    const { r } = read
    // the new edition: --to-year, else the family's newest; never the calendar year
    const resolver = o.toYear === undefined ? await familyResolver(o.to, { ...unitKind, cwd: ctx.io.cwd }) : undefined
    const to = resolver ? resolver.latest() : (await needPack(ctx, o.to, { ...(o.toYear !== undefined ? { year: o.toYear } : {}), ...unitKind }))?.pack
    if (!to) return
    const mapping = await findMapping(ctx, w, o.mapping, read.pack.id, to.id)
    if (r.submissions.length === 0) {
      printIssues(ctx, r.issues)
      throw new UsageError(w.nothingToScore(o.in))
    }
    const report = safeMethodologyImpact(
      read.pack,
      to,
      r.submissions.map((s) => s.assessment),
      mapping,
      {
        // the word for the units, from the batch ("xã", "phường, thị trấn")
        unitWord: (b) => ({ vi: unitWord(b, undefined, 'vi'), en: unitWord(b, undefined, 'en') }),
        ...(o.exclude && o.exclude.length > 0 ? { exclude: { units: o.exclude } } : {}),
      },
    )
    if (!report.ok) {
      err(ctx, w.couldNotCompare)
      for (const i of report.issues) err(ctx, `  - ${coreIssueLine(i, ctx.lang, o.mapping)}`)
      ctx.code = EXIT.problems
      return
    }
    const value = report.value
    const sample = anySample(r.submissions.map((s) => s.assessment))
    if (o.json) {
      const { before: _b, after: _a, ...rest } = value
      json(ctx, {
        ...rest,
        packs: { from: packJson(value.before.pack, ctx.lang), to: packJson(value.after.pack, ctx.lang) },
        sample,
        units: rest.units.map((u) => ({ ...u, file: r.submissions.find((s) => s.assessment.unitId === u.unitId)?.file })),
        issues: r.issues,
      })
    } else {
      printMissingData(ctx, value.before, { ...missingData(value.before, read.survey !== undefined), zeroed: [] })
      out(ctx, formatImpact(value, unitWord(value.before, undefined, ctx.lang), sample, ctx.lang))
      printIssues(ctx, r.issues)
    }
    ctx.code = readCode(ctx, r.issues)
  })
}

/** The mapping named by --mapping, else the one shipped for these two packs. */
async function findMapping(ctx: Ctx, w: Words, file: string | undefined, fromId: string, toId: string): Promise<unknown> {
  if (file !== undefined) {
    try {
      return JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
    } catch (e) {
      throw new UsageError(w.mappingUnreadable(file, (e as Error).message))
    }
  }
  const rules = (await loadRules()) as { mappingFor?: (from: string, to: string) => unknown } | undefined
  const shipped = rules?.mappingFor?.(fromId, toId)
  if (shipped === undefined) throw new UsageError(w.noMapping(fromId, toId))
  return shipped
}

/** The summary line, with no band changed said in words ("Không có xã nào đổi loại", not "00/04 xã đổi loại: 0 lên, 0 xuống"). */
function summaryText(text: string): string {
  return text.replace(/^0+\/\d+ (.+?) đổi loại: 0 lên, 0 xuống/, 'Không có $1 nào đổi loại').replace(/^0 of \d+ (.+?) change band: 0 up, 0 down/, 'No $1 change band')
}

/** "Bộ chỉ số cũ: <title> (<id>@<version>)". */
const packLineOf = (label: string, pack: CompiledPack, lang: Locale): string => `${label}: ${textIn(pack.title, lang)} (${pack.id}@${pack.version})`

/**
 * The report: both packs with what in each is reconstructed, the mapping's own mark, the
 * sample mark; the summary, a table of units, the criteria that moved most, what could not
 * be carried.
 */
function formatImpact(r: ImpactReport, word: string, sample: boolean, lang: Locale): string {
  const w = lang === 'en' ? en : vi
  const n = (x: Exact): string => formatNumber(x, lang)
  // a minus sign in Vietnamese, as the reports write it ('−0,79'), not a hyphen
  const signed = (x: Exact): string => (x.isNegative() ? `${lang === 'vi' ? '−' : '-'}${n(x.neg())}` : `+${n(x)}`)
  const lines: string[] = []
  lines.push(w.heading(r.units.length, word))
  lines.push(packLineOf(w.oldPack, r.before.pack, lang), packMarkLine(r.before.pack, lang))
  lines.push(packLineOf(w.newPack, r.after.pack, lang), packMarkLine(r.after.pack, lang))
  if (r.mapping.status === 'reconstructed') lines.push(w.mappingReconstructed)
  if (sample) lines.push(SAMPLE_MARK[lang])
  lines.push('')
  lines.push(summaryText(r.summary.text[lang]))
  lines.push('')
  const nameW = Math.min(30, Math.max(8, ...r.units.map((u) => displayWidth(u.name ?? u.unitId))))
  const c = w.columns
  // each column as wide as its numbers or its heading, whichever is wider
  const widths = [10, 11, 9, 10, 8, 9].map((x, k) => Math.max(x, displayWidth(c[k + 1]!)))
  const row = (name: string, cells: readonly string[], last: string): string => [padEndW(name, nameW), ...cells.map((x, k) => padStartW(x, widths[k]!)), `  ${last}`].join(' ')
  lines.push(row(c[0], c.slice(1, 7), c[7]))
  const rank = (s: ImpactReport['units'][number]['old']): string => (s.rank === null ? '—' : `${s.rank}/${s.groupSize}`)
  const band = (b: ImpactReport['units'][number]['old']['band']): string => (b ? bandLabel(b, lang) : '—')
  const sorted = [...r.units].sort((a, b) => a.indexDelta.cmp(b.indexDelta) || (a.unitId < b.unitId ? -1 : 1))
  for (const u of sorted) {
    const name = u.name ?? u.unitId
    const cut = displayWidth(name) > nameW ? `${[...name].slice(0, nameW - 1).join('')}…` : name
    const bands = u.bandMove === 'same' ? band(u.new.band) : `${band(u.old.band)} → ${band(u.new.band)}`
    lines.push(row(cut, [n(u.old.index), n(u.new.index), signed(u.indexDelta), n(u.newIndexMappedOnly), rank(u.old), rank(u.new)], bands))
  }
  const moved = r.criteria.filter((x) => !x.meanDelta.isZero() && x.from.length > 0 && x.to.length > 0).sort((a, b) => a.meanDelta.cmp(b.meanDelta))
  if (moved.length > 0) {
    lines.push('')
    lines.push(w.moved(word))
    for (const x of moved) {
      const codes = x.from.join(', ') === x.to.join(', ') ? x.to.join(', ') : `${x.from.join(', ')} → ${x.to.join(', ')}`
      lines.push(w.movedLine(codes, textIn(x.title, lang), signed(x.meanDelta), x.unitsDown, x.unitsUp, word, x.note?.[lang]))
    }
  }
  if (r.unmapped.length > 0) {
    const max = r.unmapped.reduce((s, u) => s.add(u.maxPoints), Exact.ZERO)
    lines.push('')
    lines.push(w.unmapped(r.unmapped.length, n(max)))
    for (const u of r.unmapped) lines.push(w.unmappedLine(u.code, textIn(u.title, lang), n(u.maxPoints)))
  }
  const notCarried = new Map<string, number>()
  for (const u of r.units) for (const x of u.unmapped) if (x.why === 'not-carried') notCarried.set(x.code, (notCarried.get(x.code) ?? 0) + 1)
  if (notCarried.size > 0) {
    lines.push('')
    lines.push(w.notCarried)
    for (const [code, count] of notCarried) lines.push(`  ${code}: ${count} ${word}`)
  }
  if (r.dropped.length > 0) {
    lines.push('')
    lines.push(w.dropped(r.dropped.map((d) => d.code).join(', ')))
  }
  return lines.join('\n')
}
