// Problems the fuzz harness (scripts/fuzz.mjs, docs/fuzz.md) found in the engine, each kept
// here as the smallest input that showed it.
import { describe, expect, test } from 'vitest'
import { checkInputLimits, compilePack, createRegistry, evaluate, INPUT_LIMITS, recalculate, type PackInput } from '@chiso/core'
import { safeRunPackTests } from '@chiso/core/analysis'

describe('a criterion code or fact name near the string limit', () => {
  // fuzz seed 2, case 39: a pack whose leaf code is 100,000 characters long compiles, but
  // the flag messages quoted the code whole, so the record toJSON() wrote held a message
  // past the string limit and recalculate refused it (string_too_long)
  const long = (c: string): string => c.repeat(INPUT_LIMITS.stringLength)
  const pack: PackInput = {
    id: 'fuzz/long-names',
    version: '1.0.0',
    title: 'Tên dài',
    scale: 3,
    criteria: [
      { code: long('a'), title: 'Tự chấm', maxPoints: 1, rule: { kind: 'manual' } },
      { code: 'b', title: 'Minh chứng', maxPoints: 1, rule: { kind: 'manual' }, evidence: { required: true } },
      { code: long('c'), title: 'Tỷ lệ', maxPoints: 1, rule: { kind: 'ratio', numerator: long('n'), denominator: long('d') } },
    ],
  }
  const registry = createRegistry([pack])
  const compiled = compilePack(pack)

  test('the record of every flag recalculates as identical, the names cut in the messages', () => {
    const r = evaluate(compiled, { unitId: 'xa-a', period: '2024', selfScores: { b: 1 }, facts: { [long('n')]: 5, [long('d')]: 4 } })
    expect(r.flags.map((f) => f.code).sort()).toEqual(['inconsistent_data', 'missing_evidence', 'missing_input'])
    const record = JSON.parse(JSON.stringify(r))
    expect(checkInputLimits(record)).toEqual([])
    expect(recalculate(record, { registry }).identical).toBe(true)
    const missing = r.flags.find((f) => f.code === 'missing_input')!
    expect(missing.criterion).toBe(long('a'))
    expect(missing.message.en).toBe(`"${'a'.repeat(40)}… (100000)" has no self score or facts: scored 0`)
    expect(r.flags.find((f) => f.code === 'inconsistent_data')!.message.en).toContain(`numerator ${'n'.repeat(40)}… (100000) = 5`)
  })

  test('short codes are quoted whole, as before', () => {
    const r = evaluate(compiled, { unitId: 'xa-a', period: '2024', selfScores: { b: 1 } })
    expect(r.flags.find((f) => f.code === 'missing_evidence')!.message.vi).toBe('"b" thiếu tài liệu kiểm chứng (0/1)')
  })
})

describe('safeRunPackTests on a value that cannot be shown', () => {
  // fuzz seed 1, case 58002: a pack test whose unitId is a list holding an object with its
  // own "toString" (as JSON.parse makes it) made safeRunPackTests throw a TypeError
  // ("Cannot convert object to primitive value") instead of returning issues
  test('returns issues, never throws', () => {
    const compiled = compilePack({ id: 'fuzz/one', version: '1.0.0', title: 'Một', scale: 1, criteria: [{ code: '1', title: 'Một', maxPoints: 1, rule: { kind: 'manual' } }] })
    const odd = JSON.parse('{"toString": "x", "kind": [1]}')
    const file = { pack: 'fuzz/one', cases: [{ name: 'a', assessment: { unitId: [[0, odd]], selfScores: { '1': 1 } }, expect: { total: 1 } }] }
    const r = safeRunPackTests(compiled, file)
    // the file runs: its case fails because the assessment is refused, and the failure line
    // shows the odd id without calling anything on it
    expect(r.ok, JSON.stringify(r)).toBe(true)
    if (!r.ok) return
    const [only] = r.value.cases
    expect(only!.ok).toBe(false)
    expect(only!.failures.map((f) => f.field)).toEqual(['issues'])
    expect(only!.failures[0]!.unitId).toBe('[…]')
    expect(only!.issues.map((i) => i.code)).not.toContain('unexpected_error')
  })
})
