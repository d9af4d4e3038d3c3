/**
 * `chiso diff`: what changed between two packs — or, with `--patches`, what each patch of a
 * province pack does to the pack it extends — as text, JSON or a workbook.
 */
import { readFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import type { ChisoIssue } from '@chiso/core'
import { diffPacks, patchEffects, type PackChange, type PackDiff, type PatchEffects } from '@chiso/core/analysis'
import type { Command } from 'commander'
import { packMarkLine, ROW_MARK } from '../../shared/marks.js'
import { packLine } from '../../shared/summary.js'
import { onReconstructed, writePackDiffWorkbook, type DiffPacks as Packs } from '../../xlsx/pack-diff.js'
import { cellWarning, json, needPack, packJson, saveFile, say } from '../common.js'
import { coreIssueLine, err, EXIT, out, UsageError, type Ctx } from '../context.js'
import { baseMissing, packCandidates, registryWith } from '../packs.js'

type Lang = 'vi' | 'en'

/** fields that only annotate (notes, bases, references, status): summed up unless --all */
const ANNOTATIONS = new Set(['note', 'basis', 'legalRef', 'status', 'description'])
const isAnnotation = (c: PackChange): boolean => !c.scoring && c.field !== undefined && ANNOTATIONS.has(c.field.split(/[.[]/)[0]!)

const MARK: Record<PackChange['kind'], string> = {
  pack_field_changed: '~',
  criterion_added: '+',
  criterion_removed: '−',
  criterion_moved: '→',
  criterion_renamed: '~',
  max_changed: '~',
  rule_changed: '~',
  criterion_neutralised: '∅',
  criterion_changed: '~',
  adjustment_added: '+',
  adjustment_removed: '−',
  adjustment_changed: '~',
  band_added: '+',
  band_removed: '−',
  band_changed: '~',
}

const T = {
  vi: {
    head: (a: string, b: string) => `So sánh bộ chỉ số ${a} → ${b}`,
    scoring: (n: number) => `Thay đổi về chấm điểm (${n}):`,
    other: (n: number) => `Thay đổi khác (${n}):`,
    notes: (n: number) => `${n} thay đổi ở ghi chú, căn cứ, tình trạng, mô tả (dùng --all để xem)`,
    none: 'Không có thay đổi.',
    extends: (a: string, b: string) => `${a} kế thừa ${b}; từng thao tác sửa đổi và tác động của nó:`,
    own: 'Các trường riêng của bộ chỉ số (trước mọi thao tác sửa đổi):',
    noEffect: '(không thay đổi gì)',
    written: (f: string) => `Đã ghi: ${f}`,
  },
  en: {
    head: (a: string, b: string) => `Pack diff ${a} → ${b}`,
    scoring: (n: number) => `Changes to scoring (${n}):`,
    other: (n: number) => `Other changes (${n}):`,
    notes: (n: number) => `${n} changes to notes, bases, status, descriptions (use --all to see them)`,
    none: 'No changes.',
    extends: (a: string, b: string) => `${a} extends ${b}; each patch and what it does:`,
    own: 'The pack’s own fields (before any patch):',
    noEffect: '(changes nothing)',
    written: (f: string) => `Written: ${f}`,
  },
}

/** `chiso diff`: the changes between two packs, or the effect of each patch of a province pack. */
export function diffCommand(program: Command, ctx: Ctx): void {
  program
    .command('diff')
    .description('so sánh hai bộ chỉ số: tiêu chí thêm, bỏ, chuyển, đổi tên, điểm tối đa, quy tắc, điểm thưởng/trừ, xếp loại, hiệu lực / what changed between two packs')
    .argument('[from]', 'bộ chỉ số cũ: tệp JSON, mã hoặc mã@phiên bản / the older pack: JSON file, id or id@version')
    .argument('[to]', 'bộ chỉ số mới / the newer pack')
    .option('--patches <pack.json>', 'thay vào đó: từng thao tác sửa đổi (patches) của bộ chỉ số tỉnh so với bộ gốc / instead: each patch of a province pack against its base')
    .option('--base <files...>', 'với --patches: tệp bộ chỉ số gốc (khi bộ gốc không có sẵn trong chiso) / with --patches: the base pack file(s), when the base is not a shipped pack')
    .option('-o, --out <file>', 'ghi ra tệp: .xlsx, .json hoặc văn bản (.txt) / write to a file: .xlsx, .json or text')
    .option('--all', 'in cả thay đổi ở ghi chú, căn cứ, tình trạng, mô tả / also list changes to notes, bases, status, descriptions')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .option('-y, --year <year>', 'năm, khi chọn bộ chỉ số theo họ (vn-cchc/commune) / year, when a pack is named by family')
    .option('--unit-kind <kind>', 'loại đơn vị, khi chọn theo họ / unit kind, when a pack is named by family')
    .addHelpText(
      'after',
      `
Ví dụ / examples:
  chiso diff vn-cchc/commune-2019 vn-cchc/commune-2025
  chiso diff vn-cchc/commune-2019 bo-chi-so-xa-ha-tinh.json -o thay-doi.xlsx
  chiso diff --patches bo-chi-so-xa-ha-tinh.json
  chiso diff --patches bo-chi-so-xa-ha-tinh.json --base bo-chi-so-xa-mau.json -o thao-tac.xlsx`,
    )
    .action(async (from: string | undefined, to: string | undefined, o: { patches?: string; base?: string[]; out?: string; all?: boolean; json?: boolean; year?: string; unitKind?: string }) => {
      const lang: Lang = ctx.lang
      if (o.patches !== undefined) {
        if (from !== undefined) throw new UsageError(say(ctx, '--patches nhận một tệp bộ chỉ số, không kèm hai bộ để so sánh', '--patches takes one pack file, not two packs to compare'))
        const read = await readPatchEffects(ctx, o.patches, o.base ?? [])
        if (!read) return
        const { effects, packs } = read
        await emit(
          ctx,
          o,
          lang,
          effects,
          packs,
          () => formatPatches(effects, packs, lang, o.all === true),
          () =>
            writePackDiffWorkbook(
              effects.base,
              effects.pack,
              [{ patch: lang === 'vi' ? 'trường riêng' : 'own fields', changes: effects.own }, ...effects.patches.map((p) => ({ patch: `patches[${p.index}] ${p.op}`, changes: p.changes }))],
              {
                title: `${effects.pack.id}@${effects.pack.version} ⟵ ${effects.base.id}@${effects.base.version}`,
                packs,
                locale: lang,
                onWarning: cellWarning(ctx, o.out ?? ''),
              },
            ),
        )
        return
      }
      if (from === undefined || to === undefined) throw new UsageError(say(ctx, 'Cần hai bộ chỉ số để so sánh, hoặc --patches <tệp>', 'Give two packs to compare, or --patches <file>'))
      const a = await needPack(ctx, from, o)
      if (!a) return
      const b = await needPack(ctx, to, o)
      if (!b) return
      const d = diffPacks(a.pack, b.pack)
      const packs = { from: a.pack, to: b.pack }
      await emit(
        ctx,
        o,
        lang,
        d,
        packs,
        () => formatDiff(d, packs, lang, o.all === true),
        () =>
          writePackDiffWorkbook(d.from, d.to, [{ changes: d.changes }], {
            title: T[lang].head(`${d.from.id}@${d.from.version}`, `${d.to.id}@${d.to.version}`),
            packs,
            locale: lang,
            onWarning: cellWarning(ctx, o.out ?? ''),
          }),
      )
    })
}

/** Prints, or writes to --out, the text, the JSON or the workbook; each says what in either pack is reconstructed. */
async function emit(ctx: Ctx, o: { out?: string; json?: boolean }, lang: Lang, data: PackDiff | PatchEffects, packs: Packs, text: () => string, workbook: () => Promise<Uint8Array>): Promise<void> {
  // the packs with their reconstruction, as `impact --json` gives them
  const marked = { ...data, packs: { from: packJson(packs.from, lang), to: packJson(packs.to, lang) } }
  if (o.out !== undefined) {
    const ext = extname(o.out).toLowerCase()
    const body = ext === '.xlsx' ? workbook : ext === '.json' ? JSON.stringify(marked, null, 2) : `${text()}\n`
    await saveFile(ctx, o.out, body)
    if (!o.json) out(ctx, T[lang].written(o.out))
  }
  if (o.json) json(ctx, marked)
  else if (o.out === undefined) out(ctx, text())
  ctx.code = EXIT.ok
}

async function readPatchEffects(ctx: Ctx, file: string, bases: readonly string[]): Promise<{ effects: PatchEffects; packs: Packs } | undefined> {
  const read = async (f: string): Promise<{ json?: unknown; issue?: ChisoIssue }> => {
    try {
      return { json: JSON.parse(await readFile(resolve(ctx.io.cwd, f), 'utf8')) }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(say(ctx, `Không tìm thấy tệp ${f}`, `File not found: ${f}`))
      return { issue: { code: 'invalid_json', path: [], message: { vi: `${f} không phải JSON hợp lệ: ${(e as Error).message}`, en: `${f} is not valid JSON: ${(e as Error).message}` } } }
    }
  }
  const all = await Promise.all([file, ...bases].map(read))
  const bad = all.flatMap((r) => (r.issue ? [r.issue] : []))
  if (bad.length > 0) return problems(ctx, file, bad)
  const pack = all[0]!.json
  // the base among the files given (--base), then the pack files beside them, then the shipped packs
  const candidates = await packCandidates([file, ...bases], ctx.io.cwd)
  let registry
  try {
    registry = await registryWith(
      all.map((r) => r.json),
      candidates.beside,
    )
  } catch (e) {
    const issues = (e as { issues?: readonly ChisoIssue[] }).issues
    if (!issues) throw e
    return problems(ctx, file, issues)
  }
  const r = patchEffects(pack, { resolveBase: (id, v) => registry.get(id, v) })
  if (!r.ok && r.issues.some((i) => i.code === 'base_pack_missing')) {
    err(ctx, say(ctx, 'Bộ chỉ số gốc không có sẵn trong chiso: thêm tệp của nó với --base <tệp.json>', 'The base pack is not shipped with chiso: give its file with --base <file.json>'))
  }
  if (!r.ok)
    return problems(
      ctx,
      file,
      r.issues.map((i) => (i.code === 'base_pack_missing' ? baseMissing(i, candidates, ctx.io.cwd) : i)),
    )
  // the base and the province pack composed, for what in each is reconstructed
  const base = registry.safeCompile(r.value.base.id, r.value.base.version)
  if (!base.ok) return problems(ctx, file, base.issues)
  const composed = registry.safeCompile(r.value.pack.id, r.value.pack.version)
  if (!composed.ok) return problems(ctx, file, composed.issues)
  return { effects: r.value, packs: { from: base.value, to: composed.value } }
}

function problems(ctx: Ctx, file: string, issues: readonly ChisoIssue[]): undefined {
  err(ctx, `${file}: ${say(ctx, `${issues.length} lỗi`, `${issues.length} problem${issues.length === 1 ? '' : 's'}`)}`)
  for (const i of issues) err(ctx, `  - ${coreIssueLine(i, ctx.lang)}`)
  ctx.code = EXIT.problems
  return undefined
}

function changeLines(changes: readonly PackChange[], packs: Packs, lang: Lang, indent: string): string[] {
  return changes.map((c) => `${indent}${MARK[c.kind]} ${c.message[lang]}${onReconstructed(c, packs) ? ` [${ROW_MARK[lang]}]` : ''}`)
}

/** Each pack and the one line saying what in it is reconstructed, as every other report heads itself. */
function packHeader(packs: Packs, lang: Lang): string[] {
  return [packLine(packs.from, lang), packMarkLine(packs.from, lang), packLine(packs.to, lang), packMarkLine(packs.to, lang)]
}

/** Changes in three parts: those that can change a score, the other changes, and the annotations (counted unless `all`). */
function sectioned(changes: readonly PackChange[], packs: Packs, lang: Lang, all: boolean, indent: string): string[] {
  const t = T[lang]
  if (changes.length === 0) return [`${indent}${t.none}`]
  const scoring = changes.filter((c) => c.scoring)
  const notes = changes.filter(isAnnotation)
  const other = changes.filter((c) => !c.scoring && (all || !isAnnotation(c)))
  const lines: string[] = []
  if (scoring.length > 0) lines.push(`${indent}${t.scoring(scoring.length)}`, ...changeLines(scoring, packs, lang, `${indent}  `))
  if (other.length > 0) lines.push(`${indent}${t.other(other.length)}`, ...changeLines(other, packs, lang, `${indent}  `))
  if (!all && notes.length > 0) lines.push(`${indent}${t.notes(notes.length)}`)
  return lines
}

function formatDiff(d: PackDiff, packs: Packs, lang: Lang, all: boolean): string {
  return [T[lang].head(`${d.from.id}@${d.from.version}`, `${d.to.id}@${d.to.version}`), ...packHeader(packs, lang), ...sectioned(d.changes, packs, lang, all, '')].join('\n')
}

function formatPatches(e: PatchEffects, packs: Packs, lang: Lang, all: boolean): string {
  const t = T[lang]
  const lines = [t.extends(`${e.pack.id}@${e.pack.version}`, `${e.base.id}@${e.base.version}`), ...packHeader(packs, lang)]
  if (e.own.length > 0) lines.push('', t.own, ...sectioned(e.own, packs, lang, all, '  '))
  for (const p of e.patches) {
    const at = (p.patch as { code?: string; parent?: string; node?: { code?: string } }) ?? {}
    const target = at.code ?? (at.node?.code !== undefined ? `${at.node.code} → ${at.parent}` : '')
    lines.push('', `patches[${p.index}] ${p.op}${target ? ` ${target}` : ''}:`)
    lines.push(...(p.changes.length === 0 ? [`  ${t.noEffect}`] : changeLines(all ? p.changes : p.changes.filter((c) => !isAnnotation(c)), packs, lang, '  ')))
    const hidden = all ? 0 : p.changes.filter(isAnnotation).length
    if (hidden > 0) lines.push(`  ${t.notes(hidden)}`)
  }
  return lines.join('\n')
}
