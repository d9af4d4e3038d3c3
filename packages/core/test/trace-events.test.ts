// A trace is a list of structured events rendered by one renderer: every kind has its
// Vietnamese line (diacritics, decimal comma) and its English line (the step text traces
// have always carried), and on random packs and assessments a node's `steps` is exactly the
// English rendering of its events — on the interpreter and on the integer lane, where
// evaluate and evaluateBatch give the same events.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compilePack, Exact, evaluate, evaluateBatch, renderTraceEvent, traceLines, type NodeTrace, type TraceEvent, type TraceEventKind, type UnitResult } from '@chiso/core'
import { packAndBatchArb } from './arbitraries.js'
import { laneCaseArb, laneEngine, laneUnitsArb } from './lane-arbitraries.js'

const x = (v: string): Exact => Exact.from(v)

/** one event of every kind (the type makes a missing kind a compile error), with its two lines */
const CASES: { readonly [K in TraceEventKind]: { readonly event: Extract<TraceEvent, { kind: K }>; readonly en: string; readonly vi: string } } = {
  not_applicable: {
    event: { kind: 'not_applicable' },
    en: 'not applicable to this unit: removed from the applicable maximum',
    vi: 'không áp dụng với đơn vị này: loại khỏi điểm tối đa áp dụng',
  },
  rule: { event: { kind: 'rule', rule: 'steps', branch: '≥ 90.5 → 1.5', points: x('1.5') }, en: 'rule steps: ≥ 90.5 → 1.5', vi: 'quy tắc bậc thang: ≥ 90,5 → 1,5' },
  inconsistent_data: {
    event: { kind: 'inconsistent_data', values: { numerator: '12.5', denominator: '10' } },
    en: 'inconsistent data, flagged: numerator 12.5, denominator 10',
    vi: 'dữ liệu không nhất quán, gắn cờ: tử số 12,5, mẫu số 10',
  },
  self_score_differs: {
    event: { kind: 'self_score_differs', selfScore: x('2.5'), computed: x('1') },
    en: 'self score 2.5 differs; computed points are used',
    vi: 'tự chấm 2,5, dữ kiện cho 1: dùng điểm tính từ dữ kiện',
  },
  self_score: { event: { kind: 'self_score', points: x('0.75') }, en: 'self score: 0.75', vi: 'điểm tự chấm: 0,75' },
  no_input: { event: { kind: 'no_input' }, en: 'no self score or facts → 0', vi: 'chưa có điểm tự chấm hay dữ kiện → 0' },
  survey: {
    event: { kind: 'survey', branch: '40 answers, weighted share 0.8', points: x('1.6') },
    en: 'survey: 40 answers, weighted share 0.8 → 1.6',
    vi: 'điều tra xã hội học: 40 phiếu, tỉ lệ có trọng số 0,8 → 1,6',
  },
  survey_missing: { event: { kind: 'survey_missing' }, en: 'no survey result → 0', vi: 'chưa có kết quả điều tra → 0' },
  evidence_missing: {
    event: { kind: 'evidence_missing', documents: 1, minDocuments: 2, zeroed: true },
    en: 'missing evidence (1/2): policy "zero" → 0',
    vi: 'thiếu tài liệu kiểm chứng (1/2): tính 0 điểm theo quy định của bộ chỉ số',
  },
  explanation: { event: { kind: 'explanation', text: 'Biên bản đang chờ ký' }, en: 'explanation: Biên bản đang chờ ký', vi: 'giải trình: Biên bản đang chờ ký' },
  appraisal: {
    event: { kind: 'appraisal', round: 2, reviewer: 'Sở Nội vụ', at: '2025-03-01', reason: 'thiếu biên bản', from: x('2'), to: x('1.25') },
    en: 'appraisal round 2 by Sở Nội vụ: 2 → 1.25 (thiếu biên bản)',
    vi: 'thẩm định vòng 2 (Sở Nội vụ, 2025-03-01): 2 → 1,25 — thiếu biên bản',
  },
  rounding: {
    event: { kind: 'rounding', mode: 'half-up', decimals: 2, from: x('1.235'), to: x('1.24') },
    en: 'rounded half-up to 2 places: 1.235 → 1.24',
    vi: 'làm tròn (từ 5 trở lên làm tròn lên), 2 chữ số thập phân: 1,235 → 1,24',
  },
  sum: { event: { kind: 'sum', children: 3, sum: x('7.5'), max: x('10') }, en: 'sum of 3 children: 7.5 of 10', vi: 'tổng của 3 mục con: 7,5 trên 10' },
  capped: { event: { kind: 'capped', what: 'bonus', total: x('3.5'), cap: x('2') }, en: 'bonuses 3.5 capped at 2 for the node', vi: 'điểm thưởng 3,5, giới hạn ở 2' },
  adjustments: { event: { kind: 'adjustments', bonus: x('0.5'), deduction: x('1') }, en: 'adjustments: +0.5 −1', vi: 'điểm thưởng +0,5, điểm trừ −1' },
  above_maximum: { event: { kind: 'above_maximum', points: x('10.5'), max: x('10') }, en: 'above the maximum: 10.5 → 10', vi: 'vượt điểm tối đa: 10,5 → 10' },
  below_floor: { event: { kind: 'below_floor', points: x('-1.5'), floor: x('0') }, en: 'below the floor: -1.5 → 0', vi: 'dưới mức sàn: -1,5 → 0' },
}

/** a letter only Vietnamese writes (a tone mark, đ, ơ, ư …) */
const DIACRITIC = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i

/** Exact values as their text, everything else as it is */
const strict = (v: unknown): unknown => {
  if (v instanceof Exact) return `Exact ${v.toString()}`
  if (Array.isArray(v)) return v.map(strict)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, w]) => [k, strict(w)]))
  return v
}

describe('trace events', () => {
  test.each(Object.entries(CASES))('%s: one line in English (the step text) and one in Vietnamese', (_kind, c) => {
    expect(renderTraceEvent(c.event, 'en')).toBe(c.en)
    const vi = renderTraceEvent(c.event, 'vi')
    expect(vi).toBe(c.vi)
    expect(vi).toMatch(DIACRITIC)
    // decimals take a comma in Vietnamese: no digit.digit is left
    expect(vi).not.toMatch(/\d\.\d/)
  })

  test('the other branches of a kind: a flagged missing evidence, capped deductions, labels of the built-in rules', () => {
    expect(renderTraceEvent({ kind: 'evidence_missing', documents: 0, minDocuments: 1, zeroed: false }, 'en')).toBe('missing evidence (0/1): flagged')
    expect(renderTraceEvent({ kind: 'evidence_missing', documents: 0, minDocuments: 1, zeroed: false }, 'vi')).toBe('thiếu tài liệu kiểm chứng (0/1): chỉ gắn cờ, vẫn tính điểm')
    expect(renderTraceEvent({ kind: 'capped', what: 'deduction', total: x('4'), cap: x('2.5') }, 'en')).toBe('deductions 4 capped at 2.5 for the node')
    expect(renderTraceEvent({ kind: 'capped', what: 'deduction', total: x('4'), cap: x('2.5') }, 'vi')).toBe('điểm trừ 4, giới hạn ở 2,5')
    const rule = (kind: string, branch: string): string => renderTraceEvent({ kind: 'rule', rule: kind, branch, points: Exact.ZERO }, 'vi')
    expect(rule('boolean', 'true → 0.5')).toBe('quy tắc có / không: có → 0,5')
    expect(rule('boolean', 'false → 0')).toBe('quy tắc có / không: không → 0')
    expect(rule('ratio', '17/19 × 2.5')).toBe('quy tắc tỉ lệ: 17/19 × 2,5')
    expect(rule('ratio', '7.5/2.5 × 1.25')).toBe('quy tắc tỉ lệ: 7,5/2,5 × 1,25')
    expect(rule('ratio', 'ratio ≥ 1 → max')).toBe('quy tắc tỉ lệ: tỉ lệ ≥ 1 → điểm tối đa')
    expect(rule('ratio', 'denominator 0 → 2')).toBe('quy tắc tỉ lệ: mẫu số bằng 0 → 2')
    expect(rule('count', '3 × 0.25 capped at 0.5')).toBe('quy tắc đếm số lần: 3 × 0,25, tối đa 0,5')
    expect(rule('steps', 'otherwise → 0')).toBe('quy tắc bậc thang: các trường hợp còn lại → 0')
    expect(rule('steps', '> 2.5 → 1')).toBe('quy tắc bậc thang: > 2,5 → 1')
    expect(rule('conditions', 'branch 2 → 0.5')).toBe('quy tắc điều kiện: nhánh 2 → 0,5')
    // a pack's own label is kept; its points take the comma
    expect(rule('choice', 'late → 0.5')).toBe('quy tắc lựa chọn: late → 0,5')
    // a plug-in kind keeps its name
    expect(rule('my-kind', 'x → 1')).toBe('quy tắc my-kind: x → 1')
    expect(renderTraceEvent({ kind: 'rounding', mode: 'half-even', decimals: 0, from: x('2.5'), to: x('2') }, 'vi')).toBe('làm tròn (về số chẵn), 0 chữ số thập phân: 2,5 → 2')
    // a value with no finite decimal is its exact fraction in both languages
    expect(renderTraceEvent({ kind: 'rounding', mode: 'down', decimals: 1, from: Exact.ratio(40, 3), to: x('13.3') }, 'vi')).toBe('làm tròn xuống, 1 chữ số thập phân: 40/3 → 13,3')
  })

  test('each line in one language: no Vietnamese in an English line, no English in a Vietnamese one (the unit’s and the pack’s own text aside)', () => {
    /** the English words the renderer writes */
    const ENGLISH =
      /\b(not|applicable|removed|maximum|inconsistent|data|flagged|numerator|denominator|self|score|facts?|survey|result|missing|evidence|policy|zero|explanation|rule|rounded|places|sum|children|bonuses|deductions|capped|adjustments|above|below|floor|answers|weighted|share|no|or|of|the|to)\b/i
    for (const [kind, c] of Object.entries(CASES)) {
      // what the event carries of the unit's or the pack's own text (a reason, an explanation) is as written
      const own = (line: string): string => Object.values(c.event).reduce<string>((l, v) => (typeof v === 'string' && v !== c.event.kind ? l.split(v).join('') : l), line)
      expect(own(renderTraceEvent(c.event, 'en')), kind).not.toMatch(DIACRITIC)
      expect(own(renderTraceEvent(c.event, 'vi')), kind).not.toMatch(ENGLISH)
    }
    // no self score and no facts: each language its own words, not both in one line
    expect(renderTraceEvent({ kind: 'no_input' }, 'en')).toBe('no self score or facts → 0')
    expect(renderTraceEvent({ kind: 'no_input' }, 'vi')).toBe('chưa có điểm tự chấm hay dữ kiện → 0')
    // a ratio's figures that do not fit together, by their parts in Vietnamese; a plug-in's own names kept
    const odd = { kind: 'inconsistent_data', values: { numerator: '-1', denominator: '4' } } as const
    expect(renderTraceEvent(odd, 'vi')).toBe('dữ liệu không nhất quán, gắn cờ: tử số -1, mẫu số 4')
    expect(renderTraceEvent({ kind: 'inconsistent_data', values: { soLan: '-2' } }, 'vi')).toBe('dữ liệu không nhất quán, gắn cờ: soLan -2')
  })

  test('traceLines renders a trace event by event', () => {
    const trace = { events: [CASES.sum.event, CASES.capped.event, CASES.above_maximum.event] }
    expect(traceLines(trace, 'en')).toEqual([CASES.sum.en, CASES.capped.en, CASES.above_maximum.en])
    expect(traceLines(trace, 'vi')).toEqual([CASES.sum.vi, CASES.capped.vi, CASES.above_maximum.vi])
  })
})

/** every node's steps are its events in English; returns the traces */
function stepsAreEvents(r: UnitResult): readonly NodeTrace[] {
  const traces = r.trace!
  expect(traces).toHaveLength(r.pack.nodes.length)
  for (const t of traces) expect(t.steps).toEqual(traceLines(t, 'en'))
  return traces
}

describe('steps are the English rendering of the events', () => {
  test('property: random packs (leaf-rounded for the batch) and assessments, on the interpreter and in a batch; evaluate and evaluateBatch give the same events', () => {
    fc.assert(
      fc.property(packAndBatchArb, fc.boolean(), ({ spec, assessments }, factsOnly) => {
        const pack = compilePack({ ...spec.pack, rounding: { ...spec.pack.rounding, leaf: spec.pack.rounding?.leaf ?? { decimals: 2, mode: 'half-up' as const } } })
        // facts only: no self scores, appraisals, survey or evidence (most of these packs still
        // keep to the general path: manual leaves, survey, evidence; the lane's own property follows)
        const inputs = factsOnly ? assessments.map(({ unitId, period, facts, unit }) => ({ unitId, period, ...(facts ? { facts } : {}), ...(unit ? { unit } : {}) })) : assessments
        const batch = evaluateBatch(pack, inputs, { trace: true })
        batch.units.forEach((u, i) => {
          const single = evaluate(pack, inputs[i]!, { trace: true })
          const a = stepsAreEvents(single)
          const b = stepsAreEvents(u.result)
          expect(strict(b.map((t) => t.events))).toEqual(strict(a.map((t) => t.events)))
        })
      }),
      { numRuns: 150 },
    )
  })

  test('property: lane-shaped packs and units (lane-arbitraries.ts), on the lane and alone (some units take the lane)', () => {
    let lane = 0
    fc.assert(
      fc.property(
        laneCaseArb.chain((c) => laneUnitsArb(c).map((inputs) => ({ pack: c.pack, inputs }))),
        ({ pack: packInput, inputs }) => {
          const pack = laneEngine.compilePack(packInput)
          // twice: a second batch reuses what the first shared (events, steps) and must read the same
          for (let round = 0; round < 2; round++) {
            let batch: ReturnType<typeof evaluateBatch>
            try {
              batch = evaluateBatch(pack, inputs, { trace: true })
            } catch {
              return // invalid inputs: lane.test.ts checks their issues
            }
            batch.units.forEach((u, i) => {
              if (u.result.laneOf() !== undefined) lane++
              const b = stepsAreEvents(u.result)
              const a = stepsAreEvents(evaluate(pack, inputs[i]!, { trace: true }))
              expect(strict(b.map((t) => t.events))).toEqual(strict(a.map((t) => t.events)))
            })
          }
        },
      ),
      { numRuns: 100 },
    )
    expect(lane).toBeGreaterThan(0)
  })
})

describe('steps are rendered when read', () => {
  // two areas (a steps leaf and a ratio leaf each, leaf rounding) under a root with a
  // deduction: small enough to read, shaped for the integer lane
  const pack = compilePack({
    id: 'test/lazy-steps',
    version: '1.0.0',
    title: 'lazy steps',
    scale: 4,
    criteria: [1, 2].map((a) => ({
      code: String(a),
      title: `Area ${a}`,
      maxPoints: 2,
      children: [
        {
          code: `${a}.1`,
          title: `Steps ${a}`,
          maxPoints: 1,
          rule: {
            kind: 'steps' as const,
            fact: `f${a}`,
            steps: [
              { min: 90, points: 1 },
              { min: 70, points: 0.5 },
            ],
          },
        },
        { code: `${a}.2`, title: `Ratio ${a}`, maxPoints: 1, rule: { kind: 'ratio' as const, numerator: `n${a}`, denominator: `d${a}` } },
      ],
    })),
    adjustments: [{ id: 'late', type: 'deduction' as const, title: 'Late reports', amount: { kind: 'per' as const, fact: 'late', points: 0.5 }, cap: 1 }],
    rounding: { leaf: { decimals: 2, mode: 'half-up' as const } },
  })
  // units 0 and 1 have the same sum on area 1 (1 + 0.33, 0.5 + 0.83), by other facts
  const units = [
    { f1: 95, n1: 1, d1: 3, f2: 60, n2: 5, d2: 5, late: 0 },
    { f1: 75, n1: 5, d1: 6, f2: 91, n2: 7, d2: 9, late: 3 },
    { f1: 72, n1: 4, d1: 6, f2: 80, n2: 0, d2: 4, late: 1 },
  ].map((facts, i) => ({ unitId: `u${i}`, period: '2024', facts }))

  test('on the interpreter and on the lane: the English lines of the events, made once and frozen; JSON writes them after the events', () => {
    const alone = units.map((u) => evaluate(pack, u, { trace: true }))
    const batch = evaluateBatch(pack, units, { trace: true })
    expect(batch.units.every((u) => u.result.laneOf() !== undefined)).toBe(true)
    // the lane's traces, steps included (verify compares their JSON), are the interpreter's
    expect(() => evaluateBatch(pack, units, { trace: true, kernel: 'verify' })).not.toThrow()
    batch.units.forEach((u, i) => {
      for (const [k, r] of [alone[i]!, u.result].entries()) {
        for (const t of stepsAreEvents(r)) {
          expect(t.steps).toBe(t.steps)
          expect(Object.isFrozen(t.steps)).toBe(true)
          const json = JSON.parse(JSON.stringify(t)) as Record<string, unknown>
          const keys = Object.keys(json)
          expect(keys.indexOf('steps'), `${k} ${t.code}`).toBe(keys.indexOf('events') + 1)
          expect(json.steps).toEqual(t.steps)
        }
      }
      expect(JSON.stringify(u.result.trace)).toBe(JSON.stringify(alone[i]!.trace))
    })
    // a ratio leaf's rounding and the root's deduction (its own cap applied) are in the words
    expect(alone[0]!.node('1.2')!.trace!.steps).toEqual(['rule ratio: 1/3 × 1', 'rounded half-up to 2 places: 1/3 → 0.33'])
    expect(batch.units[1]!.result.trace![0]!.steps.slice(1)).toEqual(['adjustments: +0 −1'])
    // an inner node without adjustments: units with the same sum share one frozen trace on the lane
    const area = (i: number) => batch.units[i]!.result.node('1')!.trace!
    expect(area(0).sumOfChildren!.eq(area(1).sumOfChildren!)).toBe(true)
    expect(area(1)).toBe(area(0))
    expect(Object.isFrozen(area(0))).toBe(true)
    expect(area(2)).not.toBe(area(0))
  })
})
