/**
 * `chiso test`: runs the pack-test files (`*.test.yaml`, `*.test.json`) found under the
 * given paths, each against the pack it names, and prints every failure with the node,
 * what was expected and what came out, and the trace of the node where the difference
 * starts.
 */
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { safeCompilePack, type ChisoIssue, type CompiledPack, type UnitResult } from '@chiso/core'
import { safeRunPackTests, type PackTestCaseReport, type PackTestFailure, type PackTestReport } from '@chiso/core/analysis'
import { PackSchema } from '@chiso/core/schemas'
import type { Command } from 'commander'
import { json, say } from '../common.js'
import { coreIssueLine, EXIT, out, UsageError, type Ctx } from '../context.js'
import { formatTraceTree } from '../explain.js'
import { findPackTestFiles, PACK_TEST_FILE, packFileBeside, parsePackTestText } from '../pack-test-files.js'
import { loadPack, registryWith } from '../packs.js'

type Lang = 'vi' | 'en'

interface FileOutcome {
  readonly file: string
  readonly pack?: { readonly id: string; readonly version: string }
  readonly issues: readonly ChisoIssue[]
  readonly report?: PackTestReport
}

const T = {
  vi: {
    cases: (n: number) => `${n} trường hợp`,
    checks: (n: number) => `${n} phép so sánh`,
    trace: (node: string, unit: string) => `diễn giải ${node === 'total' ? 'toàn bộ chỉ số' : `tiêu chí ${node}`}${unit ? ` (${unit})` : ''}:`,
    problems: (n: number) => `tệp không chạy được: ${n} lỗi`,
    summary: (files: number, cases: number, passed: number, failed: number, bad: number, checks: number) =>
      `${files} tệp, ${cases} trường hợp: ${passed} đạt, ${failed} không đạt${bad > 0 ? `, ${bad} tệp có lỗi` : ''} (${checks} phép so sánh)`,
    none: 'Không tìm thấy tệp kiểm thử (*.test.yaml, *.test.yml, *.test.json) trong',
  },
  en: {
    cases: (n: number) => `${n} case${n === 1 ? '' : 's'}`,
    checks: (n: number) => `${n} check${n === 1 ? '' : 's'}`,
    trace: (node: string, unit: string) => `trace of ${node === 'total' ? 'the whole index' : `criterion ${node}`}${unit ? ` (${unit})` : ''}:`,
    problems: (n: number) => `file cannot run: ${n} problem${n === 1 ? '' : 's'}`,
    summary: (files: number, cases: number, passed: number, failed: number, bad: number, checks: number) =>
      `${files} file${files === 1 ? '' : 's'}, ${cases} cases: ${passed} passed, ${failed} failed${bad > 0 ? `, ${bad} file${bad === 1 ? '' : 's'} with problems` : ''} (${checks} checks)`,
    none: 'No pack-test files (*.test.yaml, *.test.yml, *.test.json) in',
  },
}

/** `chiso test`: run the pack tests beside the packs. */
export function testCommand(program: Command, ctx: Ctx): void {
  program
    .command('test')
    .description('chạy các tệp kiểm thử bộ chỉ số (*.test.yaml) và in từng trường hợp không đạt / run the pack tests (*.test.yaml) and print each failure')
    .argument('[paths...]', 'tệp hoặc thư mục chứa tệp kiểm thử, mặc định thư mục hiện tại / test files or folders, default the current folder', ['.'])
    .option('--shipped', 'chạy cả các tệp kiểm thử đi kèm các bộ chỉ số có sẵn (@chiso/rules-vn-cchc) / also run the tests shipped beside the packs of @chiso/rules-vn-cchc')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .addHelpText(
      'after',
      `
Tệp kiểm thử nằm cạnh bộ chỉ số, cùng tên: vn-cchc.commune-2019.json → vn-cchc.commune-2019.test.yaml;
"pack:" trong tệp là mã bộ chỉ số (tìm trước trong các tệp .json cùng thư mục, rồi trong các bộ chỉ số
có sẵn) hoặc đường dẫn tới tệp .json. Cách viết: docs/pack-tests.md.
A test file sits beside its pack with the same name; "pack:" is the pack id (looked up first among the
.json files found, then among the shipped packs) or a path to its .json. Format: docs/pack-tests.md.

Ví dụ / examples:
  chiso test packs/
  chiso test packs/vn-cchc.commune-2019.test.yaml --json
  chiso test --shipped`,
    )
    .action(async (given: string[], o: { json?: boolean; shipped?: boolean }) => {
      const lang: Lang = ctx.lang
      // --shipped alone runs the shipped tests only; the default "." applies when nothing else is named
      const paths = o.shipped ? [...(given.length === 1 && given[0] === '.' ? [] : given), shippedPacksFolder(ctx)] : given
      const found = await findPackTestFiles(paths, ctx.io.cwd)
      if (found.missing.length > 0) throw new UsageError(say(ctx, `Không tìm thấy: ${found.missing.join(', ')}`, `Not found: ${found.missing.join(', ')}`))
      if (found.tests.length === 0) throw new UsageError(`${T[lang].none} ${paths.join(', ')}`)
      // the packs under the paths given, and those beside each test file (a test named by its file finds its pack and that pack's base)
      const localPacks = await readLocalPacks([...new Set([...found.packs, ...(await packFilesBeside(found.tests))])].sort())
      const outcomes: FileOutcome[] = []
      for (const file of found.tests) outcomes.push(await runFile(ctx, file, localPacks))
      const show = (f: string): string => relative(ctx.io.cwd, f) || f
      const cases = outcomes.flatMap((f) => f.report?.cases ?? [])
      const failed = cases.filter((c) => !c.ok).length
      const bad = outcomes.filter((f) => f.issues.length > 0).length
      const checks = outcomes.reduce((s, f) => s + (f.report?.checks ?? 0), 0)
      if (o.json) {
        json(ctx, {
          files: outcomes.map((f) => ({
            file: show(f.file),
            pack: f.pack ?? null,
            ok: f.issues.length === 0 && (f.report?.failed ?? 0) === 0,
            issues: f.issues,
            cases: (f.report?.cases ?? []).map((c) => caseJson(c)),
          })),
          cases: cases.length,
          passed: cases.length - failed,
          failed,
          filesWithProblems: bad,
          checks,
        })
      } else {
        for (const f of outcomes) printFile(ctx, f, show(f.file), lang)
        out(ctx, `\n${T[lang].summary(outcomes.length, cases.length, cases.length - failed, failed, bad, checks)}`)
      }
      ctx.code = failed > 0 || bad > 0 ? EXIT.problems : EXIT.ok
    })
}

/** The folder of the packs (and their tests) shipped in @chiso/rules-vn-cchc. */
function shippedPacksFolder(ctx: Ctx): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@chiso/rules-vn-cchc/package.json')), 'packs')
  } catch {
    throw new UsageError(say(ctx, '--shipped: chưa cài @chiso/rules-vn-cchc', '--shipped: @chiso/rules-vn-cchc is not installed'))
  }
}

interface LocalPack {
  readonly file: string
  readonly json: unknown
  /** whether the pack passes the pack schema (only those go into the registry, so one broken file does not stop the others) */
  readonly valid: boolean
}

/** The pack JSON files (not `*.test.json`) in the folders of the test files. */
async function packFilesBeside(tests: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const dir of new Set(tests.map((t) => dirname(t)))) {
    for (const n of await readdir(dir).catch(() => [] as string[])) if (/\.json$/i.test(n) && !PACK_TEST_FILE.test(n)) out.push(join(dir, n))
  }
  return out
}

/** The pack JSON files found beside the tests, by `id@version`, for the tests to name (a file that is no JSON is skipped; `chiso validate` reports it). */
async function readLocalPacks(files: readonly string[]): Promise<Map<string, LocalPack>> {
  const byKey = new Map<string, LocalPack>()
  for (const file of files) {
    let j: unknown
    try {
      j = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      continue
    }
    const o = j as { id?: unknown; version?: unknown } | null
    if (o && typeof o === 'object' && typeof o.id === 'string' && typeof o.version === 'string') byKey.set(`${o.id}@${o.version}`, { file, json: j, valid: PackSchema.safeParse(j).success })
  }
  return byKey
}

/** Compiles the pack a test file names: a path to a .json, a pack found beside the tests, or a shipped pack. */
async function packFor(ctx: Ctx, file: string, named: string, local: ReadonlyMap<string, LocalPack>): Promise<{ pack?: CompiledPack; issues: ChisoIssue[] }> {
  const missing = (vi: string, en: string): { issues: ChisoIssue[] } => ({ issues: [{ code: 'pack_not_found', path: ['pack'], value: named, message: { vi, en } }] })
  if (/\.json$/i.test(named)) {
    const r = await loadPack(resolve(dirname(file), named), { cwd: ctx.io.cwd })
    if (r.ok) return { pack: r.pack, issues: [] }
    return r.kind === 'not_found' ? missing(r.message.vi, r.message.en) : { issues: [...r.issues] }
  }
  const [id, version] = named.split('@') as [string, string | undefined]
  const candidates = [...local.values()].filter(({ json: j }) => (j as { id: string }).id === id && (version === undefined || (j as { version: string }).version === version))
  // the pack file beside the test first, then any other with that id (the latest version)
  const beside = candidates.find((c) => resolve(c.file) === resolve(packFileBeside(file)))
  if (candidates.length > 0) {
    const chosen = beside ?? candidates[candidates.length - 1]!
    if (!chosen.valid) return { issues: [...(safeCompilePack(chosen.json) as { issues: readonly ChisoIssue[] }).issues] }
    const registry = await registryWith([...local.values()].filter((p) => p.valid).map((p) => p.json))
    const r = registry.safeCompile(id, (chosen.json as { version: string }).version)
    return r.ok ? { pack: r.value, issues: [] } : { issues: [...r.issues] }
  }
  const r = await loadPack(named, { cwd: ctx.io.cwd })
  if (r.ok) return { pack: r.pack, issues: [] }
  return r.kind === 'not_found' ? missing(r.message.vi, r.message.en) : { issues: [...r.issues] }
}

async function runFile(ctx: Ctx, file: string, local: ReadonlyMap<string, LocalPack>): Promise<FileOutcome> {
  const parsed = parsePackTestText(await readFile(file, 'utf8'), file)
  if (parsed.issues.length > 0) return { file, issues: parsed.issues }
  const named = (parsed.data as { pack?: unknown } | null)?.pack
  if (typeof named !== 'string' || named === '') {
    return { file, issues: [{ code: 'missing_field', path: ['pack'], message: { vi: 'Thiếu "pack": mã bộ chỉ số mà tệp kiểm thử', en: 'Missing "pack": the id of the pack the file tests' } }] }
  }
  let compiled: { pack?: CompiledPack; issues: ChisoIssue[] }
  try {
    compiled = await packFor(ctx, file, named, local)
  } catch (e) {
    const issues = (e as { issues?: ChisoIssue[] }).issues
    if (!issues) throw e
    compiled = { issues }
  }
  if (!compiled.pack) return { file, issues: compiled.issues }
  const pack = { id: compiled.pack.id, version: compiled.pack.version }
  // a pack named by its file is the pack that file holds
  const data = /\.json$/i.test(named) ? { ...(parsed.data as object), pack: `${pack.id}@${pack.version}` } : parsed.data
  const r = safeRunPackTests(compiled.pack, data)
  return r.ok ? { file, pack, issues: [], report: r.value } : { file, pack, issues: r.issues }
}

function printFile(ctx: Ctx, f: FileOutcome, shown: string, lang: Lang): void {
  const t = T[lang]
  out(ctx, `\n${shown}${f.pack ? ` — ${f.pack.id}@${f.pack.version}` : ''}${f.report ? ` (${t.cases(f.report.cases.length)})` : ''}`)
  if (f.issues.length > 0) {
    out(ctx, `  ✗ ${t.problems(f.issues.length)}`)
    for (const i of f.issues) out(ctx, `    - ${coreIssueLine(i, lang)}`)
    return
  }
  for (const c of f.report!.cases) {
    out(ctx, `  ${c.ok ? '✓' : '✗'} ${c.name} (${t.checks(c.checks)})`)
    if (c.ok) continue
    if (c.source) out(ctx, `      ${lang === 'vi' ? 'nguồn' : 'source'}: ${c.source}`)
    for (const x of c.failures) out(ctx, `      - ${x.unitId && c.results.length > 1 ? `${x.unitId}: ` : ''}${x.message[lang]}  [${pathText(x.path)}]`)
    for (const { result, node } of tracesToShow(c)) {
      out(ctx, `      ${t.trace(node, c.results.length > 1 ? result.unitId : '')}`)
      const tree = node === 'total' ? formatTraceTree(result, undefined, { depth: 0, locale: lang }) : formatTraceTree(result, undefined, { node, locale: lang })
      for (const line of tree.split('\n')) out(ctx, `        ${line}`)
    }
  }
}

const pathText = (path: readonly (string | number)[]): string =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `["${p}"]`))
    .join('')
    .replace(/^\./, '')

/**
 * The nodes whose trace explains the case's failures: for each unit, the nodes that differ
 * with no differing node below them — where the difference starts, not every total it
 * reaches. A band or rank that differs is explained by the whole index's figures.
 */
function tracesToShow(c: PackTestCaseReport): { result: UnitResult; node: string }[] {
  const shown: { result: UnitResult; node: string }[] = []
  const byUnit = new Map<string, PackTestFailure[]>()
  for (const f of c.failures) {
    if (f.field === 'node' || f.field === 'unit' || f.field === 'issues') continue
    const l = byUnit.get(f.unitId) ?? []
    l.push(f)
    byUnit.set(f.unitId, l)
  }
  for (const [unitId, failures] of byUnit) {
    const result = c.results.find((r) => r.unitId === unitId)
    if (!result?.trace) continue
    const pack = result.pack
    const codes = new Set(failures.map((f) => f.node ?? 'total').filter((code) => pack.node(code) !== undefined))
    const below = (code: string, other: string): boolean => {
      for (let i = pack.node(other)!.parent; i >= 0; i = pack.nodes[i]!.parent) if (pack.nodes[i]!.code === code) return true
      return false
    }
    for (const code of codes) if (![...codes].some((o) => o !== code && below(code, o))) shown.push({ result, node: code })
    // a band, rank or group size that differs is read off the whole index, whatever differs below it
    if (failures.some((f) => f.field === 'band' || f.field === 'rank' || f.field === 'groupSize') && !shown.some((s) => s.result === result && s.node === 'total'))
      shown.push({ result, node: 'total' })
  }
  return shown
}

function caseJson(c: PackTestCaseReport): unknown {
  return {
    name: c.name,
    source: c.source ?? null,
    ok: c.ok,
    checks: c.checks,
    failures: c.failures.map((f) => {
      const result = c.results.find((r) => r.unitId === f.unitId)
      const node = f.node === null ? undefined : result?.node(f.node)
      return { ...f, path: pathText(f.path), ...(node?.trace ? { trace: node.trace } : {}) }
    }),
    ...(c.issues.length > 0 ? { issues: c.issues } : {}),
  }
}
