/**
 * Problems are said whole in each language: a Vietnamese message holds no English (zod's
 * words, a check's hint, a type name), an English one no Vietnamese; and one answer lists
 * every problem of an input, those the schema finds and those the pack finds in the rest.
 */
import { describe, expect, it } from 'vitest'
import { compilePack, safeEvaluate, safeEvaluateBatch, type ChisoIssue } from '@chiso/core'

const pack = compilePack({
  id: 'messages/x',
  version: '1.0.0',
  title: 'M',
  criteria: [
    { code: '1', title: 'A', maxPoints: 1 },
    { code: '2', title: 'B', maxPoints: 1 },
  ],
})
const base = { unitId: 'u1', period: '2024' }

// zod's English, the English of the schema's own hints, JSON's type names
const ENGLISH = /\b(Invalid|invalid|expected|Expected|received|Too small|Too big|must|number|string|decimal|e\.g\.|array|object|boolean)\b/
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i

function problems(input: unknown): readonly ChisoIssue[] {
  const r = safeEvaluate(pack, input)
  expect(r.ok).toBe(false)
  return r.ok ? [] : r.issues
}

describe('each message in one language', () => {
  const cases: Record<string, unknown> = {
    'a self score that is no decimal': { ...base, selfScores: { '1': 'abc' } },
    'a negative maximum-bound text': { ...base, selfScores: { '1': -1 } },
    'a date that does not exist': { ...base, unit: { id: 'u1', name: 'U', kind: 'xa', validFrom: '2025-13-40' } },
    'a value of the wrong type': { ...base, facts: { f: 1 }, evidence: [{ id: 7, criteria: ['1'] }] },
    'an appraisal round of 0': { ...base, appraisals: [{ round: 0, reviewer: 'r', changes: [{ code: '1', points: 1, reason: 'x' }] }] },
    'an empty unit name': { ...base, unit: { id: 'u1', name: '', kind: 'xa' } },
    'a bad sha256': { ...base, evidence: [{ id: 'd', criteria: ['1'], sha256: 'abc' }] },
  }
  for (const [what, input] of Object.entries(cases)) {
    it(`${what}: Vietnamese without English, English without Vietnamese`, () => {
      const issues = problems(input)
      expect(issues.length).toBeGreaterThan(0)
      for (const i of issues) {
        // quoted values are the input's own text
        const vi = i.message.vi.replace(/"[^"]*"/g, '""')
        const en = i.message.en.replace(/"[^"]*"/g, '""')
        expect(vi, `${i.code} at ${i.path.join('.')}`).not.toMatch(ENGLISH)
        expect(en, `${i.code} at ${i.path.join('.')}`).not.toMatch(VIETNAMESE)
      }
    })
  }

  it('says what was wrong in both languages, not only that it was', () => {
    const [date] = problems(cases['a date that does not exist'])
    expect(date!.message.vi).toContain('YYYY-MM-DD')
    const [type] = problems(cases['a value of the wrong type'])
    expect(type!.message.vi).toBe('Sai kiểu dữ liệu: cần chuỗi ký tự, nhận được số')
    expect(type!.message.en).toBe('Wrong type: expected string, received number')
    expect(type!.params).toEqual({ expected: 'string', received: 'number' })
    const [round] = problems(cases['an appraisal round of 0'])
    expect(round!.message.vi).toContain('phải > 0')
  })
})

describe('one answer lists every problem', () => {
  // 2 is no decimal (the schema says so); 1 is above its maximum and zz is no criterion (the pack says so)
  const input = { ...base, selfScores: { '1': 5, '2': 'abc', zz: 1 } }
  const expected = [
    ['invalid_value', ['selfScores', '2']],
    ['score_above_max', ['selfScores', '1']],
    ['unknown_criterion', ['selfScores', 'zz']],
  ]

  it('evaluate: the schema’s problems and the pack’s', () => {
    expect(problems(input).map((i) => [i.code, i.path])).toEqual(expected)
  })

  it('a batch: the same, at the unit’s position, beside another unit’s problems', () => {
    const r = safeEvaluateBatch(pack, [{ ...base, unitId: 'u0', selfScores: { '1': 2 } }, input])
    expect(r.ok).toBe(false)
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['score_above_max', [0, 'selfScores', '1']], ...expected.map(([c, p]) => [c, [1, ...(p as string[])]])])
  })

  it('a refused value that cannot be left out leaves the schema’s problems alone', () => {
    // unitId is required: without it nothing can be checked against the pack
    const r = problems({ ...input, unitId: 5 })
    expect(r.map((i) => [i.code, i.path])).toEqual([
      ['invalid_type', ['unitId']],
      ['invalid_value', ['selfScores', '2']],
    ])
  })
})

describe('issuesFromZod: zod problems as chiso issues, for schemas outside core too', () => {
  it('gives typed codes at paths under the base, with a message in each language and no English in the Vietnamese', async () => {
    const { AssessmentSchema, issuesFromZod } = await import('../src/schemas.js')
    const body = { unitId: 7, period: '2024', extra: 1 }
    const r = AssessmentSchema.safeParse(body)
    expect(r.success).toBe(false)
    if (r.success) return
    const issues = issuesFromZod(r.error.issues, body, ['body'])
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_type', ['body', 'unitId']],
      ['unknown_field', ['body', 'extra']],
    ])
    expect(issues[0]!.message).toEqual({ vi: 'Sai kiểu dữ liệu: cần chuỗi ký tự, nhận được số', en: 'Wrong type: expected string, received number' })
    expect(issues[1]!.message.vi).toBe('Trường không được hỗ trợ "extra"')
    // a missing required field is named as missing, not as a wrong type
    const missing = AssessmentSchema.safeParse({ period: '2024' })
    if (missing.success) throw new Error('parsed')
    expect(issuesFromZod(missing.error.issues, { period: '2024' }).map((i) => [i.code, i.path])).toEqual([['missing_field', ['unitId']]])
  })
})
