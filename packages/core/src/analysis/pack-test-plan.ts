/**
 * Planning a pack-test case before it runs: its shape checked beyond the schema (one of
 * assessment / units, expectations that can be met, a band the pack has, flags that exist)
 * and every expected number parsed, so that a mistake in the file is reported as one, with
 * its path, and never as a failing result.
 */
import type { CompiledPack } from '../model/compile.js'
import { issue, type ChisoIssue, type IssuePath } from '../util/errors.js'
import type { ResultFlag } from '../engine/result.js'
import { parseExpectedNumber, type ExpectedNumber, type FlagExpectation, type IssueExpectation, type PackTestCase, type UnitExpectation } from './pack-test-schema.js'

/** The unit id and period a case's assessment gets when it names none. */
export const PACK_TEST_DEFAULTS = Object.freeze({ unitId: 'don-vi-mau', period: 'mau' })

/** A unit's expectations with every number parsed. */
export interface PlannedUnit {
  readonly unitId: string
  readonly expect: UnitExpectation
  readonly path: IssuePath
  readonly numbers: ReadonlyMap<string, ExpectedNumber>
}

export interface Plan {
  readonly inputs: readonly Record<string, unknown>[]
  readonly units: readonly PlannedUnit[]
  readonly issues: readonly IssueExpectation[] | undefined
  /** units the file expects that the case does not score (reported as failures) */
  readonly missing: readonly { unitId: string; path: IssuePath }[]
}

/** the flags a result can carry (ResultFlag['code']) */
const FLAG_CODES: readonly string[] = ['missing_input', 'missing_survey', 'missing_evidence', 'self_score_differs', 'explanation_given', 'inconsistent_data'] satisfies readonly ResultFlag['code'][]

const UNIT_FIELDS = ['nodes', 'total', 'applicableMax', 'index', 'band', 'rank', 'groupSize', 'flags', 'allFlags'] as const
export const NODE_NUMBER_FIELDS = ['points', 'maxPoints', 'applicableMax', 'index', 'bonus', 'deduction'] as const

/** Checks a case's shape beyond the schema and parses its expected numbers. @internal */
export function plan(pack: CompiledPack, c: PackTestCase, path: IssuePath, issues: ChisoIssue[]): Plan | undefined {
  const before = issues.length
  const bad = (at: IssuePath, vi: string, en: string): void => void issues.push(issue('invalid_pack_test', [...path, ...at], { detail: vi, detailEn: en }))
  if ((c.assessment === undefined) === (c.units === undefined)) {
    bad([], 'Mỗi trường hợp cần đúng một trong hai: "assessment" (một đơn vị) hoặc "units" (nhiều đơn vị)', 'Each case needs exactly one of "assessment" (one unit) or "units" (several units)')
  }
  const e = c.expect
  const topLevel = UNIT_FIELDS.filter((k) => e[k] !== undefined)
  if (e.issues !== undefined && (topLevel.length > 0 || e.units !== undefined)) {
    bad(['expect', 'issues'], 'Trường hợp mong đợi bị từ chối ("issues") không thể mong đợi điểm số', 'A case expected to be refused ("issues") cannot expect figures too')
  }
  if (c.units !== undefined && topLevel.length > 0) {
    bad(
      ['expect', topLevel[0]!],
      'Trường hợp nhiều đơn vị ghi kết quả mong đợi theo từng đơn vị: expect.units.<mã đơn vị>',
      'A case with several units states what it expects per unit: expect.units.<unit id>',
    )
  }
  if (c.units === undefined && e.units !== undefined) {
    bad(['expect', 'units'], '"expect.units" chỉ dùng khi trường hợp có "units"', '"expect.units" needs "units" in the case')
  }
  if (e.issues === undefined && topLevel.length === 0 && (e.units === undefined || Object.keys(e.units).length === 0)) {
    bad(['expect'], 'Trường hợp không mong đợi gì: một kiểm thử không so sánh gì thì không thể đạt', 'The case expects nothing: a test that compares nothing cannot pass')
  }
  const numbersOf = (u: UnitExpectation, at: IssuePath): Map<string, ExpectedNumber> => {
    const out = new Map<string, ExpectedNumber>()
    const take = (key: string, raw: number | string | null | undefined, p: IssuePath): void => {
      if (raw === undefined || raw === null) return
      const n = parseExpectedNumber(raw, p, issues)
      if (n) out.set(key, n)
    }
    // a band or a flag the pack cannot give is a mistake in the file, not a failing result
    if (typeof u.band === 'string' && !pack.bands.some((b) => b.code === u.band || b.label.vi === u.band || b.label.en === u.band)) {
      const known = pack.bands.map((b) => `${b.code} (${b.label.vi})`).join(', ') || '—'
      issues.push(
        issue('invalid_pack_test', [...at, 'band'], { detail: `Bộ chỉ số không có mức xếp loại "${u.band}" (có: ${known})`, detailEn: `The pack has no band "${u.band}" (bands: ${known})` }, u.band),
      )
    }
    for (const key of ['flags', 'allFlags'] as const) {
      u[key]?.forEach((f, k) => {
        const { code } = flagSpec(f)
        if (!FLAG_CODES.includes(code)) {
          issues.push(
            issue(
              'invalid_pack_test',
              [...at, key, k],
              { detail: `Không có cảnh báo "${code}" (có: ${FLAG_CODES.join(', ')})`, detailEn: `No flag "${code}" (flags: ${FLAG_CODES.join(', ')})` },
              code,
            ),
          )
        }
      })
    }
    take('total', u.total, [...at, 'total'])
    take('applicableMax', u.applicableMax, [...at, 'applicableMax'])
    take('index', u.index, [...at, 'index'])
    for (const [code, n] of Object.entries(u.nodes ?? {})) {
      if (typeof n === 'number' || typeof n === 'string') take(`${code}\u0000points`, n, [...at, 'nodes', code])
      else {
        for (const f of NODE_NUMBER_FIELDS) take(`${code}\u0000${f}`, n[f], [...at, 'nodes', code, f])
        if (Object.keys(n).length === 0) {
          issues.push(issue('invalid_pack_test', [...at, 'nodes', code], { detail: `Tiêu chí "${code}" không có giá trị mong đợi nào`, detailEn: `Criterion "${code}" has no expected value` }))
        }
      }
    }
    return out
  }
  const units: PlannedUnit[] = []
  const missing: { unitId: string; path: IssuePath }[] = []
  let inputs: Record<string, unknown>[] = []
  if (c.assessment !== undefined) {
    const a = { ...PACK_TEST_DEFAULTS, ...c.assessment }
    inputs = [a]
    const at = [...path, 'expect']
    units.push({ unitId: unitIdText(a.unitId), expect: e, path: at, numbers: numbersOf(e, at) })
  } else if (c.units !== undefined) {
    inputs = c.units.map((u) => ({ period: PACK_TEST_DEFAULTS.period, ...u }))
    const ids = new Set(inputs.map((u) => u.unitId))
    for (const [unitId, u] of Object.entries(e.units ?? {})) {
      const at = [...path, 'expect', 'units', unitId]
      const numbers = numbersOf(u, at)
      if (!ids.has(unitId)) missing.push({ unitId, path: at })
      else units.push({ unitId, expect: u, path: at, numbers })
    }
  }
  return issues.length > before ? undefined : { inputs, units, issues: e.issues, missing }
}

/** A flag expectation's code and criterion. @internal */
export function flagSpec(want: FlagExpectation): { code: string; criterion: string | undefined } {
  if (typeof want !== 'string') return { code: want.code, criterion: want.criterion }
  const [code, ...rest] = want.trim().split(/\s+/)
  return { code: code!, criterion: rest.length > 0 ? rest.join(' ') : undefined }
}

/**
 * A case's unit id as text for a failure line: the id a case
 * names may be anything (a list, an object with its own `toString`), and rendering it must
 * never throw. @internal
 */
export function unitIdText(id: unknown): string {
  // a string is the id itself: the results are found by it
  if (typeof id === 'string') return id
  if (typeof id === 'number' || typeof id === 'boolean' || id === null || id === undefined) return String(id)
  return Array.isArray(id) ? '[…]' : '{…}'
}
