/**
 * Small random packs and units for the improvement plan's brute-force property: at most
 * four leaves with a handful of levels each (so every combination can be scored), nested
 * nodes with bonuses, deductions, caps and floors (dead zones and capped rooms), evidence
 * under both policies, appraisal cuts, leaf and index rounding, both index formulas.
 */
import fc from 'fast-check'
import type { AssessmentInput, CriterionInput, PackInput } from '@chiso/core'

const q = (units: number): number => units / 4

interface LeafGen {
  readonly criterion: CriterionInput
  readonly max: number
  /** facts / self score of a unit */
  readonly input: fc.Arbitrary<{ facts: Record<string, unknown>; self?: number }>
}

function leafGen(code: string): fc.Arbitrary<LeafGen> {
  return fc
    .record({ maxQ: fc.integer({ min: 1, max: 6 }), kind: fc.constantFrom('boolean', 'choice', 'steps', 'manual', 'ratio', 'count', 'conditions', 'self-choice'), evidence: fc.boolean() })
    .chain(({ maxQ, kind, evidence }) => {
      const max = q(maxQ)
      const base = { code, title: `Tiêu chí ${code}`, maxPoints: max, ...(evidence ? { evidence: { required: true } } : {}) }
      const f = `f${code.replace(/\./g, '_')}`
      switch (kind) {
        case 'boolean':
          return fc.constant<LeafGen>({ criterion: { ...base, rule: { kind: 'boolean', fact: f } }, max, input: fc.boolean().map((v) => ({ facts: { [f]: v } })) })
        case 'choice':
        case 'self-choice':
          // 0 among the options: an appraisal may cut any leaf to 0
          return fc.uniqueArray(fc.integer({ min: 1, max: maxQ }), { minLength: 1, maxLength: 2 }).map((more) => {
            const pts = [0, ...more]
            const options = pts.map((p, i) => ({ value: `o${i}`, points: q(p) }))
            if (kind === 'self-choice') {
              // no fact: the unit enters one of the options' points
              return { criterion: { ...base, rule: { kind: 'choice', options } }, max, input: fc.constantFrom(...pts).map((p) => ({ facts: {}, self: q(p) })) }
            }
            return { criterion: { ...base, rule: { kind: 'choice', fact: f, options } }, max, input: fc.constantFrom(...options.map((o) => o.value)).map((v) => ({ facts: { [f]: v } })) }
          })
        case 'steps':
          return fc.record({ lo: fc.integer({ min: 0, max: maxQ - 1 }), excl: fc.boolean() }).map(({ lo, excl }) => ({
            criterion: {
              ...base,
              rule: {
                kind: 'steps',
                fact: f,
                steps: [
                  { min: 80, points: max, ...(excl ? { minExclusive: true } : {}) },
                  { min: 50, points: q(lo) },
                ],
              },
            },
            max,
            input: fc.integer({ min: 0, max: 100 }).map((v) => ({ facts: { [f]: v } })),
          }))
        case 'manual':
          return fc
            .constantFrom(1, 2)
            .chain((stepQ) =>
              fc
                .integer({ min: 0, max: Math.floor(maxQ / stepQ) })
                .map((k) => ({ criterion: { ...base, rule: { kind: 'manual', step: q(stepQ) } }, max, input: fc.constant({ facts: {}, self: q(k * stepQ) }) })),
            )
        case 'ratio':
          return fc
            .integer({ min: 1, max: 6 })
            .chain((d) =>
              fc
                .integer({ min: 0, max: d })
                .map((n) => ({ criterion: { ...base, rule: { kind: 'ratio', numerator: `${f}n`, denominator: `${f}d` } }, max, input: fc.constant({ facts: { [`${f}n`]: n, [`${f}d`]: d } }) })),
            )
        case 'count':
          return fc.integer({ min: 0, max: 3 }).map((n) => ({ criterion: { ...base, rule: { kind: 'count', fact: f, pointsEach: q(1), cap: max } }, max, input: fc.constant({ facts: { [f]: n } }) }))
        default:
          return fc.integer({ min: 0, max: 5 }).map((x) => ({
            criterion: {
              ...base,
              rule: {
                kind: 'conditions',
                branches: [
                  { when: { all: [{ fact: f, operator: 'greaterThanInclusive', value: 4 }, { not: { fact: f, operator: 'equal', value: 5 } }] }, points: max, label: 'đủ' },
                  { when: { any: [{ fact: f, operator: 'greaterThanInclusive', value: 2 }] }, points: q(Math.floor(maxQ / 2)), label: 'một phần' },
                ],
                otherwise: 0,
              },
            },
            max,
            input: fc.constant({ facts: { [f]: x } }),
          }))
      }
    })
}

interface NodeGen {
  readonly criterion: CriterionInput
  readonly max: number
  readonly leaves: LeafGen[]
}

function nodeGen(code: string, depth: number, budget: number): fc.Arbitrary<NodeGen> {
  const leaf = leafGen(code).map((l): NodeGen => ({ criterion: l.criterion, max: l.max, leaves: [l] }))
  if (depth >= 2 || budget < 2) return leaf
  const inner = fc
    .integer({ min: 1, max: Math.min(2, budget) })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => nodeGen(`${code}.${i + 1}`, depth + 1, Math.floor(budget / n)))))
    .chain((kids) =>
      fc
        .record({ floor: fc.constantFrom(undefined, undefined, 0.5, 1, 9), caps: fc.option(fc.record({ bonus: fc.constantFrom(0.25, 0.5), deduction: fc.constantFrom(0.5, 1) }), { nil: undefined }) })
        .map(({ floor, caps }) => {
          const max = kids.reduce((s, k) => s + k.max, 0)
          const criterion: CriterionInput = { code, title: `Nhóm ${code}`, maxPoints: max, children: kids.map((k) => k.criterion) }
          if (floor !== undefined) criterion.floor = floor
          if (caps) criterion.adjustmentCaps = caps
          return { criterion, max, leaves: kids.flatMap((k) => k.leaves) }
        }),
    )
  return fc.oneof(leaf, inner)
}

/** A small pack, its leaves' input generators, and the codes of its nodes. */
export interface SmallCase {
  readonly pack: PackInput
  readonly assessments: AssessmentInput[]
  readonly leafCodes: string[]
  readonly scale: number
}

/** A small pack with `units` assessments (u0 …). */
export function smallCaseArb(units = 1): fc.Arbitrary<SmallCase> {
  return fc
    .integer({ min: 1, max: 2 })
    .chain((areas) => fc.tuple(...Array.from({ length: areas }, (_, i) => nodeGen(String(i + 1), 1, areas === 1 ? 4 : 2))))
    .chain((areas) => {
      const leaves = areas.flatMap((a) => a.leaves)
      const codes = (c: CriterionInput): string[] => [c.code, ...(c.children ?? []).flatMap(codes)]
      const allCodes = areas.flatMap((a) => codes(a.criterion))
      const total = areas.reduce((s, a) => s + a.max, 0)
      const adjustment = fc.record({
        id: fc.constantFrom('a1'),
        type: fc.constantFrom('bonus' as const, 'deduction' as const),
        target: fc.constantFrom('total', ...allCodes),
        points: fc.constantFrom(0.25, 0.5, 1, 2),
      })
      const unit = (i: number): fc.Arbitrary<AssessmentInput> =>
        fc
          .record({
            inputs: fc.tuple(...leaves.map((l) => l.input)),
            evidence: fc.array(fc.boolean(), { minLength: leaves.length, maxLength: leaves.length }),
            cut: fc.option(fc.record({ leaf: fc.integer({ min: 0, max: leaves.length - 1 }), to: fc.integer({ min: 0, max: 8 }) }), { nil: undefined }),
            group: fc.constantFrom('g1'),
          })
          .map(({ inputs, evidence, cut }) => {
            const facts: Record<string, unknown> = {}
            const selfScores: Record<string, number> = {}
            inputs.forEach((x, k) => {
              Object.assign(facts, x.facts)
              if (x.self !== undefined) selfScores[leaves[k]!.criterion.code] = x.self
            })
            const a: AssessmentInput = { unitId: `u${i}`, period: '2024', group: 'g1', facts, selfScores }
            const docs = leaves.filter((l, k) => l.criterion.evidence && evidence[k]).map((l) => l.criterion.code)
            if (docs.length > 0) a.evidence = [{ id: 'ev', number: '1/KH', criteria: docs }]
            if (cut) {
              const l = leaves[cut.leaf]!
              // an appraisal cut to a value the leaf's rule accepts (0 always is, for these kinds)
              const allowed = l.criterion.rule?.kind === 'manual' ? Math.min(q(cut.to), l.max) - (Math.min(q(cut.to), l.max) % Number(l.criterion.rule.step)) : 0
              a.appraisals = [{ round: 1, reviewer: 'Tổ thẩm định', at: '2024-12-20', changes: [{ code: l.criterion.code, points: allowed, reason: 'Chưa đủ hồ sơ' }] }]
            }
            return a
          })
      return fc
        .record({
          adjustments: fc.array(adjustment, { maxLength: 1 }),
          leafRounding: fc.option(fc.constantFrom(0, 1), { nil: undefined }),
          indexRounding: fc.option(fc.record({ decimals: fc.integer({ min: 0, max: 2 }), mode: fc.constantFrom('half-up' as const, 'half-even' as const, 'down' as const, 'up' as const) }), {
            nil: undefined,
          }),
          indexKind: fc.constantFrom('ratio' as const, 'points' as const),
          indexScale: fc.constantFrom(100, 10),
          policy: fc.constantFrom('zero' as const, 'flag' as const),
          floor: fc.constantFrom(undefined, 0, 1),
          units: fc.tuple(...Array.from({ length: units }, (_, i) => unit(i))),
        })
        .map((o): SmallCase => {
          const pack: PackInput = {
            id: 'test/small',
            version: '1.0.0',
            title: 'Small pack',
            criteria: areas.map((a) => a.criterion),
            adjustments: o.adjustments.map((x) => ({ id: x.id, type: x.type, title: `Điều chỉnh ${x.id}`, target: x.target, amount: { kind: 'fixed' as const, points: x.points } })),
            bands: [
              { code: 'tot', label: 'Tốt', min: Math.round((o.indexKind === 'points' ? total : o.indexScale) * 80) / 100 },
              { code: 'kha', label: 'Khá', min: Math.round((o.indexKind === 'points' ? total : o.indexScale) * 50) / 100, minExclusive: true },
            ],
            index: { kind: o.indexKind, scale: o.indexScale },
            evidencePolicy: { missing: o.policy },
          }
          if (o.floor !== undefined) pack.floor = o.floor
          if (o.leafRounding !== undefined || o.indexRounding !== undefined) {
            pack.rounding = { ...(o.leafRounding !== undefined ? { leaf: { decimals: o.leafRounding } } : {}), ...(o.indexRounding ? { index: o.indexRounding } : {}) }
          }
          return { pack, assessments: o.units, leafCodes: leaves.map((l) => l.criterion.code), scale: o.indexKind === 'points' ? total : o.indexScale }
        })
    })
}
