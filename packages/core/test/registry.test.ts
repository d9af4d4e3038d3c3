import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type ChisoError, createEngine, createRegistry, evaluate, type PackInput } from '@chiso/core'

const edition = (id: string, version: string, from: string, to: string | undefined, appliesTo = ['commune'], family = 'vn/commune'): PackInput => ({
  id,
  version,
  family,
  title: id,
  appliesTo,
  effective: to === undefined ? { from } : { from, to },
  criteria: [{ code: '1', title: 'Một', maxPoints: version === '1.0.0' ? 10 : 20 }],
})

describe('registry.resolve', () => {
  const registry = createRegistry([
    edition('vn/commune-2017', '1.0.0', '2017-01-01', '2021-12-31'),
    edition('vn/commune-2017', '1.1.0', '2017-01-01', '2021-12-31'),
    edition('vn/commune-2022', '1.0.0', '2022-01-01', undefined),
    edition('vn/district-2017', '1.0.0', '2017-01-01', '2025-06-30', ['district'], 'vn/district'),
  ])

  test('returns exactly the pack in force on a date (the highest version of that edition)', () => {
    const r = registry.resolve({ family: 'vn/commune', unitKind: 'commune', date: '2019-06-30' })
    expect(r.ok && `${r.value.id}@${r.value.version}`).toBe('vn/commune-2017@1.1.0')
    const r2 = registry.resolve({ family: 'vn/commune', unitKind: 'commune', date: '2022-01-01' })
    expect(r2.ok && r2.value.id).toBe('vn/commune-2022')
  })

  test('a past year resolves to its own edition although newer ones exist', () => {
    const r = registry.resolve({ family: 'vn/commune', unitKind: 'commune', date: '2021-12-31' })
    expect(r.ok && r.value.id).toBe('vn/commune-2017')
  })

  test('no pack in force → no_pack_in_force', () => {
    for (const q of [
      { family: 'vn/commune', unitKind: 'commune', date: '2016-12-31' },
      { family: 'vn/commune', unitKind: 'ward', date: '2019-01-01' },
      { family: 'vn/district', unitKind: 'district', date: '2025-07-01' },
    ]) {
      const r = registry.resolve(q)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.issues[0]!.code).toBe('no_pack_in_force')
        expect(r.issues[0]!.message.vi).toContain(q.date)
      }
    }
  })

  test('two editions in force → ambiguous_packs naming both', () => {
    const reg = createRegistry([edition('a', '1.0.0', '2020-01-01', '2022-12-31'), edition('b', '1.0.0', '2022-01-01', undefined)])
    const r = reg.resolve({ family: 'vn/commune', unitKind: 'commune', date: '2022-06-01' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.issues[0]!.code).toBe('ambiguous_packs')
      expect(r.issues[0]!.value).toEqual(['a@1.0.0', 'b@1.0.0'])
    }
  })

  test('invalid packs and duplicate id@version are reported all at once', () => {
    try {
      createRegistry([edition('a', '1.0.0', '2020-01-01', undefined), edition('a', '1.0.0', '2020-01-01', undefined), { id: 'B', version: 'x' }])
      expect.unreachable()
    } catch (e) {
      const codes = (e as ChisoError).issues.map((i) => i.code)
      expect(codes).toContain('duplicate_pack')
      expect(codes.filter((c) => c !== 'duplicate_pack').length).toBeGreaterThanOrEqual(2)
    }
  })
})

describe('registry.checkCoverage', () => {
  test('editions that tile the period have no gaps or overlaps', () => {
    const reg = createRegistry([edition('e1', '1.0.0', '2017-01-01', '2021-12-31'), edition('e2', '1.0.0', '2022-01-01', '2025-06-30'), edition('e3', '1.0.0', '2025-07-01', undefined)])
    expect(reg.checkCoverage('vn/commune', '2017-01-01', '2030-12-31')).toEqual([])
  })

  test('reports a gap and an overlap with their exact days', () => {
    const reg = createRegistry([edition('e1', '1.0.0', '2017-01-01', '2019-12-31'), edition('e2', '1.0.0', '2020-03-01', '2022-12-31'), edition('e3', '1.0.0', '2022-07-01', undefined)])
    const p = reg.checkCoverage('vn/commune', '2017-01-01', '2024-12-31')
    expect(p.map((x) => [x.kind, x.from, x.to, x.packs])).toEqual([
      ['gap', '2020-01-01', '2020-02-29', []],
      ['overlap', '2022-07-01', '2022-12-31', ['e2@1.0.0', 'e3@1.0.0']],
    ])
    expect(p[0]!.code).toBe('coverage_gap')
    expect(p[1]!.code).toBe('coverage_overlap')
  })

  test('property: the coverage check finds every gap and overlap injected at random', () => {
    const DAY = 86_400_000
    const iso = (d: number): string => new Date(d * DAY).toISOString().slice(0, 10)
    const start = Date.UTC(2015, 0, 1) / DAY
    fc.assert(
      fc.property(fc.array(fc.record({ len: fc.integer({ min: 1, max: 400 }), shift: fc.integer({ min: -30, max: 30 }) }), { minLength: 1, maxLength: 8 }), (segments) => {
        // editions laid end to end, then each start shifted: a positive shift opens a gap,
        // a negative one makes an overlap with the previous edition
        let cursor = start
        const spans: { from: number; to: number }[] = []
        for (const s of segments) {
          const from = spans.length === 0 ? cursor : cursor + s.shift
          const to = Math.max(from, cursor) + s.len
          spans.push({ from, to })
          cursor = to + 1
        }
        const end = cursor - 1
        const reg = createRegistry(spans.map((s, i) => edition(`e${i}`, '1.0.0', iso(s.from), iso(s.to))))
        // expected, day by day
        const expected: string[] = []
        let prev = ''
        for (let d = start; d <= end; d++) {
          const n = spans.filter((s) => s.from <= d && d <= s.to).length
          const state =
            n === 0
              ? 'gap'
              : n > 1
                ? `overlap:${spans
                    .map((s, i) => (s.from <= d && d <= s.to ? i : -1))
                    .filter((i) => i >= 0)
                    .join(',')}`
                : ''
          if (state !== prev && state !== '') expected.push(`${state}@${iso(d)}`)
          prev = state
        }
        const got = reg.checkCoverage('vn/commune', iso(start), iso(end)).map((p) => `${p.kind === 'gap' ? 'gap' : `overlap:${p.packs.map((x) => x.split('@')[0]!.slice(1)).join(',')}`}@${p.from}`)
        expect(got).toEqual(expected)
      }),
      { numRuns: 150 },
    )
  })
})

describe('registry with an engine', () => {
  const withOperator: PackInput = {
    ...edition('vn/commune-2030', '1.0.0', '2030-01-01', undefined),
    criteria: [{ code: '1', title: 'Một', maxPoints: 10, rule: { kind: 'conditions', branches: [{ when: { fact: 'meetings', operator: 'atLeastTwice', value: 3 }, points: 10 }] } }],
  }

  test("compiles its packs with the engine's operators; the default engine does not know them", () => {
    const engine = createEngine().addOperator('atLeastTwice', (a, b) => typeof a === 'number' && typeof b === 'number' && a >= 2 * b)
    const registry = createRegistry([withOperator], { engine })
    const r = registry.resolve({ family: 'vn/commune', unitKind: 'commune', date: '2030-06-30' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.engine).toBe(engine)
    expect(evaluate(r.value, { unitId: 'x', period: '2030', facts: { meetings: 6 } }).total.toString()).toBe('10')
    expect(evaluate(r.value, { unitId: 'x', period: '2030', facts: { meetings: 5 } }).total.toString()).toBe('0')
    // packs compile when first resolved: there the default engine reports the operator
    const plain = createRegistry([withOperator]).resolve({ family: 'vn/commune', unitKind: 'commune', date: '2030-06-30' })
    expect(plain.ok ? [] : plain.issues.map((i) => i.code)).toContain('unknown_operator')
  })
})
