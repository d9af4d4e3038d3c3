/**
 * Acceptance 7: every problem at once, each with a snake_case code, a path, the offending
 * value and a message in Vietnamese and English; safe* variants; one test per code.
 */
import { describe, expect, it } from 'vitest'
import { ChisoError, compilePack, createRegistry, createUnitRegistry, evaluate, safeCompilePack, safeEvaluate, type ChisoIssue, type PackInput } from '@chiso/core'

const okPack: PackInput = {
  id: 'err/x',
  version: '1.0.0',
  title: 'Errors',
  criteria: [
    {
      code: '1',
      title: 'A',
      maxPoints: 2,
      children: [
        { code: '1.1', title: 'a', maxPoints: 1, rule: { kind: 'manual', step: 0.25 } },
        { code: '1.2', title: 'b', maxPoints: 1 },
      ],
    },
    { code: '2', title: 'B', maxPoints: 3 },
  ],
}
const pack = compilePack(okPack)

/** every issue is well-formed */
function wellFormed(issues: readonly ChisoIssue[]): void {
  expect(issues.length).toBeGreaterThan(0)
  for (const i of issues) {
    expect(i.code).toMatch(/^[a-z]+(_[a-z]+)*$/)
    expect(Array.isArray(i.path)).toBe(true)
    expect(i.message.vi.length).toBeGreaterThan(0)
    expect(i.message.en.length).toBeGreaterThan(0)
    expect(i.message.vi).not.toBe(i.message.en)
    expect(i.message.en).not.toMatch(/undefined|\[object Object\]/)
    expect(i.message.vi).not.toMatch(/undefined|\[object Object\]/)
  }
}
function packIssues(input: unknown): ChisoIssue[] {
  const r = safeCompilePack(input)
  expect(r.ok).toBe(false)
  if (r.ok) return []
  wellFormed(r.issues)
  return [...r.issues]
}
function assessmentIssues(input: unknown): ChisoIssue[] {
  const r = safeEvaluate(pack, input)
  expect(r.ok).toBe(false)
  if (r.ok) return []
  wellFormed(r.issues)
  return [...r.issues]
}
const brief = (is: ChisoIssue[]) => is.map((i) => ({ code: i.code, path: i.path.join('.'), value: i.value }))
const a = (x: Record<string, unknown>) => ({ unitId: 'u', period: '2024', ...x })

describe('assessment problems, one code each', () => {
  it('unknown criterion code', () => {
    expect(brief(assessmentIssues(a({ selfScores: { '9.9': 1 } })))).toEqual([{ code: 'unknown_criterion', path: 'selfScores.9.9', value: '9.9' }])
  })
  it('score above max', () => {
    const is = assessmentIssues(a({ selfScores: { '2': 3.5 } }))
    expect(brief(is)).toEqual([{ code: 'score_above_max', path: 'selfScores.2', value: 3.5 }])
    expect(is[0]!.message.en).toContain('3.5')
    expect(is[0]!.message.vi).toContain('3,5')
  })
  it('negative score', () => {
    expect(brief(assessmentIssues(a({ selfScores: { '2': -0.5 } })))).toEqual([{ code: 'score_negative', path: 'selfScores.2', value: -0.5 }])
  })
  it('not a multiple of the step', () => {
    const is = assessmentIssues(a({ selfScores: { '1.1': '0.3' } }))
    expect(brief(is)).toEqual([{ code: 'score_not_multiple_of_step', path: 'selfScores.1.1', value: '0.3' }])
    expect(is[0]!.message.en).toContain('0.25')
  })
  it('NaN or Infinity', () => {
    const is = assessmentIssues(a({ selfScores: { '2': Number.NaN }, facts: { x: Number.POSITIVE_INFINITY } }))
    expect(brief(is).sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { code: 'not_finite_number', path: 'facts.x', value: Number.POSITIVE_INFINITY },
      { code: 'not_finite_number', path: 'selfScores.2', value: Number.NaN },
    ])
  })
  it('a score on an inner node', () => {
    expect(brief(assessmentIssues(a({ selfScores: { '1': 1 } })))).toEqual([{ code: 'not_a_leaf', path: 'selfScores.1', value: '1' }])
  })
  it('wrong types and unknown fields', () => {
    expect(brief(assessmentIssues({ unitId: 5, period: '2024', extra: true }))).toEqual([
      { code: 'invalid_type', path: 'unitId', value: 5 },
      { code: 'unknown_field', path: 'extra', value: true },
    ])
  })
  it('a long assessment reports every problem at once', () => {
    const is = assessmentIssues(a({ selfScores: { '9': 1, '2': 4, '1.2': -1, '1.1': 0.1 }, explanations: { nope: 'x' }, evidence: [{ id: 'e', criteria: ['7'] }] }))
    expect(is.map((i) => i.code).sort()).toEqual(['score_above_max', 'score_negative', 'score_not_multiple_of_step', 'unknown_criterion', 'unknown_criterion', 'unknown_evidence_criterion'])
  })
})

describe('pack problems, one code each', () => {
  const leaf = (x: Record<string, unknown>) => ({ ...okPack, criteria: [{ code: '1', title: 'x', maxPoints: 1, ...x }] })
  it('duplicate codes', () => {
    const is = packIssues({ ...okPack, criteria: [...okPack.criteria!, { code: '1.2', title: 'again', maxPoints: 0 }] })
    expect(brief(is)).toEqual([{ code: 'duplicate_code', path: 'criteria.2.code', value: '1.2' }])
    expect(is[0]!.message.en).toContain('criteria.0.children.1')
  })
  it('children not summing to the parent maximum', () => {
    const is = packIssues({
      ...okPack,
      criteria: [
        {
          code: '1',
          title: 'A',
          maxPoints: 2.5,
          children: [
            { code: '1.1', title: 'a', maxPoints: 1 },
            { code: '1.2', title: 'b', maxPoints: '1.25' },
          ],
        },
      ],
    })
    expect(brief(is)).toEqual([{ code: 'children_sum_mismatch', path: 'criteria.0.maxPoints', value: 2.5 }])
    expect(is[0]!.message.en).toContain('2.25')
  })
  it('areas not summing to the declared scale', () => {
    expect(brief(packIssues({ ...okPack, scale: 100 }))).toEqual([{ code: 'scale_mismatch', path: 'scale', value: 100 }])
  })
  it('unknown rule kind', () => {
    expect(brief(packIssues(leaf({ rule: { kind: 'dice' } })))).toEqual([{ code: 'unknown_rule_kind', path: 'criteria.0.rule.kind', value: 'dice' }])
  })
  it('unknown operator', () => {
    expect(brief(packIssues(leaf({ applicability: { fact: 'x', operator: 'matches', value: 'a.*' } })))).toEqual([
      { code: 'unknown_operator', path: 'criteria.0.applicability.operator', value: 'matches' },
    ])
  })
  it('a rule that can award more than the maximum', () => {
    expect(brief(packIssues(leaf({ rule: { kind: 'boolean', points: 2 } })))).toEqual([{ code: 'rule_points_above_max', path: 'criteria.0.rule.points', value: '2' }])
  })
  it('a decimal option that is not a number (division by zero, huge exponent) is an issue, not a crash', () => {
    // 1/0 matches the pattern but is no number; 1e999 is a number past the digit limits
    for (const [bad, code] of [
      ['1/0', 'invalid_decimal'],
      ['1e999', 'number_too_precise'],
    ]) {
      const is = packIssues(leaf({ rule: { kind: 'manual', step: bad } }))
      expect(brief(is)).toEqual([{ code, path: 'criteria.0.rule.step', value: bad }])
      const m = packIssues(leaf({ maxPoints: bad }))
      expect(brief(m)).toEqual([{ code, path: 'criteria.0.maxPoints', value: bad }])
    }
  })
  it('NaN in a pack', () => {
    expect(brief(packIssues({ ...okPack, scale: Number.NaN }))).toEqual([{ code: 'not_finite_number', path: 'scale', value: Number.NaN }])
  })
})

describe('forbidden keys: __proto__, constructor, prototype, anywhere', () => {
  it('in a pack, as own keys made by JSON.parse', () => {
    const json = JSON.parse('{"id":"err/x","version":"1.0.0","title":"x","criteria":[{"code":"1","title":"x","maxPoints":1,"rule":{"kind":"manual","__proto__":{"polluted":true}}}]}') as unknown
    const is = packIssues(json)
    expect(brief(is).filter((i) => i.code === 'forbidden_key')).toEqual([{ code: 'forbidden_key', path: 'criteria.0.rule.__proto__', value: { polluted: true } }])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
  it.each(['__proto__', 'constructor', 'prototype'])('%s in a pack, at the top, in a criterion, in a rule, in a condition value', (key) => {
    const json = JSON.parse(
      `{"id":"err/x","version":"1.0.0","title":"x","${key}":1,"criteria":[{"code":"1","title":"x","maxPoints":1,"${key}":{},` +
        `"rule":{"kind":"conditions","${key}":2,"branches":[{"when":{"fact":"a","operator":"equal","value":{"${key}":3}},"points":1}]}}]}`,
    ) as unknown
    const is = packIssues(json)
    expect(
      brief(is)
        .filter((i) => i.code === 'forbidden_key')
        .map((i) => [i.path, i.value]),
    ).toEqual([
      [key, 1],
      [`criteria.0.${key}`, {}],
      [`criteria.0.rule.${key}`, 2],
      [`criteria.0.rule.branches.0.when.value.${key}`, 3],
    ])
  })
  it.each(['__proto__', 'constructor', 'prototype'])('%s in an assessment (facts, selfScores, nested)', (key) => {
    const json = JSON.parse(`{"unitId":"u","period":"1","facts":{"${key}":1,"deep":[{"${key}":{"x":1}}]},"selfScores":{"${key}":1}}`) as unknown
    const is = assessmentIssues(json)
    expect(
      brief(is)
        .filter((i) => i.code === 'forbidden_key')
        .map((i) => i.path)
        .sort(),
    ).toEqual([`facts.${key}`, `facts.deep.0.${key}`, `selfScores.${key}`].sort())
    expect(is.every((i) => i.code === 'forbidden_key')).toBe(true)
  })
  it('a value named like a prototype member is not a lookup into Object.prototype', () => {
    // codes / ids such as "toString" are legal; reading them must use own properties only
    const p = compilePack({
      ...okPack,
      criteria: [
        { code: 'toString', title: 't', maxPoints: 2, evidence: { required: true } },
        { code: 'valueOf', title: 'v', maxPoints: 1 },
      ],
      adjustments: [{ id: 'hasOwnProperty', type: 'bonus', title: 'b', target: 'valueOf', amount: { kind: 'entered' } }],
    })
    const r = evaluate(p, { unitId: 'u', period: '1', selfScores: { toString: 2, valueOf: 1 }, adjustments: {}, explanations: {} }, { trace: true })
    // toString lacks evidence → 0 (policy zero); valueOf 1, no bonus entered → 1
    expect(r.node('toString')!.points.toString()).toBe('0')
    expect(r.node('toString')!.trace!.explanation).toBeUndefined()
    expect(r.node('valueOf')!.bonus.toString()).toBe('0')
    expect(r.total.toString()).toBe('1')
  })
})

describe('all problems at once, and the two API shapes', () => {
  it('a pack with several different problems reports all of them in one error', () => {
    const bad = {
      ...okPack,
      criteria: [
        {
          code: '1',
          title: 'A',
          maxPoints: 5,
          children: [
            { code: '1.1', title: 'a', maxPoints: 1, rule: { kind: 'dice' } },
            { code: '1.1', title: 'dup', maxPoints: 1 },
          ],
        },
        { code: '2', title: 'B', maxPoints: 3, applicability: { fact: 'x', operator: 'like', value: 1 } },
        { code: '3', title: 'C', maxPoints: 1, rule: { kind: 'conditions', branches: [{ when: { fact: 'x', operator: 'equal', value: 1, path: '$..x' }, points: 2 }] } },
      ],
      adjustments: [{ id: 'z', type: 'bonus', title: 'z', target: '9', amount: { kind: 'fixed', points: 1 } }],
    }
    let err: unknown
    try {
      compilePack(bad)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ChisoError)
    const issues = (err as ChisoError).issues
    wellFormed(issues)
    expect(brief([...issues]).map((i) => [i.code, i.path])).toEqual([
      ['unknown_rule_kind', 'criteria.0.children.0.rule.kind'],
      ['duplicate_code', 'criteria.0.children.1.code'],
      ['children_sum_mismatch', 'criteria.0.maxPoints'],
      ['unknown_operator', 'criteria.1.applicability.operator'],
      ['invalid_fact_path', 'criteria.2.rule.branches.0.when.path'],
      ['rule_points_above_max', 'criteria.2.rule.branches.0.points'],
      ['unknown_adjustment_target', 'adjustments.0.target'],
    ])
    // the message lists them too
    expect((err as ChisoError).message).toContain('7 problem(s)')
    expect(safeCompilePack(bad)).toEqual({ ok: false, issues })
  })

  it('schema problems are reported all together too', () => {
    const is = packIssues({ id: 'Bad Id', version: 'x', criteria: [{ code: '', title: 1, maxPoints: 'many' }], ranking: { method: 'olympic' } })
    expect(
      brief(is)
        .map((i) => [i.code, i.path])
        .sort(),
    ).toEqual(
      [
        ['invalid_value', 'id'],
        ['invalid_version', 'version'],
        ['missing_field', 'title'],
        ['invalid_value', 'criteria.0.code'],
        ['invalid_type', 'criteria.0.title'], // neither text nor { vi, en }
        ['invalid_value', 'criteria.0.maxPoints'],
        ['invalid_value', 'ranking.method'],
      ].sort(),
    )
  })

  it('tree problems are reported together with schema problems', () => {
    const is = packIssues({
      id: 'err/x',
      version: '1.0.0',
      // title missing: a schema problem
      criteria: [
        {
          code: '1',
          title: 'A',
          maxPoints: 3,
          children: [
            { code: '1.1', title: 'a', maxPoints: 1, rule: { kind: 'dice' } },
            { code: '1.1', title: 'b', maxPoints: 1 },
          ],
        },
        { code: '2', title: 'B', maxPoints: 2, children: [{ code: '2.1', title: 'a', maxPoints: 'lots' }] }, // unreadable child: no sum check
        { code: '3', title: 3, maxPoints: 1 },
      ],
    })
    expect(brief(is).map((i) => [i.code, i.path])).toEqual([
      ['missing_field', 'title'],
      ['invalid_value', 'criteria.1.children.0.maxPoints'],
      ['invalid_type', 'criteria.2.title'],
      ['unknown_rule_kind', 'criteria.0.children.0.rule.kind'],
      ['duplicate_code', 'criteria.0.children.1.code'],
      ['children_sum_mismatch', 'criteria.0.maxPoints'],
    ])
  })

  it("a problem outside the criteria (a version, an unknown field) hides none of the rules' problems", () => {
    // a pack whose rules hold four problems; the same with a bad version and an unknown field
    const sound = {
      id: 'my/pack',
      version: '1.0.0',
      title: 'Bộ của tôi',
      scale: 10,
      criteria: [
        {
          code: '1',
          title: 'Khu vực 1',
          maxPoints: 5,
          children: [
            { code: '1.1', title: 'A', maxPoints: 2.5, rule: { kind: 'steps', fact: 'y', steps: [{ min: 'ten', points: 1 }] } },
            { code: '1.2', title: 'B', maxPoints: 2.5, rule: { kind: 'ratio', numerator: 'a' } },
          ],
        },
        { code: '2', title: 'Khu vực 2', maxPoints: 4, rule: { kind: 'choice', fact: 'z', options: [{ value: 'a', points: 5 }] } },
      ],
    }
    const is = packIssues({ ...sound, version: '1.0', extra: true })
    const found = brief(is).map((i) => [i.code, i.path])
    // the shape's own problems first, then every problem of the tree, rules and scale
    expect(found.slice(0, 2)).toEqual([
      ['invalid_version', 'version'],
      ['unknown_field', 'extra'],
    ])
    const paths = found.slice(2).map((f) => f[1])
    expect(paths).toContain('criteria.0.children.0.rule.steps.0.min')
    expect(paths.some((p) => p!.startsWith('criteria.0.children.1.rule'))).toBe(true)
    expect(paths.some((p) => p!.startsWith('criteria.1.rule.options.0.points'))).toBe(true)
    expect(found).toContainEqual(['scale_mismatch', 'scale'])
    // the same list as once the version and the field are fixed, less their two problems
    const fixed = packIssues(sound)
    expect(found.slice(2)).toEqual(brief(fixed).map((i) => [i.code, i.path]))
  })

  it('safeEvaluate returns { ok: false, issues }, evaluate throws a ChisoError with the same issues', () => {
    const input = a({ selfScores: { '2': 9, '9': 1 } })
    const r = safeEvaluate(pack, input)
    expect(r.ok).toBe(false)
    expect(() => evaluate(pack, input)).toThrow(ChisoError)
    try {
      evaluate(pack, input)
    } catch (e) {
      expect(r.ok ? [] : r.issues).toEqual((e as ChisoError).issues)
    }
    const ok = safeEvaluate(pack, a({ selfScores: { '2': 3 } }))
    expect(ok.ok && ok.value.total.toString()).toBe('3')
  })
})

describe('a long value is shortened in every message that names it', () => {
  // a 100,000-character value: within the input limits (MAX_STRING_LENGTH), so it reaches the checks
  const L = `x${'ý'.repeat(99_998)}z`
  const messages = (issues: readonly ChisoIssue[]): string[] => issues.flatMap((i) => [i.message.vi, i.message.en])
  const short = (issues: readonly ChisoIssue[], where: string): void => {
    expect(issues.length, where).toBeGreaterThan(0)
    for (const m of messages(issues)) expect(m.length, `${where}: ${m.slice(0, 120)}…`).toBeLessThan(1_000)
    // the shortened value says how long it was
    expect(
      messages(issues).some((m) => m.includes('(100000)') || m.includes('100000')),
      where,
    ).toBe(true)
  }
  const leaf = (code: string, extra: Record<string, unknown> = {}) => ({ code, title: 'T', maxPoints: 1, ...extra })
  const packWith = (criteria: unknown[], more: Record<string, unknown> = {}) => ({ id: 'err/long', version: '1.0.0', title: 'Long', criteria, ...more })

  it('in a pack', () => {
    const cases: [string, unknown][] = [
      ['duplicate code', packWith([leaf(L), leaf(L)])],
      ['unknown rule kind', packWith([leaf('1', { rule: { kind: L } })])],
      [
        'duplicate choice value',
        packWith([
          leaf('1', {
            rule: {
              kind: 'choice',
              options: [
                { value: L, points: 1 },
                { value: L, points: 0 },
              ],
            },
          }),
        ]),
      ],
      [
        'duplicate band code',
        packWith([leaf('1')], {
          bands: [
            { code: L, label: 'A', min: 50 },
            { code: L, label: 'B', min: 0 },
          ],
        }),
      ],
      ['bad id', { ...packWith([leaf('1')]), id: L.toUpperCase() }],
      ['unknown condition operator', packWith([leaf('1', { rule: { kind: 'conditions', branches: [{ when: { all: [{ fact: 'a', operator: L, value: 1 }] }, points: 1 }] } })])],
    ]
    for (const [where, input] of cases) {
      const r = safeCompilePack(input)
      expect(r.ok, where).toBe(false)
      if (!r.ok) short(r.issues, where)
    }
  })

  it('in an assessment', () => {
    const choicePack = compilePack(
      packWith([
        leaf('1', {
          rule: {
            kind: 'choice',
            fact: 'plan',
            options: [
              { value: 'on-time', points: 1 },
              { value: 'none', points: 0 },
            ],
          },
        }),
        leaf('2'),
      ]) as PackInput,
    )
    const cases: [string, unknown][] = [
      ['unknown criterion in selfScores', { unitId: 'u', period: '2024', selfScores: { [L]: 1 } }],
      ['a score that is no number', { unitId: 'u', period: '2024', selfScores: { '2': L } }],
      ['unknown criterion in explanations', { unitId: 'u', period: '2024', explanations: { [L]: 'x' } }],
      ['unknown criterion in evidence', { unitId: 'u', period: '2024', evidence: [{ id: 'e', criteria: [L] }] }],
      ['unknown criterion in an appraisal', { unitId: 'u', period: '2024', appraisals: [{ round: 1, reviewer: 'T', at: '2024-01-01', changes: [{ code: L, points: 1, reason: 'r' }] }] }],
      ['a choice value not allowed', { unitId: 'u', period: '2024', facts: { plan: L } }],
      ['a survey for an unknown criterion', { unitId: 'u', period: '2024', survey: { [L]: { points: 1 } } }],
    ]
    for (const [where, input] of cases) {
      const r = safeEvaluate(choicePack, input)
      const issues = r.ok ? r.value.flags.map((f) => ({ code: f.code, path: [], message: f.message }) as unknown as ChisoIssue) : r.issues
      short(issues, where)
    }
  })

  it('in units, registries and compositions', () => {
    const thrown = (f: () => unknown): ChisoIssue[] => {
      try {
        f()
      } catch (e) {
        if (e instanceof ChisoError) return [...e.issues]
        throw e
      }
      return []
    }
    const id = 'a'.repeat(100_000) // a valid pack or unit id, just long
    short(
      thrown(() =>
        createUnitRegistry([
          { id, name: 'A', kind: 'commune' },
          { id, name: 'B', kind: 'commune' },
        ]),
      ),
      'duplicate unit',
    )
    short(
      thrown(() => createUnitRegistry([{ id: 'u', name: 'U', kind: 'commune', predecessors: [L] }])),
      'unknown predecessor',
    )
    const pack = packWith([leaf('1')])
    short(
      thrown(() =>
        createRegistry([
          { ...pack, id },
          { ...pack, id },
        ]),
      ),
      'duplicate pack',
    )
    const registry = createRegistry([pack])
    const unknown = registry.safeCompile(id)
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) short(unknown.issues, 'unknown pack')
    const base = createRegistry([{ ...pack, id: 'err/child', extends: { id } }])
    const child = base.safeCompile('err/child')
    expect(child.ok).toBe(false)
    if (!child.ok) short(child.issues, 'base pack not found')
  })
})
