/**
 * Messages are whole sentences in each language, said from the problem's data: no English
 * word in a Vietnamese message (a type name "record", "Infinity", zod's own English), no
 * zod wording in an English one ("Invalid option: expected one of …", "Too small: …"), no
 * blank where a value should be; and a number written with a decimal comma ("12,5") is
 * refused saying how to write it.
 */
import { describe, expect, test } from 'vitest'
import * as z from 'zod'
import { compilePack, createRegistry, issueMessage, safeCompilePack, safeEvaluate, safeRecalculate, type ChisoIssue } from '@chiso/core'
import { issuesFromZod } from '@chiso/core/schemas'

const ENGLISH_IN_VI = /\b(record|Infinity|NaN|JSON value|Invalid|Too small|Too big|expected|number|string|array|object)\b/
const ZOD_ENGLISH = /Invalid (input|option):|Too (small|big):|expected one of|\|"/

const pack = compilePack({
  id: 'w/w',
  version: '1.0.0',
  title: 'W',
  scale: 10,
  criteria: [
    { code: '1', title: 'A', maxPoints: 5, rule: { kind: 'steps', fact: 'y', steps: [{ min: 10, points: 5 }] } },
    { code: '2', title: 'B', maxPoints: 5 },
  ],
})

function issuesOf(r: { ok: true } | { ok: false; issues: readonly ChisoIssue[] }): readonly ChisoIssue[] {
  expect(r.ok).toBe(false)
  return r.ok ? [] : r.issues
}

describe('Vietnamese messages hold no English words', () => {
  test('facts that are a list, not an object: cần đối tượng', () => {
    const [i] = issuesOf(safeEvaluate(pack, { unitId: 'u', period: '2024', facts: [] }))
    expect(i!.message.vi).toBe('Sai kiểu dữ liệu: cần đối tượng, nhận được danh sách')
    expect(i!.params).toEqual({ expected: 'record', received: 'array' })
  })

  test('a non-finite number: vô cực, không phải số', () => {
    expect(issueMessage('not_finite_number', { value: Number.POSITIVE_INFINITY }, 'vi')).toBe('Cần số hữu hạn, nhận được vô cực')
    expect(issueMessage('not_finite_number', { value: Number.NEGATIVE_INFINITY }, 'vi')).toBe('Cần số hữu hạn, nhận được âm vô cực')
    expect(issueMessage('not_finite_number', { value: Number.NaN }, 'vi')).toBe('Cần số hữu hạn, nhận được giá trị không phải số')
    const [i] = issuesOf(safeEvaluate(pack, { unitId: 'u', period: '2024', facts: { y: Number.POSITIVE_INFINITY } }))
    expect(i!.message.vi).not.toMatch(ENGLISH_IN_VI)
  })

  test("the kernels' disagreement names the field in Vietnamese", () => {
    expect(issueMessage('kernel_disagreement', { unitId: 'x', node: 'total', what: 'points', fast: '1.5', exact: '2' }, 'vi')).toBe(
      'Bộ tính nhanh và bộ tính chính xác cho kết quả khác nhau ở đơn vị "x", tiêu chí "total" (điểm: 1,5 so với 2)',
    )
    expect(issueMessage('kernel_disagreement', { unitId: 'x', node: 'total', what: 'input', fast: 'scored', exact: 'refused' }, 'vi')).toContain('(dữ liệu đầu vào: chấm được so với bị từ chối)')
  })

  test('a value that is no JSON (a bigint): giá trị JSON in Vietnamese words', () => {
    const [i] = issuesOf(safeEvaluate(pack, { unitId: 'u', period: '2024', facts: { y: 10n } }))
    expect(i!.code).toBe('invalid_type')
    expect(i!.message.vi).toBe('Sai kiểu dữ liệu: cần giá trị JSON (số, chuỗi ký tự, giá trị đúng/sai, null, danh sách hoặc đối tượng), nhận được số nguyên lớn')
  })
})

describe("zod's problems said from their data, in both languages", () => {
  test('an empty list: the value shown, at least 1 item', () => {
    const [i] = issuesOf(safeEvaluate(pack, { unitId: 'u', period: '2024', evidence: [{ id: 'd', criteria: [] }] }))
    expect(i!.path).toEqual(['evidence', 0, 'criteria'])
    expect(i!.message.vi).toBe('Giá trị không hợp lệ: [] (cần ít nhất 1 phần tử)')
    expect(i!.message.en).toBe('Invalid value: [] (at least 1 item)')
  })

  test('an option not in the list: must be one of', () => {
    const issues = issuesOf(safeCompilePack({ id: 'a/b', version: '1.0.0', title: 'T', criteria: [{ code: '1', title: 'A', maxPoints: 1 }], rounding: { leaf: { decimals: 2, mode: 'half_up' } } }))
    const i = issues.find((x) => x.path.join('.') === 'rounding.leaf.mode')!
    expect(i.message.vi).toBe('Giá trị không hợp lệ: "half_up" (phải là một trong: "half-up", "half-even", "down", "up")')
    expect(i.message.en).toBe('Invalid value: "half_up" (must be one of: "half-up", "half-even", "down", "up")')
  })

  test('a missing literal field is a missing field; a wrong one must be that literal', () => {
    const registry = createRegistry([])
    const missing = issuesOf(safeRecalculate({}, { registry }))
    const kind = missing.find((x) => x.path.join('.') === 'kind')!
    expect(kind.code).toBe('missing_field')
    const wrong = issuesOf(safeRecalculate({ kind: 'other' }, { registry }))
    const k = wrong.find((x) => x.path.join('.') === 'kind')!
    expect(k.message.vi).toBe('Giá trị không hợp lệ: "other" (phải là "chiso.unit-result")')
    expect(k.message.en).toBe('Invalid value: "other" (must be "chiso.unit-result")')
  })

  test('any zod schema: numbers, lengths, formats in words; Vietnamese bounds with a decimal comma', () => {
    const S = z.strictObject({ a: z.number().min(0.5), b: z.string().min(2), c: z.array(z.string()).max(1), d: z.number().multipleOf(0.25), e: z.iso.date() })
    const body = { a: 0.25, b: 'x', c: ['p', 'q'], d: 0.3, e: '2025-02-30' }
    const r = S.safeParse(body)
    expect(r.success).toBe(false)
    const issues = r.success ? [] : issuesFromZod(r.error.issues, body)
    const by = Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]))
    expect(by.a).toEqual({ vi: 'Giá trị không hợp lệ: 0,25 (phải ≥ 0,5)', en: 'Invalid value: 0.25 (must be ≥ 0.5)' })
    expect(by.b).toEqual({ vi: 'Giá trị không hợp lệ: "x" (cần ít nhất 2 ký tự)', en: 'Invalid value: "x" (at least 2 characters)' })
    expect(by.c).toEqual({ vi: 'Giá trị không hợp lệ: ["p","q"] (tối đa 1 phần tử)', en: 'Invalid value: ["p","q"] (at most 1 item)' })
    expect(by.d).toEqual({ vi: 'Giá trị không hợp lệ: 0,3 (phải là bội số của 0,25)', en: 'Invalid value: 0.3 (must be a multiple of 0.25)' })
    expect(by.e).toEqual({ vi: 'Giá trị không hợp lệ: "2025-02-30" (phải là ngày có thật, dạng YYYY-MM-DD)', en: 'Invalid value: "2025-02-30" (must be a real date, YYYY-MM-DD)' })
    for (const i of issues) expect(i.message.en, i.path.join('.')).not.toMatch(ZOD_ENGLISH)
  })
})

describe('a number fact written with a decimal comma', () => {
  test('"12,5" is refused, saying to write 12.5; "12.5" is read', () => {
    const ok = safeEvaluate(pack, { unitId: 'u', period: '2024', facts: { y: '12.5' } })
    expect(ok.ok).toBe(true)
    const [i] = issuesOf(safeEvaluate(pack, { unitId: 'u', period: '2024', facts: { y: '12,5' } }))
    expect(i!.code).toBe('invalid_type')
    expect(i!.path).toEqual(['facts', 'y'])
    expect(i!.message.vi).toBe('Sai kiểu dữ liệu: cần số, nhận được chuỗi ký tự "12,5": viết số thập phân với dấu chấm: 12.5')
    expect(i!.message.en).toBe('Wrong type: expected number, received string "12,5": write the decimal with a point: 12.5')
  })

  test('other text stays a plain wrong type', () => {
    const [i] = issuesOf(safeEvaluate(pack, { unitId: 'u', period: '2024', facts: { y: 'mười' } }))
    expect(i!.message.vi).toBe('Sai kiểu dữ liệu: cần số, nhận được chuỗi ký tự')
  })
})
