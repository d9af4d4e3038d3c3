/**
 * Acceptance 2: each built-in rule kind, and unknown kinds reported at compile time.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePack, evaluate, Exact, safeCompilePack, safeEvaluate, type CriterionInput } from '@chiso/core'

/** a pack with one leaf "1" of `max` points carrying `rule` */
function leafPack(rule: Record<string, unknown> & { kind: string }, max: number | string, extra: Partial<CriterionInput> = {}) {
  return compilePack({ id: 'rules/one', version: '1.0.0', title: 'Rules', criteria: [{ code: '1', title: 'Leaf', maxPoints: max, rule, ...extra }] })
}
function score(pack: ReturnType<typeof leafPack>, a: Record<string, unknown>) {
  const r = evaluate(pack, { unitId: 'u', period: '2024', ...a })
  return { points: r.node('1')!.points.toString(), flags: r.flags.map((f) => f.code), branch: r.node('1')!.trace?.branch }
}
function issuesOf(pack: ReturnType<typeof leafPack>, a: Record<string, unknown>) {
  const r = safeEvaluate(pack, { unitId: 'u', period: '2024', ...a })
  return r.ok ? [] : r.issues.map((i) => ({ code: i.code, path: i.path }))
}

describe('manual', () => {
  const p = leafPack({ kind: 'manual', step: 0.25 }, 2)
  it('takes the entered score, exactly', () => {
    expect(score(p, { selfScores: { '1': 1.75 } }).points).toBe('1.75')
    expect(score(p, { selfScores: { '1': '0.5' } }).points).toBe('0.5')
  })
  it('no score → 0 with a missing_input flag', () => {
    expect(score(p, {})).toMatchObject({ points: '0', flags: ['missing_input'] })
  })
  it('enforces the step', () => {
    expect(issuesOf(p, { selfScores: { '1': 0.3 } })).toEqual([{ code: 'score_not_multiple_of_step', path: ['selfScores', '1'] }])
  })
})

describe('boolean', () => {
  const p = leafPack({ kind: 'boolean', fact: 'ok', points: 1.5 }, 2)
  it('true → points, false → 0', () => {
    expect(score(p, { facts: { ok: true } }).points).toBe('1.5')
    expect(score(p, { facts: { ok: false } }).points).toBe('0')
  })
  it('only 0 or the points may be entered', () => {
    expect(score(p, { selfScores: { '1': 1.5 } }).points).toBe('1.5')
    expect(issuesOf(p, { selfScores: { '1': 1 } })).toEqual([{ code: 'score_not_allowed', path: ['selfScores', '1'] }])
  })
  it('a non-boolean fact is invalid_type', () => {
    expect(issuesOf(p, { facts: { ok: 'yes' } })).toEqual([{ code: 'invalid_type', path: ['facts', 'ok'] }])
  })
  it('without points the rule gives the maximum', () => {
    expect(score(leafPack({ kind: 'boolean', fact: 'ok' }, 2), { facts: { ok: true } }).points).toBe('2')
  })
})

describe('choice', () => {
  const p = leafPack(
    {
      kind: 'choice',
      fact: 'plan',
      options: [
        { value: 'on-time', points: 1 },
        { value: 'late', points: 0.5 },
        { value: 'none', points: 0 },
      ],
    },
    1,
  )
  it('named options give their points', () => {
    expect(score(p, { facts: { plan: 'on-time' } }).points).toBe('1')
    expect(score(p, { facts: { plan: 'late' } }).points).toBe('0.5')
    expect(score(p, { facts: { plan: 'none' } }).points).toBe('0')
  })
  it('an unknown option is invalid_value; entered scores must be one of the option points', () => {
    expect(issuesOf(p, { facts: { plan: 'soon' } })).toEqual([{ code: 'invalid_value', path: ['facts', 'plan'] }])
    expect(issuesOf(p, { selfScores: { '1': 0.25 } })).toEqual([{ code: 'score_not_allowed', path: ['selfScores', '1'] }])
  })
  it('an option above the maximum is a compile error', () => {
    const r = safeCompilePack({ id: 'x/y', version: '1.0.0', title: 'x', criteria: [{ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'choice', options: [{ value: 'a', points: 2 }] } }] })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['rule_points_above_max', 'criteria.0.rule.options.0.points']])
  })
})

describe('steps', () => {
  const p = leafPack(
    {
      kind: 'steps',
      fact: 'rate',
      steps: [
        { min: 70, points: 1 },
        { min: 90, minExclusive: true, points: 2 },
      ],
      otherwise: 0.25,
    },
    2,
  )
  it('takes the highest threshold met, honouring minExclusive, in any declaration order', () => {
    expect(score(p, { facts: { rate: 95 } }).points).toBe('2')
    expect(score(p, { facts: { rate: 90 } }).points).toBe('1') // > 90 needed for 2
    expect(score(p, { facts: { rate: '90.01' } }).points).toBe('2')
    expect(score(p, { facts: { rate: 70 } }).points).toBe('1')
    expect(score(p, { facts: { rate: 69.99 } }).points).toBe('0.25')
  })
  it('compares exactly: 0.1 + 0.2 reaches a 0.3 threshold', () => {
    const q = leafPack({ kind: 'steps', fact: 'x', steps: [{ min: '0.3', points: 1 }] }, 1)
    expect(score(q, { facts: { x: '0.3' } }).points).toBe('1')
    expect(score(q, { facts: { x: 0.1 + 0.2 } }).points).toBe('1') // 0.30000000000000004 ≥ 0.3
    expect(score(q, { facts: { x: 0.29999999999999998 } }).points).toBe('1') // that literal is the double 0.3
  })
})

describe('steps thresholds compare exactly, for any double', () => {
  /** the double k ulps away from x */
  const ulps = (x: number, k: number): number => {
    const dv = new DataView(new ArrayBuffer(8))
    dv.setFloat64(0, x)
    const bits = dv.getBigInt64(0)
    dv.setBigInt64(0, x >= 0 ? bits + BigInt(k) : bits - BigInt(k))
    return dv.getFloat64(0)
  }
  it('property: the step taken is the one exact decimal comparison picks', () => {
    const threshold = fc.record({ m: fc.integer({ min: -999_999, max: 999_999 }), e: fc.integer({ min: -9, max: 9 }), asText: fc.boolean(), excl: fc.boolean() })
    fc.assert(
      fc.property(
        fc.array(threshold, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: -3, max: 3 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        (ts, which, k, free, near) => {
          const mins = ts.map((t) => (t.asText ? `${t.m}e${t.e}` : Number(`${t.m}e${t.e}`)))
          // distinct exact minima only (equal minima make the table ambiguous)
          const uniq = new Set(mins.map((m) => Exact.from(m).toString()))
          if (uniq.size !== mins.length) return
          const steps = mins.map((min, i) => ({ min, points: `${i + 1}/100`, ...(ts[i]!.excl ? { minExclusive: true } : {}) }))
          const pack = leafPack({ kind: 'steps', fact: 'x', steps }, 1)
          const x = near ? ulps(Number(mins[which % mins.length]!), k) : free
          if (!Number.isFinite(x)) return
          // reference: the highest minimum met, on exact decimals
          const xe = Exact.fromNumber(x)
          let best: { min: Exact; points: string } | undefined
          steps.forEach((st) => {
            const c = xe.cmp(Exact.from(st.min))
            if ((c > 0 || (c === 0 && !st.minExclusive)) && (!best || Exact.from(st.min).gt(best.min))) best = { min: Exact.from(st.min), points: st.points }
          })
          const expected = best ? Exact.from(best.points).toString() : '0'
          expect(score(pack, { facts: { x } }).points).toBe(expected)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('ratio', () => {
  it('numerator ÷ denominator × max, exactly', () => {
    const p = leafPack({ kind: 'ratio', numerator: 'onTime', denominator: 'total' }, 2)
    // 1187/1200 × 2 = 1187/600 (600 = 2³·3·5²: no finite decimal)
    expect(score(p, { facts: { onTime: 1187, total: 1200 } }).points).toBe('1187/600')
    // capped at 1 × max, never negative
    expect(score(p, { facts: { onTime: 13, total: 12 } }).points).toBe('2')
    // 0 denominators give full points by default …
    expect(score(p, { facts: { onTime: 0, total: 0 } }).points).toBe('2')
    // … and an absent fact falls back to the self score
    expect(score(p, { facts: { onTime: 3 }, selfScores: { '1': 1 } }).points).toBe('1')
  })
  it('whenZeroDenominator: zero, and a constant `of`', () => {
    expect(score(leafPack({ kind: 'ratio', numerator: 'n', denominator: 'd', whenZeroDenominator: 'zero' }, 2), { facts: { n: 0, d: 0 } }).points).toBe('0')
    // 30 of 40 × 4 = 3
    expect(score(leafPack({ kind: 'ratio', numerator: 'n', of: 40 }, 4), { facts: { n: 30 } }).points).toBe('3')
  })
  it('needs exactly one of denominator / of', () => {
    const r = safeCompilePack({ id: 'x/y', version: '1.0.0', title: 'x', criteria: [{ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'ratio', numerator: 'n' } }] })
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['invalid_value'])
  })
})

describe('count', () => {
  const p = leafPack({ kind: 'count', fact: 'n', pointsEach: 0.25, cap: 1.5 }, 2)
  it('points per item, capped', () => {
    expect(score(p, { facts: { n: 3 } }).points).toBe('0.75') // 3 × 0.25
    expect(score(p, { facts: { n: 10 } }).points).toBe('1.5') // 2.5 capped at 1.5
    expect(score(p, { facts: { n: 0 } }).points).toBe('0')
  })
  it('without a cap the maximum caps', () => {
    expect(score(leafPack({ kind: 'count', fact: 'n', pointsEach: 0.5 }, 2), { facts: { n: 7 } }).points).toBe('2')
  })
})

describe('survey', () => {
  const p = leafPack({ kind: 'survey', weights: { A: 1, B: 0.5, C: 0 } }, 6, { source: 'survey' })
  it('answer distribution → weighted share × max', () => {
    // (20·1 + 10·0.5 + 10·0) / 40 = 25/40 = 5/8; × 6 = 3.75
    expect(score(p, { survey: { '1': { answers: { A: 20, B: 10, C: 10 } } } }).points).toBe('3.75')
    // an answer the pack gives weight 0 counts in the total but earns nothing: 10 / (10 + 5) × 6 = 4
    expect(score(p, { survey: { '1': { answers: { A: 10, C: 5 } } } }).points).toBe('4')
  })
  it('an answer the rule has no weight for is an input problem, not a silent 0', () => {
    expect(issuesOf(p, { survey: { '1': { answers: { A: 10, Z: 5 } } } })).toEqual([{ code: 'invalid_value', path: ['survey', '1', 'answers', 'Z'] }])
  })
  it('points already computed are taken as they are; none → 0 with missing_survey', () => {
    expect(score(p, { survey: { '1': { points: '4.5' } } }).points).toBe('4.5')
    expect(score(p, {})).toMatchObject({ points: '0', flags: ['missing_survey'] })
  })
  it('property: weighing whole counts in integers (no trace) gives the exact rational share × max, digit for digit', () => {
    const weight = fc.integer({ min: 0, max: 1000 }).map((k) => (k / 1000).toString())
    const count = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constant(Number.MAX_SAFE_INTEGER))
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 4 }), fc.array(count, { minLength: 0, maxLength: 5 }), fc.constantFrom(1, 6, '2.5', '10/3'), (ws, counts, max) => {
        const weights = Object.fromEntries(ws.map((w, i) => [`a${i}`, w]))
        const rule = leafPack({ kind: 'survey', weights }, max, { source: 'survey' }).node('1')!.rule!
        const answers = Object.fromEntries(counts.map((n, i) => [`a${i % (ws.length + 1)}`, n]))
        const input = { answers }
        // the reference: each answer weighed as a rational (the traced path), and by hand in bigints
        const traced = rule.fromSurvey!(input, true).points
        const fast = rule.fromSurvey!(input, false).points
        let total = 0n
        let weighted = Exact.ZERO
        for (const [k, n] of Object.entries(answers)) {
          total += BigInt(n)
          if (k in weights) weighted = weighted.add(Exact.from(weights[k]!).mul(Exact.from(BigInt(n))))
        }
        const expected = total === 0n ? Exact.ZERO : weighted.mul(Exact.from(max)).div(Exact.from(total))
        expect(fast.toString()).toBe(expected.toString())
        expect(fast.toString()).toBe(traced.toString())
      }),
      { numRuns: 400 },
    )
  })
  it('a survey rule needs source survey, and a survey source needs a survey rule', () => {
    const a = safeCompilePack({ id: 'x/y', version: '1.0.0', title: 'x', criteria: [{ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'survey' } }] })
    const b = safeCompilePack({ id: 'x/y', version: '1.0.0', title: 'x', criteria: [{ code: '1', title: 'x', maxPoints: 1, source: 'survey', rule: { kind: 'manual' } }] })
    expect(a.ok ? [] : a.issues.map((i) => i.code)).toEqual(['survey_rule_mismatch'])
    expect(b.ok ? [] : b.issues.map((i) => i.code)).toEqual(['survey_rule_mismatch'])
  })
})

describe('conditions', () => {
  const p = leafPack(
    {
      kind: 'conditions',
      branches: [
        {
          when: {
            all: [
              { fact: 'meetings', operator: 'greaterThanInclusive', value: 4 },
              { fact: 'chair', operator: 'equal', value: 'chairman' },
            ],
          },
          points: 2,
          label: 'full',
        },
        { when: { any: [{ fact: 'meetings', operator: 'greaterThanInclusive', value: 2 }, { not: { fact: 'chair', operator: 'notEqual', value: 'chairman' } }] }, points: 1 },
      ],
      otherwise: 0.5,
    },
    2,
  )
  it('the first branch that holds gives its points; otherwise the fallback', () => {
    expect(score(p, { facts: { meetings: 4, chair: 'chairman' } }).points).toBe('2')
    expect(score(p, { facts: { meetings: 4, chair: 'deputy' } }).points).toBe('1')
    expect(score(p, { facts: { meetings: 1, chair: 'chairman' } }).points).toBe('1') // via not(notEqual)
    expect(score(p, { facts: { meetings: 1, chair: 'deputy' } }).points).toBe('0.5')
  })
  it('the trace names the branch', () => {
    const r = evaluate(p, { unitId: 'u', period: '2024', facts: { meetings: 5, chair: 'chairman' } }, { trace: true })
    expect(r.node('1')!.trace!.branch).toBe('full → 2')
    expect(r.node('1')!.trace!.facts).toEqual({ meetings: 5, chair: 'chairman' })
  })
})

describe('unknown rule kinds', () => {
  it('are reported when the pack is compiled, with the known kinds in the message', () => {
    const r = safeCompilePack({ id: 'x/y', version: '1.0.0', title: 'x', criteria: [{ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'lottery' } }] })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues).toHaveLength(1)
    expect(r.issues[0]).toMatchObject({ code: 'unknown_rule_kind', path: ['criteria', 0, 'rule', 'kind'], value: 'lottery' })
    expect(r.issues[0]!.message.en).toContain('manual')
    expect(r.issues[0]!.message.vi).toContain('lottery')
  })
  it('and never reach evaluate: compilePack throws', () => {
    expect(() => compilePack({ id: 'x/y', version: '1.0.0', title: 'x', criteria: [{ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'lottery' } }] })).toThrow(/unknown_rule_kind/)
  })
  it('rule options are checked by the kind schema at compile', () => {
    const r = safeCompilePack({
      id: 'x/y',
      version: '1.0.0',
      title: 'x',
      criteria: [{ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'steps', fact: 'r', steps: [{ min: 1, points: 1 }], bogus: 1 } }],
    })
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['unknown_field', 'criteria.0.rule.bogus']])
  })
})
