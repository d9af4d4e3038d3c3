/**
 * Pack tests: cases written beside a pack — an assessment and the figures expected of it —
 * run through the engine exactly as production scores (a batch, with its ranking and
 * bands), each difference reported with the node, what was expected and what came out.
 */
import * as z from 'zod/mini'
import { safeEvaluateBatch, type RankedUnit } from '../engine/batch.js'
import type { CompiledPack } from '../model/compile.js'
import { ROOT_CODE } from '../model/constants.js'
import { ChisoError, formatPath, issue, neverThrows, type ChisoIssue, type IssuePath, type SafeResult } from '../util/errors.js'
import type { Exact } from '../util/exact.js'
import type { NodeResult, ResultFlag, UnitResult } from '../engine/result.js'
import { parseWith } from '../model/validate.js'
import { flagSpec, NODE_NUMBER_FIELDS, plan, unitIdText, type Plan, type PlannedUnit } from './pack-test-plan.js'
import { meetsExpected, PackTestCaseSchema, PackTestFileSchema, type FlagExpectation, type PackTestCase } from './pack-test-schema.js'

/** What a failed expectation is about. */
export type PackTestField =
  | 'points'
  | 'maxPoints'
  | 'applicableMax'
  | 'index'
  | 'bonus'
  | 'deduction'
  | 'notApplicable'
  | 'band'
  | 'rank'
  | 'groupSize'
  | 'flags'
  | 'issues'
  /** the expected criterion is not in the pack */
  | 'node'
  /** the expected unit is not in the case */
  | 'unit'

/** One expectation that the result does not meet. */
export interface PackTestFailure {
  /** the unit concerned */
  readonly unitId: string
  /** the criterion code (`"total"` for the whole index); null when the expectation is about no node (band, rank, a flag on no criterion) */
  readonly node: string | null
  readonly field: PackTestField
  /** as the file writes it ("0,5", "Khá", "missing_evidence 1.1.1"; "—" for none) */
  readonly expected: string
  /** what the engine gave, exact ("0.75", "371/60"; "—" for none) */
  readonly got: string
  /** where the expectation is in the file: `['cases', 2, 'expect', 'nodes', '1.1']` */
  readonly path: IssuePath
  readonly message: { readonly vi: string; readonly en: string }
}

/** The outcome of one case. */
export interface PackTestCaseReport {
  /** position in the file's `cases` */
  readonly index: number
  readonly name: string
  readonly source: string | undefined
  readonly ok: boolean
  /** how many expectations were compared (a case that compares nothing is refused, never passed) */
  readonly checks: number
  readonly failures: readonly PackTestFailure[]
  /** the results, evaluated with `{ trace: true }` (empty when the assessment was refused) */
  readonly results: readonly UnitResult[]
  /** the engine's issues, when it refused the assessment */
  readonly issues: readonly ChisoIssue[]
}

export { PACK_TEST_DEFAULTS } from './pack-test-plan.js'

/** The outcome of {@link runPackTests}. */
export interface PackTestReport {
  readonly pack: { readonly id: string; readonly version: string; readonly contentHash: string }
  readonly passed: number
  readonly failed: number
  /** expectations compared, over every case */
  readonly checks: number
  readonly cases: readonly PackTestCaseReport[]
}

const FIELD_TEXT: Record<PackTestField, { vi: string; en: string }> = {
  points: { vi: 'điểm', en: 'points' },
  maxPoints: { vi: 'điểm tối đa', en: 'maximum' },
  applicableMax: { vi: 'điểm tối đa áp dụng', en: 'applicable maximum' },
  index: { vi: 'chỉ số', en: 'index' },
  bonus: { vi: 'điểm thưởng', en: 'bonus' },
  deduction: { vi: 'điểm trừ', en: 'deduction' },
  notApplicable: { vi: 'không áp dụng', en: 'not applicable' },
  band: { vi: 'xếp loại', en: 'band' },
  rank: { vi: 'thứ hạng', en: 'rank' },
  groupSize: { vi: 'số đơn vị xếp hạng', en: 'units ranked' },
  flags: { vi: 'cảnh báo', en: 'flags' },
  issues: { vi: 'lỗi dữ liệu', en: 'input issues' },
  node: { vi: 'tiêu chí', en: 'criterion' },
  unit: { vi: 'đơn vị', en: 'unit' },
}

/** the file with its cases left for one-by-one parsing */
const FILE_SHELL = z.strictObject({ ...PackTestFileSchema.shape, cases: z.array(z.unknown()).check(z.minLength(1)) })

const NONE = '—'
/** exact text the Vietnamese way: "0,75" (a fraction stays "371/60") */
const vi = (s: string): string => (/^-?\d+\.\d+$/.test(s) ? s.replace('.', ',') : s)

/**
 * Runs a pack's test cases — a parsed pack-test file (`{ pack, cases }`) or its `cases`
 * array — against the compiled pack. Each case is scored as production scores (a batch,
 * with its ranks and bands, evaluated with traces) and every expectation is compared.
 * Returns the report, or the problems of the file itself (a malformed case, a number that
 * is no number, a file for another pack), each with its path — never a half-run report.
 *
 * @example
 * ```ts
 * import { safeRunPackTests } from '@chiso/core/analysis'
 * import { vnCchc } from '@chiso/rules-vn-cchc'
 * const pack = vnCchc.compile('vn-cchc/commune-2019')
 * // 1.1.1 asks for evidence: a case without it would score 0
 * const r = safeRunPackTests(pack, {
 *   pack: 'vn-cchc/commune-2019',
 *   cases: [
 *     {
 *       name: 'Kế hoạch ban hành muộn được 0,5 điểm',
 *       assessment: { facts: { planIssued: 'late' }, evidence: [{ id: 'ke-hoach', criteria: ['1.1.1'] }] },
 *       expect: { nodes: { '1.1.1': '0,5' } },
 *     },
 *   ],
 * })
 * if (r.ok) for (const f of r.value.cases.flatMap((c) => c.failures)) console.log(f.node, f.expected, f.got)
 * ```
 */
export function safeRunPackTests(pack: CompiledPack, input: unknown): SafeResult<PackTestReport> {
  // whatever still goes wrong (a value that cannot be shown, a bug) is an issue, never a throw
  return neverThrows(() => runPackTestsChecked(pack, input))
}

function runPackTestsChecked(pack: CompiledPack, input: unknown): SafeResult<PackTestReport> {
  const issues: ChisoIssue[] = []
  let raw: readonly unknown[]
  if (Array.isArray(input)) raw = input
  else {
    // the file's own fields first; then each case on its own, so that one bad case does not
    // hide the problems of the others
    const parsed = parseWith(FILE_SHELL, input)
    if (!parsed.data) return { ok: false, issues: parsed.issues }
    raw = parsed.data.cases
    const named = parsed.data.pack
    const [id, version] = named.split('@') as [string, string | undefined]
    if (id !== pack.id || (version !== undefined && version !== pack.version)) {
      issues.push(issue('pack_test_wrong_pack', ['pack'], { expected: named, actual: `${pack.id}@${pack.version}` }, named))
    }
  }
  const cases: PackTestCase[] = []
  const planned: Plan[] = []
  raw.forEach((c, i) => {
    const p = parseWith(PackTestCaseSchema, c, ['cases', i])
    issues.push(...p.issues)
    const ready = p.data && plan(pack, p.data, ['cases', i], issues)
    if (p.data && ready) {
      cases.push(p.data)
      planned.push(ready)
    }
  })
  if (issues.length > 0) return { ok: false, issues }
  const reports = planned.map((p, i) => runCase(pack, cases[i]!, i, p))
  const failed = reports.filter((r) => !r.ok).length
  return {
    ok: true,
    value: {
      pack: { id: pack.id, version: pack.version, contentHash: pack.contentHash },
      passed: reports.length - failed,
      failed,
      checks: reports.reduce((s, r) => s + r.checks, 0),
      cases: reports,
    },
  }
}

/**
 * Like {@link safeRunPackTests}; throws one {@link ChisoError} listing every problem of a
 * malformed file. Failed expectations are no error: they are in the report.
 *
 * @example
 * ```ts
 * import { runPackTests } from '@chiso/core/analysis'
 * const report = runPackTests(pack, yamlParsedFile)
 * console.log(`${report.passed}/${report.cases.length} cases pass`)
 * ```
 */
export function runPackTests(pack: CompiledPack, input: unknown): PackTestReport {
  const r = safeRunPackTests(pack, input)
  if (!r.ok) throw new ChisoError(r.issues, 'pack tests')
  return r.value
}

function runCase(pack: CompiledPack, c: PackTestCase, index: number, p: Plan): PackTestCaseReport {
  const failures: PackTestFailure[] = []
  let checks = 0
  const scored = safeEvaluateBatch(pack, p.inputs, { trace: true })
  const single = c.assessment !== undefined
  const casePath: IssuePath = ['cases', index]
  const base = { index, name: c.name, source: c.source }
  if (!scored.ok) {
    // a batch's issue paths start with the unit's position; a single assessment's need none
    const refused = single ? scored.issues.map((i) => ({ ...i, path: i.path.slice(1) })) : scored.issues
    const unitId = single ? unitIdText(p.inputs[0]!.unitId) : ''
    if (p.issues === undefined) {
      failures.push(fail(unitId, null, 'issues', NONE, refused.map((i) => `${i.code} ${formatPath(i.path)}`).join('; '), [...casePath, 'expect']))
      return { ...base, ok: false, checks: 1, failures, results: [], issues: refused }
    }
    p.issues.forEach((want, k) => {
      checks++
      const code = typeof want === 'string' ? want : want.code
      const at = typeof want === 'string' ? undefined : want.path
      if (!refused.some((i) => i.code === code && (at === undefined || formatPath(i.path) === at))) {
        failures.push(fail(unitId, null, 'issues', at === undefined ? code : `${code} ${at}`, refused.map((i) => `${i.code} ${formatPath(i.path)}`).join('; '), [...casePath, 'expect', 'issues', k]))
      }
    })
    return { ...base, ok: failures.length === 0, checks, failures, results: [], issues: refused }
  }
  const batch = scored.value
  if (p.issues !== undefined) {
    const unitId = single ? unitIdText(p.inputs[0]!.unitId) : ''
    const want = p.issues.map((i) => (typeof i === 'string' ? i : `${i.code}${i.path === undefined ? '' : ` ${i.path}`}`)).join('; ')
    failures.push(fail(unitId, null, 'issues', want, NONE, [...casePath, 'expect', 'issues']))
    return { ...base, ok: false, checks: 1, failures, results: batch.units.map((u) => u.result), issues: [] }
  }
  for (const m of p.missing) {
    checks++
    failures.push(fail(m.unitId, null, 'unit', m.unitId, NONE, m.path))
  }
  for (const u of p.units) {
    const ranked = batch.units.find((x) => x.unitId === u.unitId) ?? batch.unit(u.unitId)
    if (!ranked) {
      checks++
      failures.push(fail(u.unitId, null, 'unit', u.unitId, NONE, u.path))
      continue
    }
    checks += checkUnit(ranked, u, failures)
  }
  return { ...base, ok: failures.length === 0, checks, failures, results: batch.units.map((x) => x.result), issues: [] }
}

/** Compares one unit's result with what is expected of it; returns the number of comparisons. */
function checkUnit(ranked: RankedUnit, u: PlannedUnit, failures: PackTestFailure[]): number {
  const r = ranked.result
  const e = u.expect
  let checks = 0
  const num = (node: string, field: PackTestField, got: Exact | null, key: string, path: IssuePath): void => {
    const want = u.numbers.get(key)
    if (!want) return
    checks++
    if (got === null || !meetsExpected(got, want)) failures.push(fail(u.unitId, node, field, want.text, got === null ? NONE : got.toString(), path))
  }
  for (const [code, n] of Object.entries(e.nodes ?? {})) {
    const at = [...u.path, 'nodes', code]
    const node = r.node(code)
    if (!node) {
      checks++
      failures.push(fail(u.unitId, code, 'node', code, NONE, at))
      continue
    }
    if (typeof n === 'number' || typeof n === 'string') {
      num(code, 'points', node.points, `${code}\u0000points`, at)
      continue
    }
    for (const f of NODE_NUMBER_FIELDS) {
      if (f === 'index' && n.index === null) {
        checks++
        if (node.index !== null) failures.push(fail(u.unitId, code, 'index', NONE, node.index.toString(), [...at, 'index']))
        continue
      }
      num(code, f, nodeNumber(node, f), `${code}\u0000${f}`, [...at, f])
    }
    if (n.notApplicable !== undefined) {
      checks++
      if (node.notApplicable !== n.notApplicable) failures.push(fail(u.unitId, code, 'notApplicable', String(n.notApplicable), String(node.notApplicable), [...at, 'notApplicable']))
    }
  }
  num(ROOT_CODE, 'points', r.total, 'total', [...u.path, 'total'])
  num(ROOT_CODE, 'applicableMax', r.applicableMax, 'applicableMax', [...u.path, 'applicableMax'])
  num(ROOT_CODE, 'index', r.index, 'index', [...u.path, 'index'])
  if (e.band !== undefined) {
    checks++
    const b = ranked.band
    const same = e.band === null ? b === undefined : b !== undefined && (b.code === e.band || b.label.vi === e.band || b.label.en === e.band)
    if (!same) failures.push(fail(u.unitId, null, 'band', e.band ?? NONE, b ? b.label.vi : NONE, [...u.path, 'band']))
  }
  if (e.rank !== undefined) {
    checks++
    if (ranked.rank !== e.rank) failures.push(fail(u.unitId, null, 'rank', e.rank === null ? NONE : String(e.rank), ranked.rank === null ? NONE : String(ranked.rank), [...u.path, 'rank']))
  }
  if (e.groupSize !== undefined) {
    checks++
    if (ranked.groupSize !== e.groupSize) failures.push(fail(u.unitId, null, 'groupSize', String(e.groupSize), String(ranked.groupSize), [...u.path, 'groupSize']))
  }
  const flags = r.flags
  const flagText = (f: ResultFlag): string => `${f.code} ${f.criterion}`
  const matches = (want: FlagExpectation, f: ResultFlag): boolean => {
    const { code, criterion } = flagSpec(want)
    return f.code === code && (criterion === undefined || f.criterion === criterion)
  }
  const expectFlags = (list: readonly FlagExpectation[], key: 'flags' | 'allFlags'): void => {
    list.forEach((want, k) => {
      checks++
      if (!flags.some((f) => matches(want, f))) {
        const { code, criterion } = flagSpec(want)
        const there = flags.filter((f) => f.code === code)
        failures.push(
          fail(u.unitId, criterion ?? null, 'flags', criterion === undefined ? code : `${code} ${criterion}`, there.length > 0 ? there.map(flagText).join('; ') : NONE, [...u.path, key, k]),
        )
      }
    })
  }
  if (e.flags) expectFlags(e.flags, 'flags')
  if (e.allFlags) {
    expectFlags(e.allFlags, 'allFlags')
    for (const f of flags) {
      if (e.allFlags.some((want) => matches(want, f))) continue
      checks++
      failures.push(fail(u.unitId, f.criterion, 'flags', NONE, flagText(f), [...u.path, 'allFlags']))
    }
  }
  return checks
}

function nodeNumber(n: NodeResult, f: (typeof NODE_NUMBER_FIELDS)[number]): Exact | null {
  return n[f]
}

function fail(unitId: string, node: string | null, field: PackTestField, expected: string, got: string, path: IssuePath): PackTestFailure {
  const f = FIELD_TEXT[field]
  const whereVi = node === null ? f.vi : node === ROOT_CODE ? `toàn bộ chỉ số, ${f.vi}` : `tiêu chí ${node}, ${f.vi}`
  const whereEn = node === null ? f.en : node === ROOT_CODE ? `whole index, ${f.en}` : `criterion ${node}, ${f.en}`
  let message: { vi: string; en: string }
  if (field === 'node') message = { vi: `Không có tiêu chí "${node}" trong bộ chỉ số`, en: `No criterion "${node}" in the pack` }
  else if (field === 'unit') message = { vi: `Không có đơn vị "${unitId}" trong trường hợp này`, en: `No unit "${unitId}" in this case` }
  else message = { vi: `${whereVi}: mong đợi ${vi(expected)}, nhận được ${vi(got)}`, en: `${whereEn}: expected ${expected}, got ${got}` }
  return { unitId, node, field, expected, got, path, message }
}
