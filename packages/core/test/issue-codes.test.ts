import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { analyseSensitivity } from '@chiso/core/analysis'
import {
  canonicalJson,
  ChisoError,
  type ChisoIssue,
  type CoreIssue,
  compareYears,
  compilePack,
  createUnitRegistry,
  evaluateBatch,
  Exact,
  ISSUE_CODES,
  isCoreIssueCode,
  isIssue,
  issueMessage,
  safeCompilePack,
  safeEvaluate,
  safeEvaluateBatch,
} from '@chiso/core'
import { issue } from '../src/util/errors.js'

const SRC = fileURLToPath(new URL('../src', import.meta.url))

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return p.endsWith('.ts') ? [{ file: p.slice(SRC.length + 1), text: readFileSync(p, 'utf8') }] : []
  })
}

/** the source without comments, so that a code named in a comment is not taken for one emitted */
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')

const files = sources(SRC).map((f) => ({ ...f, text: code(f.text) }))

// `code: '…'` also names zod's own issue code and the result flags, which are not issues
const NOT_ISSUES = new Set(['custom', 'missing_input', 'missing_survey', 'missing_evidence', 'self_score_differs', 'explanation_given', 'inconsistent_data'])

/** every code the sources emit: issue('…', …) and the codes objects name (a rule's entered-score problem, a refinement's code) */
function emitted(): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const add = (c: string, file: string): void => void out.set(c, [...(out.get(c) ?? []), file])
  for (const { file, text } of files) {
    for (const m of text.matchAll(/\bissue\(\s*'([a-z_]+)'/g)) add(m[1]!, file)
    for (const m of text.matchAll(/\bcode:\s*'([a-z_]+)'/g)) if (!NOT_ISSUES.has(m[1]!)) add(m[1]!, file)
    for (const m of text.matchAll(/\bcode:\s*'([a-z_]+)'\s*\|\s*'([a-z_]+)'/g)) for (const c of [m[1]!, m[2]!]) if (!NOT_ISSUES.has(c)) add(c, file)
  }
  return out
}

/** placeholder parameters: every parameter a message asks for is there, as «its name» */
const placeholders = new Proxy({}, { get: (_, k) => (typeof k === 'string' ? `«${k}»` : undefined) }) as never

// letters only Vietnamese writes (tones and the hooked and crossed letters)
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i

describe('the issue catalog', () => {
  test('every code core emits is in ISSUE_CODES, and every code in ISSUE_CODES is emitted somewhere', () => {
    const found = emitted()
    // the scan itself works: it sees codes of every part of core
    for (const c of ['score_above_max', 'duplicate_assessment', 'duplicate_unit', 'invalid_version', 'score_not_allowed', 'coverage_gap', 'division_by_zero']) {
      expect(found.has(c), c).toBe(true)
    }
    const missing = [...found.keys()].filter((c) => !isCoreIssueCode(c))
    expect(missing, `emitted without a catalog entry: ${missing.map((c) => `${c} (${found.get(c)!.join(', ')})`).join('; ')}`).toEqual([])
    expect(ISSUE_CODES.filter((c) => !found.has(c))).toEqual([])
  })

  test('no issue is built by hand in core: issue() takes a literal code, except the entered-score problem a rule names', () => {
    const dynamic = files.flatMap(({ file, text }) => [...text.matchAll(/\bissue\(\s*([^'\s][^,]*),/g)].map((m) => `${file}: ${m[1]}`))
    expect(dynamic).toEqual(['engine/check.ts: p.code'])
    // an issue object literal with a message of its own would bypass the catalog
    const literal = files.filter(({ text }) => /\{\s*code[,:][^}]*\bmessage:\s*\{\s*vi:/.test(text)).map((f) => f.file)
    expect(literal).toEqual([])
  })

  test('no plain Error, RangeError or TypeError is thrown in core', () => {
    const plain = files.flatMap(({ file, text }) => [...text.matchAll(/throw new (Error|RangeError|TypeError)\b/g)].map((m) => `${file}: ${m[1]}`))
    expect(plain).toEqual([])
  })

  test('each code has a Vietnamese message (with its diacritics) and an English one, both naming every parameter they are given', () => {
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length)
    for (const c of ISSUE_CODES) {
      const vi = issueMessage(c, placeholders, 'vi')
      const en = issueMessage(c, placeholders, 'en')
      expect(vi.trim().length, c).toBeGreaterThan(10)
      expect(en.trim().length, c).toBeGreaterThan(10)
      expect(VIETNAMESE.test(vi), `${c}: ${vi}`).toBe(true)
      expect(VIETNAMESE.test(en), `${c}: ${en}`).toBe(false)
      expect(vi, c).not.toBe(en)
      expect(`${vi} ${en}`, c).not.toMatch(/undefined|\[object Object\]/)
    }
  })

  test('an issue keeps its parameters: its message is rendered again from them, word for word', () => {
    const pack = compilePack({
      id: 'codes/demo',
      version: '1.0.0',
      title: 'Demo',
      scale: 10,
      criteria: [
        { code: '1', title: 'A', maxPoints: 5, rule: { kind: 'manual', step: 0.5 } },
        { code: '2', title: 'B', maxPoints: 5, rule: { kind: 'boolean' } },
      ],
      adjustments: [{ id: 'bonus', type: 'bonus', title: 'B', amount: { kind: 'entered' }, cap: 2 }],
    })
    const r = safeEvaluateBatch(pack, [
      { unitId: 'a', period: '2024', selfScores: { '1': 6, '2': 1 }, adjustments: { bonus: -1 } },
      { unitId: 'b', period: '2024', selfScores: { '1': 0.3, '9': 1 }, adjustments: { bonus: 3, nope: 1 } },
      { unitId: 'a', period: '2024', selfScores: { '1': -1 } },
    ])
    const issues: ChisoIssue[] = r.ok ? [] : [...r.issues]
    const bad = safeCompilePack({ id: 'x/y', version: 'v1', title: 'x', criteria: [{ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'lottery' } }] })
    if (!bad.ok) issues.push(...bad.issues)
    expect(issues.map((i) => i.code).sort()).toEqual(
      [
        'adjustment_above_cap',
        'adjustment_negative',
        'duplicate_assessment',
        'invalid_version',
        'score_above_max',
        'score_negative',
        'score_not_allowed',
        'score_not_multiple_of_step',
        'unknown_adjustment',
        'unknown_criterion',
        'unknown_rule_kind',
      ].sort(),
    )
    for (const i of issues) {
      expect(isCoreIssueCode(i.code), i.code).toBe(true)
      expect(i.params, i.code).toBeDefined()
      if (!isCoreIssueCode(i.code)) continue
      expect(issueMessage(i.code, i.params as never, 'vi')).toBe(i.message.vi)
      expect(issueMessage(i.code, i.params as never, 'en')).toBe(i.message.en)
    }
    // the parameters are data a program reads, typed by the code
    const above = issues.find((i) => isIssue(i, 'score_above_max'))
    expect(above && isIssue(above, 'score_above_max') ? [above.params.code, above.params.value, above.params.max] : []).toEqual(['1', '6', '5'])
    const step = issues.find((i) => isIssue(i, 'score_not_multiple_of_step'))
    expect(step && isIssue(step, 'score_not_multiple_of_step') ? step.params.step : undefined).toBe('0.5')
    // a plug-in's issue (no params) is never taken for a core one
    expect(isIssue({ code: 'score_above_max', path: [], message: { vi: 'x', en: 'x' } }, 'score_above_max')).toBe(false)
  })
})

describe('one meaning per code', () => {
  test('two assessments of one unit in a batch: duplicate_assessment; a unit list naming a unit twice: duplicate_unit', () => {
    const pack = compilePack({ id: 'codes/one', version: '1.0.0', title: 'One', scale: 1, criteria: [{ code: '1', title: 'A', maxPoints: 1 }] })
    const r = safeEvaluateBatch(pack, [
      { unitId: 'xa-a', period: '2024', selfScores: { '1': 1 } },
      { unitId: 'xa-a', period: '2024', selfScores: { '1': 0 } },
      { unitId: 'xa-a', period: '2025', selfScores: { '1': 0 } },
    ])
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path, i.params])).toEqual([['duplicate_assessment', [1, 'unitId'], { unitId: 'xa-a', period: '2024' }]])
    expect(r.ok ? '' : r.issues[0]!.message.vi).toBe('Đơn vị "xa-a" có nhiều bản đánh giá kỳ 2024 trong cùng một lượt')
    const thrown = (() => {
      try {
        createUnitRegistry([
          { id: 'xa-a', name: 'A', kind: 'commune' },
          { id: 'xa-a', name: 'A', kind: 'commune' },
        ])
      } catch (e) {
        return e
      }
    })()
    expect(thrown instanceof ChisoError && thrown.issues.map((i) => [i.code, i.path])).toEqual([['duplicate_unit', [1, 'id']]])
  })

  test('a negative entered adjustment is adjustment_negative, not a negative score', () => {
    const pack = compilePack({
      id: 'codes/adj',
      version: '1.0.0',
      title: 'Adj',
      scale: 1,
      criteria: [{ code: '1', title: 'A', maxPoints: 1 }],
      adjustments: [{ id: 'tru', type: 'deduction', title: 'T', amount: { kind: 'entered' } }],
    })
    const r = safeEvaluate(pack, { unitId: 'x', period: '2024', adjustments: { tru: -0.5 } })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path, i.params])).toEqual([['adjustment_negative', ['adjustments', 'tru'], { id: 'tru', value: '-0.5' }]])
  })
})

describe('what used to throw a plain Error now throws a ChisoError with a code', () => {
  const issuesOf = (f: () => unknown): [string, readonly (string | number)[]][] => {
    try {
      f()
    } catch (e) {
      if (e instanceof ChisoError) return e.issues.map((i) => [i.code, i.path])
      return [[`not a ChisoError: ${String(e)}`, []]]
    }
    return []
  }

  test('canonicalJson: a non-finite number, a function', () => {
    expect(issuesOf(() => canonicalJson({ a: Number.NaN }))).toEqual([['not_finite_number', []]])
    expect(issuesOf(() => canonicalJson({ a: () => 1 }))).toEqual([['invalid_type', []]])
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })

  test('a weighted mean over predecessors without weights, or with weights summing to zero', () => {
    const units = createUnitRegistry([
      { id: 'a', name: 'A', kind: 'commune', validTo: '2025-06-30' },
      { id: 'b', name: 'B', kind: 'commune', validTo: '2025-06-30' },
      { id: 'ab', name: 'AB', kind: 'ward', validFrom: '2025-07-01', predecessors: ['a', 'b'] },
    ])
    const values = { a: Exact.from(80), b: Exact.from(60) }
    expect(issuesOf(() => units.mapToUnits(values, '2025-07-01', { policy: 'weighted-mean' }))).toEqual([['missing_option', ['weight']]])
    expect(issuesOf(() => units.mapToUnits(values, '2025-07-01', { policy: 'weighted-mean', weight: () => 0 }))).toEqual([['zero_total_weight', ['weight']]])
    expect(units.mapToUnits(values, '2025-07-01', { policy: 'weighted-mean', weight: (u) => (u.id === 'a' ? 3 : 1) })[0]!.value.toString()).toBe('75')

    const pack = compilePack({ id: 'codes/years', version: '1.0.0', title: 'Y', scale: 100, criteria: [{ code: '1', title: 'A', maxPoints: 100 }] })
    const year = (period: string, scores: Record<string, number>) =>
      evaluateBatch(
        pack,
        Object.entries(scores).map(([unitId, s]) => ({ unitId, period, selfScores: { '1': s } })),
      )
    const years = { '2024': year('2024', { a: 80, b: 60 }), '2025': year('2025', { ab: 70 }) }
    expect(issuesOf(() => compareYears(years, { units, policy: 'weighted-mean' }))).toEqual([['missing_option', ['weight']]])
  })

  test('analyseSensitivity: draws that are not a whole number, a weight range upside down', () => {
    const pack = compilePack({
      id: 'codes/sens',
      version: '1.0.0',
      title: 'S',
      scale: 2,
      criteria: [
        { code: '1', title: 'A', maxPoints: 1 },
        { code: '2', title: 'B', maxPoints: 1 },
      ],
    })
    const units = [{ unitId: 'a', period: '2024', selfScores: { '1': 1, '2': 0 } }]
    expect(issuesOf(() => analyseSensitivity(pack, units, { draws: 1.5, weights: { spread: 0.1 } }))).toEqual([['invalid_value', ['draws']]])
    expect(issuesOf(() => analyseSensitivity(pack, units, { draws: 10, weights: { ranges: { '1': [1.2, 0.8] } } }))).toEqual([['invalid_value', ['weights', 'ranges', '1']]])
    expect(issuesOf(() => analyseSensitivity(pack, units, { draws: 10, weights: { spread: 2 } }))).toEqual([['invalid_value', ['weights', 'spread']]])
  })
})

describe('the types follow the catalog (checked by npm run typecheck)', () => {
  test('a switch on a core issue narrows its params; issue() asks for each code its own params', () => {
    const maxOf = (i: CoreIssue): string | undefined => {
      switch (i.code) {
        case 'score_above_max':
          expectTypeOf(i.params).toEqualTypeOf<{ code: string; value: string; max: string }>()
          return i.params.max
        case 'duplicate_assessment':
          expectTypeOf(i.params.period).toEqualTypeOf<string>()
          return undefined
        default:
          return undefined
      }
    }
    expect(maxOf(issue('score_above_max', ['selfScores', '1'], { code: '1', value: '6', max: '5' }, 6))).toBe('5')
    // never run: what the type checker refuses
    const misuse = (): void => {
      // @ts-expect-error: score_above_max names its maximum
      issue('score_above_max', [], { code: '1', value: '6' })
      // @ts-expect-error: a code outside the catalog is not core's
      issue('no_such_code', [], {})
    }
    void misuse
    expect(issue('cyclic_input', ['a']).params).toEqual({})
  })
})
