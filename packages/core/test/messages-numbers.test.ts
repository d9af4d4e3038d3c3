/**
 * Vietnamese messages write every number with a decimal comma, as the reports do ("1,25",
 * "7,5/2,5"); the issue's params keep the machine values ("1.25"). Names that look like
 * numbers — criterion codes "1.1.2", versions "1.0.0" — are not numbers and stay as written.
 * Which params hold numbers is one table (NUMBER_PARAMS, next to the messages).
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compilePack, evaluate, ISSUE_CODES, issueMessage, safeCompilePack, safeEvaluate, type CoreIssueCode } from '@chiso/core'
import { en, NUMBER_PARAMS, vi } from '../src/util/issue-messages.js'

const DIGIT_DOT_DIGIT = /\d\.\d/

/** a decimal with a fractional part, as the engine writes one ("12.5", "-0.25") */
const decimalText = fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 1, max: 9999 })).map(([i, f]) => `${i}.${String(f).padStart(4, '0').replace(/0+$/, '') || '5'}`)

/** The params the messages of `code` read (each message read through a proxy that notes each key). */
function keysRead(code: CoreIssueCode): string[] {
  const read = new Set<string>()
  const p = new Proxy({} as Record<string, unknown>, { get: (_, k) => (typeof k === 'string' && read.add(k), NAME) })
  ;(en[code] as (p: unknown) => string)(p)
  ;(vi[code] as (p: unknown) => string)(p)
  return [...read]
}

/** The params of `code`: the number params from `nums`, every other param the name `NAME`. */
function params(code: CoreIssueCode, nums: { text: string; list: string; value: number }): Record<string, unknown> {
  const kinds = (NUMBER_PARAMS as Record<string, Record<string, string> | undefined>)[code] ?? {}
  const out: Record<string, unknown> = {}
  for (const key of keysRead(code)) {
    const kind = kinds[key]
    out[key] = kind === 'number' ? nums.text : kind === 'numbers' ? nums.list : kind === 'value' ? nums.value : NAME
  }
  return out
}
/** a name that looks like a number: a criterion code (or a version) */
const NAME = '1.1.2'

describe('numbers in Vietnamese messages', () => {
  test('every code: numbers rendered with a decimal comma, names (codes, versions) left as written', () => {
    fc.assert(
      fc.property(
        decimalText,
        decimalText,
        fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)),
        (a, b, value) => {
          for (const code of ISSUE_CODES) {
            const text = (vi[code] as (p: unknown) => string)(params(code, { text: a, list: `${a}, ${b}`, value }))
            // the names, and quoted texts (a version's example "1.2.0", a value as written), are the only digit-dot-digit left
            expect(
              text
                .split(NAME)
                .join('')
                .replace(/"[^"]*"/g, '""'),
              `${code}: ${text}`,
            ).not.toMatch(DIGIT_DOT_DIGIT)
            const english = (en[code] as (p: unknown) => string)(params(code, { text: a, list: `${a}, ${b}`, value }))
            // a name the English shows, the Vietnamese shows as it is
            if (english.includes(NAME)) expect(text, code).toContain(NAME)
          }
        },
      ),
      { numRuns: 40 },
    )
  })

  test('the table names only params a code has, and each number param is read by the messages', () => {
    for (const [code, kinds] of Object.entries(NUMBER_PARAMS)) {
      expect(ISSUE_CODES).toContain(code)
      for (const key of Object.keys(kinds as object)) {
        const read = new Set<string>()
        const p = new Proxy({} as Record<string, unknown>, { get: (_, k) => (typeof k === 'string' && read.add(k), k === key ? '7.5' : '1') })
        ;(en[code as CoreIssueCode] as (p: unknown) => string)(p)
        expect(read, `${code}.${key}`).toContain(key)
      }
    }
  })

  test('issueMessage: 3,5 and 2,25 in Vietnamese; the params and English keep 3.5', () => {
    expect(issueMessage('score_above_max', { code: '1.2', value: '3.5', max: '2.25' }, 'vi')).toBe('Điểm 3,5 của "1.2" vượt điểm tối đa 2,25')
    expect(issueMessage('score_above_max', { code: '1.2', value: '3.5', max: '2.25' }, 'en')).toBe('Score 3.5 for "1.2" exceeds the maximum 2.25')
    expect(issueMessage('score_not_allowed', { code: '1.2', value: '0.3', allowed: '0, 0.5, 1' }, 'vi')).toBe('Điểm 0,3 của "1.2" không thuộc các mức cho phép: 0; 0,5; 1')
  })

  const pack = compilePack({
    id: 'd/d',
    version: '1.0.0',
    title: 'D',
    scale: 2.5,
    criteria: [
      {
        code: '1',
        title: 'A',
        maxPoints: 2.5,
        children: [
          { code: '1.1', title: 'A1', maxPoints: 1.25, rule: { kind: 'manual', step: 0.25 } },
          { code: '1.2', title: 'A2', maxPoints: 1.25, rule: { kind: 'ratio', numerator: 'a', denominator: 'b' } },
        ],
      },
    ],
  })

  test('scores: above the maximum, not a multiple of the step', () => {
    const r = safeEvaluate(pack, { unitId: 'u', period: '2024', selfScores: { '1.1': 1.5 } })
    expect(r.ok ? [] : r.issues.map((i) => i.message.vi)).toEqual(['Điểm 1,5 của "1.1" vượt điểm tối đa 1,25'])
    expect(r.ok ? undefined : r.issues[0]!.params).toEqual({ code: '1.1', value: '1.5', max: '1.25' })
    const s = safeEvaluate(pack, { unitId: 'u', period: '2024', selfScores: { '1.1': 0.3 } })
    expect(s.ok ? [] : s.issues.map((i) => i.message.vi)).toEqual(['Điểm 0,3 của "1.1" không phải bội số của bước điểm 0,25'])
  })

  test('the inconsistent_data flag: tử số a = 7,5, mẫu số b = 2,5', () => {
    const e = evaluate(pack, { unitId: 'u', period: '2024', selfScores: { '1.1': 0.75 }, facts: { a: 7.5, b: 2.5 } })
    expect(e.flags.map((f) => f.message.vi)).toEqual(['"1.2": dữ liệu không nhất quán (tử số lớn hơn mẫu số: tử số a = 7,5, mẫu số b = 2,5); điểm vẫn tính theo quy tắc, cần kiểm tra lại số liệu'])
    expect(e.flags[0]!.message.en).toContain('numerator a = 7.5, denominator b = 2.5')
  })

  test('a pack whose maxima do not add up: 5 and 5,5; 10,5 and 10', () => {
    const r = safeCompilePack({
      id: 'my/pack',
      version: '1.0.0',
      title: 'T',
      scale: 10,
      criteria: [
        {
          code: '1',
          title: 'A',
          maxPoints: 5.5,
          children: [
            { code: '1.1', title: 'A1', maxPoints: 2 },
            { code: '1.2', title: 'A2', maxPoints: 3 },
          ],
        },
        { code: '2', title: 'B', maxPoints: 5 },
      ],
    })
    expect(r.ok ? [] : r.issues.map((i) => i.message.vi)).toEqual([
      'Tổng điểm tối đa của các tiêu chí con của "1" là 5, khác điểm tối đa 5,5',
      'Tổng điểm tối đa các lĩnh vực là 10,5, khác thang điểm 10 của bộ chỉ số',
    ])
  })
  test('two bands on one decimal minimum: ngưỡng 82,5', () => {
    const r = safeCompilePack({
      id: 'b/b',
      version: '1.0.0',
      title: 'B',
      criteria: [{ code: '1', title: 'A', maxPoints: 1 }],
      bands: [
        { code: 'a', label: 'A', min: 82.5 },
        { code: 'b', label: 'B', min: '82.50' },
      ],
    })
    expect(r.ok ? [] : r.issues.map((i) => i.message.vi)).toEqual(['Bảng xếp loại không hợp lệ: hai mức cùng ngưỡng 82,5'])
  })
})
