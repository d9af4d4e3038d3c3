/**
 * The decisions of issue #10 item 6 ("semantics holes"), each with its reproducer, on the
 * general path (evaluate) and on evaluateBatch of a pack that rounds its leaves, under each
 * kernel (interpreter, integer lane, verify): docs/semantics.md names these tests.
 */
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import {
  compilePack,
  evaluate,
  evaluateBatch,
  Exact,
  createEngine,
  safeCompilePack,
  safeEvaluate,
  safeEvaluateBatch,
  type AssessmentInput,
  type ChisoIssue,
  type ConditionInput,
  type CompiledPack,
  type CriterionInput,
  type Kernel,
  type PackInput,
} from '@chiso/core'
import { compileCondition, readNumberFact } from '@chiso/core/plugin'

const KERNELS: readonly Kernel[] = ['auto', 'interpreter', 'verify']

const pack = (criteria: CriterionInput[], extra: Partial<PackInput> = {}) => compilePack({ id: 'sem/edges', version: '1.0.0', title: 'Edges', criteria, ...extra })
const unit = (facts: Record<string, unknown>, more: Partial<AssessmentInput> = {}): AssessmentInput => ({ unitId: 'u', period: '2024', facts, ...more })
const issues = (r: { ok: true } | { ok: false; issues: readonly ChisoIssue[] }) => (r.ok ? [] : r.issues)
/** every unit of a batch scored as evaluate scores it alone, and whether the lane took it */
function bothPathsOn(kernel: Kernel, p: CompiledPack, units: AssessmentInput[]) {
  const batch = evaluateBatch(p, units, { trace: true, kernel })
  return batch.units.map((u, i) => {
    const alone = evaluate(p, units[i], { trace: true })
    const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x))
    expect(plain(u.result.toJSON())).toEqual(plain(alone.toJSON()))
    expect(plain(u.result.trace)).toEqual(plain(alone.trace))
    return { result: u.result, onLane: u.result.laneOf() !== undefined, componentRanks: u.componentRanks }
  })
}

/**
 * One semantics suite, three scorers: the exact interpreter, the integer lane ('auto') and
 * 'verify' (both, failing on any difference). `taken` is whether the lane scores a unit it
 * takes: never under 'interpreter'.
 */
describe.each(KERNELS)('on the %s kernel', (kernel) => {
  const bothPaths = (p: CompiledPack, units: AssessmentInput[]) => bothPathsOn(kernel, p, units)
  const taken = (onLane: boolean): boolean => kernel !== 'interpreter' && onLane

  describe('a per adjustment reading a fact that is no number', () => {
    const late = { id: 'late', type: 'deduction' as const, title: 'Báo cáo chậm', amount: { kind: 'per' as const, fact: 'late', points: 0.5 } }
    const withAdjustment = pack([{ code: '1', title: 'A', maxPoints: 10 }], { adjustments: [late] })
    // a leaf reading the same fact as a number
    const withLeaf = pack([{ code: '1', title: 'A', maxPoints: 10, rule: { kind: 'count', fact: 'late', pointsEach: 1 } }])

    it.each([['three'], [true], [{ n: 3 }], ['3 lần']])('%j is the same input error a leaf reading it gets (not a deduction of 0)', (value) => {
      const got = issues(safeEvaluate(withAdjustment, unit({ late: value }, { selfScores: { '1': 8 } })))
      const leaf = issues(safeEvaluate(withLeaf, unit({ late: value })))
      expect(got).toEqual(leaf)
      expect(got.map((i) => [i.code, i.path, i.value])).toEqual([['invalid_type', ['facts', 'late'], value]])
    })

    it('is reported with every other problem of the assessment', () => {
      const got = issues(safeEvaluate(withAdjustment, unit({ late: 'three' }, { selfScores: { '1': 11 } })))
      expect(got.map((i) => [i.code, i.path])).toEqual([
        ['score_above_max', ['selfScores', '1']],
        ['invalid_type', ['facts', 'late']],
      ])
    })

    it('a batch lists a unit’s problems in the order evaluate does (each node’s rule, then its adjustments, children first)', () => {
      const p = pack(
        [
          { code: '1', title: 'A', maxPoints: 1, children: [{ code: '1.1', title: 'a', maxPoints: 1, rule: { kind: 'steps', fact: 's', steps: [{ min: 1, points: 1 }] } }] },
          { code: '2', title: 'B', maxPoints: 1, children: [{ code: '2.1', title: 'b', maxPoints: 1, rule: { kind: 'choice', fact: 'c', options: [{ value: 'x', points: 1 }] } }] },
        ],
        { adjustments: [{ ...late, target: '1' }] },
      )
      const bad = { ...unit({ late: true, c: 'khác', s: 1 }), unitId: 'v' }
      const alone = issues(safeEvaluate(p, bad)).map((i) => [i.code, i.path])
      expect(alone).toEqual([
        ['invalid_type', ['facts', 'late']],
        ['invalid_value', ['facts', 'c']],
      ])
      // another unit's problem (an unknown criterion) makes the batch check every unit whole
      const batch = issues(safeEvaluateBatch(p, [unit({ s: 1, c: 'x' }, { selfScores: { '9': 1 } }), bad], { kernel }))
      expect(batch.filter((i) => i.path[0] === 1).map((i) => [i.code, i.path.slice(1)])).toEqual(alone)
    })

    it('decimal text counts, absent / null / negative counts deduct nothing', () => {
      const total = (late: unknown) => evaluate(withAdjustment, unit(late === undefined ? {} : { late }, { selfScores: { '1': 8 } })).total.toString()
      expect(total('3')).toBe('6.5')
      expect(total(3)).toBe('6.5')
      expect(total(undefined)).toBe('8')
      expect(total(null)).toBe('8')
      expect(total(-1)).toBe('8')
    })

    it('is reported on a not-applicable node too, and on the lane as off it', () => {
      const na = pack(
        [
          { code: '1', title: 'A', maxPoints: 1, rule: { kind: 'boolean', fact: 'ok' } },
          { code: '2', title: 'B', maxPoints: 1, rule: { kind: 'boolean', fact: 'ok' }, notApplicable: true },
        ],
        { adjustments: [{ ...late, target: '2' }] },
      )
      expect(issues(safeEvaluate(na, unit({ ok: true, late: 'ba' }))).map((i) => [i.code, i.path])).toEqual([['invalid_type', ['facts', 'late']]])
      const lane = pack([{ code: '1', title: 'A', maxPoints: 10, rule: { kind: 'steps', fact: 'done', steps: [{ min: 1, points: 10 }] } }], {
        adjustments: [late],
        rounding: { leaf: { decimals: 2 } },
      })
      for (const inputs of ['copy', 'borrow'] as const) {
        const r = safeEvaluateBatch(lane, [unit({ done: 1, late: 2 }), { ...unit({ done: 1, late: 'three' }), unitId: 'v' }], { inputs, kernel })
        expect(issues(r).map((i) => [i.code, i.path, i.value])).toEqual([['invalid_type', [1, 'facts', 'late'], 'three']])
      }
      const [ok] = bothPaths(lane, [unit({ done: 1, late: 2 })])
      expect(ok!.onLane).toBe(taken(true))
      expect(ok!.result.total.toString()).toBe('9')
    })
  })

  describe('evidence.required on an inner node', () => {
    const inner = (evidence: CriterionInput['evidence']) =>
      safeCompilePack({
        id: 'sem/ev',
        version: '1.0.0',
        title: 'Ev',
        criteria: [
          {
            code: '1',
            title: 'A',
            maxPoints: 2,
            evidence,
            children: [
              { code: '1.1', title: 'a', maxPoints: 1 },
              { code: '1.2', title: 'b', maxPoints: 1, evidence: { required: true } },
            ],
          },
        ],
      })

    it('is refused at compile (evidence_on_inner_node, in both languages), never ignored', () => {
      const got = issues(inner({ required: true, minDocuments: 2 }))
      expect(got.map((i) => [i.code, i.path, i.value])).toEqual([['evidence_on_inner_node', ['criteria', 0, 'evidence', 'required'], true]])
      expect(got[0]!.message.vi).toContain('"1"')
      expect(got[0]!.message.en).toContain('leaves')
    })

    it('an inner node may describe evidence it does not require; leaves require it as before', () => {
      expect(inner({ required: false, description: 'Kế hoạch CCHC' }).ok).toBe(true)
      expect(inner(undefined).ok).toBe(true)
    })
  })

  describe('floors: the pack’s is the total’s, a node’s is that node’s', () => {
    it('reproducer: floor 1 and three leaves, a unit that submits nothing gets 1 of 4.5 (not 2.5)', () => {
      const p = pack(
        [
          { code: '1', title: 'A', maxPoints: 0.5 },
          { code: '2', title: 'B', maxPoints: 1 },
          { code: '3', title: 'C', maxPoints: 3 },
        ],
        { floor: 1 },
      )
      const r = evaluate(p, unit({}), { trace: true })
      expect(r.nodes.map((n) => [n.code, n.points.toString()])).toEqual([
        ['total', '1'],
        ['1', '0'],
        ['2', '0'],
        ['3', '0'],
      ])
      expect(r.index.toString()).toBe('200/9')
      expect(r.node('total')!.trace!.steps).toContain('below the floor: 0 → 1')
    })

    it('a node’s own floor: at least min(floor, applicable max), below 0 when negative', () => {
      const p = pack(
        [
          {
            code: '1',
            title: 'A',
            maxPoints: 4,
            floor: 1,
            children: [
              { code: '1.1', title: 'a', maxPoints: 2 },
              { code: '1.2', title: 'b', maxPoints: 2 },
            ],
          },
          { code: '2', title: 'B', maxPoints: 2, floor: 5 },
          { code: '3', title: 'C', maxPoints: 2, floor: -1 },
        ],
        { adjustments: [{ id: 'd', type: 'deduction', title: 'D', target: '3', amount: { kind: 'fixed', points: 3 } }] },
      )
      const r = evaluate(p, unit({}, { selfScores: { '1.1': 0, '1.2': 0, '2': 0, '3': 1 } }), { trace: true })
      // 1: 0 → its floor 1; 2: its floor 5 is above its maximum → 2; 3: 1 − 3 = −2 → its floor −1
      expect(r.nodes.map((n) => [n.code, n.points.toString()])).toEqual([
        ['total', '2'],
        ['1', '1'],
        ['1.1', '0'],
        ['1.2', '0'],
        ['2', '2'],
        ['3', '-1'],
      ])
      expect(r.node('3')!.trace!.steps.at(-1)).toBe('below the floor: -2 → -1')
      // a floor must be a number
      expect(issues(safeCompilePack({ id: 'a/b', version: '1.0.0', title: 'T', criteria: [{ code: '1', title: 'A', maxPoints: 1, floor: '1/0' }] })).map((i) => [i.code, i.path])).toEqual([
        ['invalid_decimal', ['criteria', 0, 'floor']],
      ])
    })

    it('the same on the integer lane', () => {
      const steps = (code: string, max: number, extra: Partial<CriterionInput> = {}): CriterionInput => ({
        code,
        title: code,
        maxPoints: max,
        rule: { kind: 'steps', fact: `f${code}`, steps: [{ min: 1, points: max }] },
        ...extra,
      })
      const reproducer = pack([steps('1', 0.5), steps('2', 1), steps('3', 3)], { floor: 1, rounding: { leaf: { decimals: 2 } } })
      const [r] = bothPaths(reproducer, [unit({ f1: 0, f2: 0, f3: 0 })])
      expect(r!.onLane).toBe(taken(true))
      expect(r!.result.total.toString()).toBe('1')
      const own = pack([{ code: '1', title: 'A', maxPoints: 3, floor: 1.5, children: [steps('1.1', 1), steps('1.2', 2, { floor: -1 })] }, steps('2', 2, { floor: 0.25 })], {
        rounding: { leaf: { decimals: 2 } },
        adjustments: [{ id: 'd', type: 'deduction', title: 'D', target: '1.2', amount: { kind: 'per', fact: 'n', points: 0.5 } }],
      })
      const units = [unit({ 'f1.1': 0, 'f1.2': 1, f2: 0, n: 1 }), { ...unit({ 'f1.1': 1, 'f1.2': 0, f2: 1, n: 4 }), unitId: 'v' }]
      const [a, b] = bothPaths(own, units)
      expect([a!.onLane, b!.onLane]).toEqual([taken(true), taken(true)])
      // a: 1.1 = 0, 1.2 = 2 − 0.5 = 1.5, 1 = 1.5, 2 = 0 → 0.25; b: 1.2 = 0 − 2 → −1, 1 = 1 − 1 = 0 → 1.5, 2 = 2
      expect(a!.result.nodes.map((n) => n.points.toString())).toEqual(['1.75', '1.5', '0', '1.5', '0.25'])
      expect(b!.result.nodes.map((n) => n.points.toString())).toEqual(['3.5', '1.5', '1', '-1', '2'])
    })
  })

  describe('a ratio whose counts contradict each other', () => {
    const ratio = pack([{ code: '2.1', title: 'Hồ sơ đúng hạn', maxPoints: 2, rule: { kind: 'ratio', numerator: 'onTime', denominator: 'received' } }])
    const flagsOf = (facts: Record<string, unknown>, p = ratio) => {
      const r = evaluate(p, unit(facts))
      return { points: r.node(p.nodes[1]!.code)!.points.toString(), flags: r.flags.filter((f) => f.code === 'inconsistent_data').map((f) => ({ criterion: f.criterion, values: f.values })) }
    }

    it('numerator above denominator: scored by the rule (max), flagged inconsistent_data with the values', () => {
      const r = evaluate(ratio, unit({ onTime: 12, received: 10 }), { trace: true })
      expect(r.node('2.1')!.points.toString()).toBe('2')
      expect(r.flags).toEqual([
        {
          code: 'inconsistent_data',
          criterion: '2.1',
          values: { numerator: '12', denominator: '10' },
          message: {
            vi: '"2.1": dữ liệu không nhất quán (tử số lớn hơn mẫu số: tử số onTime = 12, mẫu số received = 10); điểm vẫn tính theo quy tắc, cần kiểm tra lại số liệu',
            en: '"2.1": inconsistent data (numerator above denominator: numerator onTime = 12, denominator received = 10); scored by the rule as it stands, the figures need checking',
          },
        },
      ])
      // the record carries it as it is, and the trace says so
      expect(JSON.parse(JSON.stringify(r.toJSON())).flags).toEqual(JSON.parse(JSON.stringify(r.flags)))
      expect(r.node('2.1')!.trace!.steps.some((s) => s.includes('inconsistent data') && s.includes('numerator 12'))).toBe(true)
    })

    it('negative counts and a numerator over a zero denominator are flagged; consistent data is not', () => {
      expect(flagsOf({ onTime: -1, received: 10 })).toEqual({ points: '0', flags: [{ criterion: '2.1', values: { numerator: '-1', denominator: '10' } }] })
      expect(flagsOf({ onTime: 3, received: -4 })).toEqual({ points: '0', flags: [{ criterion: '2.1', values: { numerator: '3', denominator: '-4' } }] })
      expect(flagsOf({ onTime: 3, received: 0 })).toEqual({ points: '2', flags: [{ criterion: '2.1', values: { numerator: '3', denominator: '0' } }] })
      expect(flagsOf({ onTime: '10.5', received: '10' })).toEqual({ points: '2', flags: [{ criterion: '2.1', values: { numerator: '10.5', denominator: '10' } }] })
      expect(flagsOf({ onTime: 0, received: 0 })).toEqual({ points: '2', flags: [] })
      expect(flagsOf({ onTime: 10, received: 10 })).toEqual({ points: '2', flags: [] })
      expect(flagsOf({ onTime: 5, received: 10 })).toEqual({ points: '1', flags: [] })
    })

    it('over a fixed `of` (a target) only a negative numerator is inconsistent', () => {
      const of = pack([{ code: '1', title: 'Họp', maxPoints: 1, rule: { kind: 'ratio', numerator: 'meetings', of: 12 } }])
      expect(flagsOf({ meetings: 14 }, of)).toEqual({ points: '1', flags: [] })
      expect(flagsOf({ meetings: -2 }, of)).toEqual({ points: '0', flags: [{ criterion: '1', values: { numerator: '-2', denominator: '12' } }] })
    })

    it('on the integer lane: a unit with inconsistent counts leaves it and gets the same flag', () => {
      const p = pack(
        [
          { code: '1', title: 'A', maxPoints: 2, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
          { code: '2', title: 'B', maxPoints: 1, rule: { kind: 'ratio', numerator: 'm', of: 4 } },
        ],
        { rounding: { leaf: { decimals: 2 } } },
      )
      const units = [unit({ n: 5, d: 10, m: 5 }), { ...unit({ n: 12, d: 10, m: 1 }), unitId: 'v' }, { ...unit({ n: 1, d: 0, m: 1 }), unitId: 'w' }, { ...unit({ n: 1, d: 2, m: -1 }), unitId: 'x' }]
      const rs = bothPaths(p, units)
      expect(rs.map((r) => r.onLane)).toEqual([true, false, false, false].map(taken))
      expect(rs.map((r) => r.result.flags.map((f) => [f.criterion, f.values]))).toEqual([
        [],
        [['1', { numerator: '12', denominator: '10' }]],
        [['1', { numerator: '1', denominator: '0' }]],
        [['2', { numerator: '-1', denominator: '4' }]],
      ])
    })
  })

  describe('component (area) indexes follow the index formula and scale', () => {
    const areas: CriterionInput[] = [
      {
        code: '1',
        title: 'A',
        maxPoints: 10,
        children: [
          { code: '1.1', title: 'a', maxPoints: 5 },
          { code: '1.2', title: 'b', maxPoints: 5 },
        ],
      },
    ]

    it('reproducer: on index scale 10 the unit’s index is 8 and so is its only area’s (not 80)', () => {
      const r = evaluate(pack(areas, { index: { kind: 'ratio', scale: 10 } }), unit({}, { selfScores: { '1.1': 5, '1.2': 3 } }))
      expect(r.index.toString()).toBe('8')
      expect(r.components.map((c) => c.index?.toString())).toEqual(['8'])
      expect(r.node('1.1')!.index!.toString()).toBe('10')
      expect(r.toJSON().nodes).toMatchObject([
        { code: 'total', index: '8' },
        { code: '1', index: '8' },
        { code: '1.1', index: '10' },
        { code: '1.2', index: '6' },
      ])
    })

    it('kind points: a node’s index is its points; index rounding applies to every node', () => {
      const two: CriterionInput[] = [...areas, { code: '2', title: 'B', maxPoints: 3 }]
      const r = evaluate(pack(two, { index: { kind: 'points' } }), unit({}, { selfScores: { '1.1': 5, '1.2': 3, '2': 1 } }))
      expect(r.nodes.map((n) => [n.code, n.index?.toString()])).toEqual([
        ['total', '9'],
        ['1', '8'],
        ['1.1', '5'],
        ['1.2', '3'],
        ['2', '1'],
      ])
      const rounded = evaluate(pack(two, { index: { kind: 'ratio', scale: 10 }, rounding: { index: { decimals: 1, mode: 'down' } } }), unit({}, { selfScores: { '1.1': 5, '1.2': 3, '2': 1 } }))
      // 9/13 × 10 = 6.92… → 6.9; area 2: 1/3 × 10 = 3.33… → 3.3
      expect(rounded.nodes.map((n) => [n.code, n.index?.toString()])).toEqual([
        ['total', '6.9'],
        ['1', '8'],
        ['1.1', '10'],
        ['1.2', '6'],
        ['2', '3.3'],
      ])
    })

    it('component ranks rank those indexes: kind points ranks areas by points even where applicable maxima differ', () => {
      const p = pack(
        [
          {
            code: '1',
            title: 'A',
            maxPoints: 4,
            children: [
              { code: '1.1', title: 'a', maxPoints: 2 },
              { code: '1.2', title: 'b', maxPoints: 2, applicability: { fact: 'big', operator: 'equal', value: true } },
            ],
          },
        ],
        { index: { kind: 'points' } },
      )
      // u: 3 of 4 (75 %), v: 2 of 2 (100 %) — by points u is first
      const b = evaluateBatch(p, [unit({ big: true }, { selfScores: { '1.1': 1, '1.2': 2 } }), { ...unit({ big: false }, { selfScores: { '1.1': 2 } }), unitId: 'v' }], { kernel })
      expect(b.units.map((u) => [u.unitId, u.result.node('1')!.index!.toString(), u.componentRanks['1']])).toEqual([
        ['u', '3', 1],
        ['v', '2', 2],
      ])
    })

    it('a zero index scale (every index 0, every unit tied) is refused at compile', () => {
      const r = safeCompilePack({ id: 'a/b', version: '1.0.0', title: 'T', criteria: areas, index: { kind: 'ratio', scale: 0 } })
      expect(issues(r).map((i) => [i.code, i.path, i.value])).toEqual([['invalid_value', ['index', 'scale'], 0]])
    })

    it('on the integer lane: node indexes and component ranks as the general path gives them', () => {
      const leaf = (code: string, max: number): CriterionInput => ({
        code,
        title: code,
        maxPoints: max,
        rule: {
          kind: 'steps',
          fact: code,
          steps: [
            { min: 1, points: max / 2 },
            { min: 2, points: max },
          ],
        },
      })
      const p = pack([{ code: '1', title: 'A', maxPoints: 6, children: [leaf('1.1', 2), leaf('1.2', 4)] }, leaf('2', 4)], {
        index: { kind: 'ratio', scale: 10 },
        rounding: { leaf: { decimals: 2 }, index: { decimals: 1 } },
      })
      const rs = bothPaths(p, [unit({ '1.1': 2, '1.2': 1, '2': 0 }), { ...unit({ '1.1': 1, '1.2': 2, '2': 2 }), unitId: 'v' }])
      // u: 1 = 2 + 2 = 4 of 6 → 6.7, 2 = 0 → 0; v: 1 = 1 + 4 = 5 → 8.3, 2 = 4 → 10
      expect(rs.map((r) => [r.onLane, r.result.components.map((c) => c.index!.toString()), r.componentRanks])).toEqual([
        [taken(true), ['6.7', '0'], { '1': 2, '2': 2 }],
        [taken(true), ['8.3', '10'], { '1': 1, '2': 1 }],
      ])
    })
  })

  describe('rounding down / up of negative values: toward zero / away from zero', () => {
    it('Exact.round: down truncates toward zero, up moves away from it, on both of its paths', () => {
      const r = (x: string, d: number, mode: 'down' | 'up' | 'half-up' | 'half-even') => Exact.from(x).round(d, mode).toString()
      expect([r('-2.345', 2, 'down'), r('-2.341', 2, 'up'), r('-2.349', 2, 'down'), r('2.349', 2, 'down'), r('2.341', 2, 'up')]).toEqual(['-2.34', '-2.35', '-2.34', '2.34', '2.35'])
      expect([r('-2.345', 2, 'half-up'), r('-2.345', 2, 'half-even'), r('-2.355', 2, 'half-even')]).toEqual(['-2.35', '-2.34', '-2.36'])
      // beyond 15 places the bigint path decides the same way
      expect([r('-2/3', 20, 'down'), r('-2/3', 20, 'up'), r('-1/3', 20, 'up')]).toEqual(['-0.66666666666666666666', '-0.66666666666666666667', '-0.33333333333333333334'])
    })

    const KIND = 'semantics-test-negative'
    // a plug-in rule whose points may be negative: −0.0125 per unit of its fact
    const negative = createEngine().addRuleKind({
      kind: KIND,
      schema: z.strictObject({ kind: z.literal(KIND), fact: z.string() }),
      compile: (rule) => ({
        facts: [rule.fact],
        compute: (facts) => {
          const v = readNumberFact(facts, rule.fact)
          return v === undefined ? undefined : { points: v.mul(Exact.from('-0.0125')), branch: `${v} × −0.0125` }
        },
      }),
    })

    it.each([
      ['down', '-0.01', '-0.03'],
      ['up', '-0.02', '-0.04'],
      ['half-up', '-0.01', '-0.04'],
      ['half-even', '-0.01', '-0.04'],
    ] as const)('a negative leaf rounded %s: the same on the general path and the lane', (mode, one, three) => {
      const p = negative.compilePack({
        id: 'sem/edges',
        version: '1.0.0',
        title: 'Edges',
        criteria: [
          { code: '1', title: 'A', maxPoints: 1, floor: -1, rule: { kind: KIND, fact: 'k' } },
          { code: '2', title: 'B', maxPoints: 1, rule: { kind: 'steps', fact: 's', steps: [{ min: 1, points: 1 }] } },
        ],
        rounding: { leaf: { decimals: 2, mode } },
      })
      // −0.0125 and −0.0375
      const rs = bothPaths(p, [unit({ k: 1, s: 1 }), { ...unit({ k: 3, s: 1 }), unitId: 'v' }])
      expect(rs.map((r) => [r.onLane, r.result.node('1')!.points.toString()])).toEqual([
        [taken(true), one],
        [taken(true), three],
      ])
    })

    it.each([
      ['down', '-42.85'],
      ['up', '-42.86'],
    ] as const)('a negative index rounded %s (a pack floor below 0), the same on both paths', (mode, index) => {
      const p = pack([{ code: '1', title: 'A', maxPoints: 7, rule: { kind: 'steps', fact: 's', steps: [{ min: 1, points: 7 }] } }], {
        floor: -10,
        rounding: { leaf: { decimals: 2 }, index: { decimals: 2, mode } },
        adjustments: [{ id: 'd', type: 'deduction', title: 'D', amount: { kind: 'fixed', points: 3 } }],
      })
      // (0 − 3) ÷ 7 × 100 = −42.857…
      const [r] = bothPaths(p, [unit({ s: 0 })])
      expect([r!.onLane, r!.result.total.toString(), r!.result.index.toString()]).toEqual([taken(true), '-3', index])
    })
  })

  describe('condition paths read own data only', () => {
    const test = (c: ConditionInput, facts: Record<string, unknown>) => {
      const found: ChisoIssue[] = []
      const t = compileCondition(c, [], found).test(facts)
      expect(found).toEqual([])
      return t
    }

    it('reproducer: an inherited name ($.toString) of a unit record is absent, not its function', () => {
      const u = { id: 'x', name: 'Xã X', kind: 'commune' }
      expect(test({ fact: 'unit', path: '$.toString', operator: 'equal', value: { fact: 'nothing' } }, { unit: u })).toBe(true)
      expect(test({ fact: 'unit', path: '$.attributes.hasOwnProperty', operator: 'equal', value: { fact: 'nothing' } }, { unit: { ...u, attributes: {} } })).toBe(true)
      // absent is not null (json-rules-engine's notEqual): true because nothing is there
      expect(test({ fact: 'unit', path: '$.toString', operator: 'notEqual', value: null }, { unit: u })).toBe(true)
      const p = pack([
        { code: '1', title: 'A', maxPoints: 1, applicability: { fact: 'unit', path: '$.valueOf', operator: 'in', value: [null] } },
        { code: '2', title: 'B', maxPoints: 1 },
      ])
      expect(evaluate(p, unit({}, { unit: u, selfScores: { '1': 1, '2': 1 } })).node('1')!.notApplicable).toBe(true)
    })

    it('an array by index only (its length is no data); nothing inside text or a number', () => {
      expect(test({ fact: 'list', path: '$.length', operator: 'equal', value: 2 }, { list: ['a', 'b'] })).toBe(false)
      expect(test({ fact: 'list', path: '$[1]', operator: 'equal', value: 'b' }, { list: ['a', 'b'] })).toBe(true)
      expect(test({ fact: 'o', path: '$.list[1]', operator: 'equal', value: 'b' }, { o: { list: ['a', 'b'] } })).toBe(true)
      expect(test({ fact: 'o', path: "$.list['1']", operator: 'equal', value: 'b' }, { o: { list: ['a', 'b'] } })).toBe(false)
      expect(test({ fact: 'name', path: '$.length', operator: 'greaterThan', value: 0 }, { name: 'abc' })).toBe(false)
      expect(test({ fact: 'o', path: '$.name[0]', operator: 'equal', value: 'a' }, { o: { name: 'abc' } })).toBe(false)
      // a path into a number or text fact reads nothing (json-rules-engine would give the value)
      expect(test({ fact: 'n', path: '$.x', operator: 'equal', value: 5 }, { n: 5 })).toBe(false)
      // "$" is the fact itself; own members of objects are read as before, numeric keys too
      expect(test({ fact: 'n', path: '$', operator: 'equal', value: 5 }, { n: 5 })).toBe(true)
      expect(test({ fact: 'o', path: '$.x.y', operator: 'equal', value: 1 }, { o: { x: { y: 1 } } })).toBe(true)
      expect(test({ fact: 'o', path: '$[0]', operator: 'equal', value: 1 }, { o: { 0: 1 } })).toBe(true)
      // in a fact reference as well
      expect(test({ fact: 'n', operator: 'equal', value: { fact: 'name', path: '$.length' } }, { n: 3, name: 'abc' })).toBe(false)
    })

    it('the lane’s slot-compiled conditions read paths the same way', () => {
      // (objects send a unit off the lane, so on it paths meet numbers and text)
      const when: ConditionInput = { all: [{ fact: 'n', path: '$.x', operator: 'greaterThan', value: 0 }, { not: { fact: 'k', operator: 'in', value: [5] } }] }
      const p = pack([{ code: '1', title: 'A', maxPoints: 1, rule: { kind: 'conditions', branches: [{ when, points: 1 }], otherwise: 0.5 } }], { rounding: { leaf: { decimals: 2 } } })
      const rs = bothPaths(p, [unit({ n: 5, k: 1 }), { ...unit({ n: 'abc', k: 1 }), unitId: 'v' }])
      expect(rs.map((r) => [r.onLane, r.result.total.toString()])).toEqual([
        [taken(true), '0.5'],
        [taken(true), '0.5'],
      ])
    })
  })
})
