/**
 * What traces share between units and batches (a lane's events of a fixed outcome, its
 * ratio explanations, interned traces, the pack's titles) is read-only: an edit to a shared
 * part throws, and no edit to one unit's trace reaches another unit's, `evaluate`'s or a
 * later batch's. And a lane trace says what `evaluate`'s says, a plug-in kind's ratio
 * maximum included. Exact numbers are not frozen (out of this file's scope): they are
 * skipped where a trace is walked.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { z } from 'zod'
import {
  canonicalJson,
  compilePack,
  createEngine,
  evaluate,
  evaluateBatch,
  Exact,
  reconstructionSummary,
  safeEvaluate,
  safeEvaluateBatch,
  type CompiledPack,
  type NodeTrace,
  type UnitResult,
} from '@chiso/core'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
import { laneCaseArb, laneEngine, laneUnitsArb } from './lane-arbitraries.js'

/** a result's trace as JSON writes it, canonical: what two traces must agree on */
const traceJson = (r: UnitResult): string => canonicalJson(JSON.parse(JSON.stringify(r.trace ?? null)))

/** an assignment as strict-mode code makes it (this module is strict): throws on a frozen object */
function tryEdit(edit: () => void): boolean {
  try {
    edit()
    return true
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError)
    return false
  }
}

/** every object and array reachable from v (but Exact numbers and the objects in `skip`), into seen */
function walk(v: unknown, seen: Set<object>, skip?: ReadonlySet<object>): void {
  if (v === null || typeof v !== 'object' || v instanceof Exact || seen.has(v) || skip?.has(v)) return
  seen.add(v)
  for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], seen, skip)
}

/**
 * every object and array reachable from a unit's traces (steps included), but Exact numbers
 * and the caller's own objects (a fact's value, borrowed: the caller's to share)
 */
function reachable(trace: readonly NodeTrace[], callers: ReadonlySet<object>): Set<object> {
  const seen = new Set<object>()
  for (const t of trace) {
    walk(t, seen, callers)
    walk(t.steps, seen, callers)
  }
  return seen
}

// leaf rounding to hundredths: a fixed outcome of 0.125 is rounded, and its trace has a rounding event
const roundingPack = compilePack({
  id: 'shared/rounding',
  version: '1.0.0',
  title: 'Chỉ số thử',
  rounding: { leaf: { decimals: 2, mode: 'half-up' } },
  criteria: [
    {
      code: '1',
      title: 'Công tác chỉ đạo, điều hành',
      maxPoints: 1.5,
      floor: 0.5,
      children: [
        {
          code: '1.1',
          title: 'Tỷ lệ văn bản ban hành đúng hạn',
          maxPoints: 1,
          rule: {
            kind: 'steps',
            fact: 'onTime',
            steps: [
              { min: 90, points: 0.125 },
              { min: 0, points: 0 },
            ],
          },
        },
        { code: '1.2', title: 'Hồ sơ giải quyết đúng hạn', maxPoints: 0.5, rule: { kind: 'ratio', numerator: 'dossiersOnTime', denominator: 'dossiers' } },
      ],
    },
  ],
})

describe('shared trace events of the integer lane', () => {
  it("a fixed outcome's rounding event is frozen: editing it throws, and no other unit's trace or later batch's changes", () => {
    const units = [95, 96, 97, 40].map((onTime, i) => ({ unitId: `xa-${i}`, period: '2024', facts: { onTime, dossiersOnTime: (1 + i) % 4, dossiers: 3 } }))
    const expected = units.map((a) => traceJson(evaluate(roundingPack, a, { trace: true })))
    const batch = evaluateBatch(roundingPack, units, { trace: true })
    expect(batch.units.every((u) => u.result.laneOf() !== undefined)).toBe(true)
    const first = batch.units[0]!.result.node('1.1')!.trace!
    const rounding = first.events[1]!
    expect(rounding.kind).toBe('rounding')
    // the same event in every unit taking the outcome: one object, read-only
    expect(batch.units[2]!.result.node('1.1')!.trace!.events[1]).toBe(rounding)
    expect(Object.isFrozen(rounding)).toBe(true)
    const edit = rounding as unknown as Record<string, unknown>
    expect(tryEdit(() => (edit.to = (rounding as { from: Exact }).from))).toBe(false)
    expect(tryEdit(() => (edit.decimals = 9))).toBe(false)
    expect(tryEdit(() => (first.events as TraceEvent[]).push(rounding))).toBe(false)
    // the ratio's shared explanation and the inner node's shared sum (below its floor): read-only too
    const ratio = batch.units[0]!.result.node('1.2')!.trace!
    expect(tryEdit(() => ((ratio.events[0] as unknown as Record<string, unknown>).branch = 'x'))).toBe(false)
    const inner = batch.units[3]!.result.node('1')!.trace!
    expect(inner.events.map((e) => e.kind)).toEqual(['sum', 'below_floor'])
    for (const e of inner.events) expect(tryEdit(() => ((e as unknown as Record<string, unknown>).kind = 'x'))).toBe(false)
    batch.units.forEach((u, i) => expect(traceJson(u.result)).toBe(expected[i]))
    // a later batch on the same compiled pack, and evaluate, say what they said before
    const later = evaluateBatch(roundingPack, [...units].reverse(), { trace: true, inputs: 'borrow' })
    later.units.forEach((u, i) => expect(traceJson(u.result)).toBe(expected[units.length - 1 - i]))
    units.forEach((a, i) => expect(traceJson(evaluate(roundingPack, a, { trace: true }))).toBe(expected[i]))
    expect(later.units[0]!.result.node('1.1')!.trace!.steps).toEqual(['rule steps: ≥ 0 → 0'])
    expect(later.units[3]!.result.node('1.1')!.trace!.steps).toEqual(['rule steps: ≥ 90 → 0.125', 'rounded half-up to 2 places: 0.125 → 0.13'])
  })

  it('property: every object a trace shares with another unit or a later batch is frozen; random edits to a unit’s trace reach no other trace', () => {
    let sharedSeen = 0
    let editsRefused = 0
    fc.assert(
      fc.property(
        laneCaseArb.chain((c) => laneUnitsArb(c).map((inputs) => ({ pack: c.pack, inputs }))),
        fc.constantFrom('borrow' as const, 'copy' as const),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('set', 'add', 'delete', 'push')), { minLength: 1, maxLength: 12 }),
        ({ pack: packInput, inputs }, mode, edits) => {
          const pack = laneEngine.compilePack(packInput)
          const singles = inputs.map((a) => safeEvaluate(pack, a, { trace: true }))
          const first = safeEvaluateBatch(pack, inputs, { trace: true, inputs: mode })
          if (!first.ok) return
          const expected = singles.map((s) => (s.ok ? traceJson(s.value) : ''))
          // a second batch before any edit: what the lane keeps across batches shows up in both
          const second = evaluateBatch(pack, [...inputs].reverse(), { trace: true, inputs: mode })
          const owners = new Map<object, number>()
          const callers = new Set<object>()
          walk(inputs, callers)
          const perUnit = [...first.value.units, ...second.units].map((u) => reachable(u.result.trace!, callers))
          for (const objects of perUnit) for (const o of objects) owners.set(o, (owners.get(o) ?? 0) + 1)
          for (const [o, n] of owners) {
            if (n < 2) continue
            sharedSeen++
            expect(Object.isFrozen(o)).toBe(true)
          }
          // edits to parts of one unit's trace (the first batch's)
          const victim = edits[0]![0] % inputs.length
          const parts = [...perUnit[victim]!]
          for (const [which, key, how] of edits) {
            const part = parts[which % parts.length]! as Record<string, unknown>
            const keys = Object.keys(part)
            const k = keys.length > 0 ? keys[key % keys.length]! : 'x'
            const done = tryEdit(() => {
              // (deleting a key an object lacks changes nothing, frozen or not: an empty part gets a key added)
              if (keys.length === 0 || how === 'add') part.added = 1
              else if (how === 'set') part[k] = 'edited'
              else if (how === 'delete') delete part[k]
              else if (Array.isArray(part)) part.push('edited')
              else part[k] = null
            })
            if (!done) editsRefused++
            // a part any other trace holds refuses every edit
            if ((owners.get(part) ?? 0) > 1) expect(done).toBe(false)
          }
          first.value.units.forEach((u, i) => {
            if (i !== victim) expect(traceJson(u.result)).toBe(expected[i])
          })
          second.units.forEach((u, i) => expect(traceJson(u.result)).toBe(expected[inputs.length - 1 - i]))
          const later = evaluateBatch(pack, inputs, { trace: true, inputs: mode })
          later.units.forEach((u, i) => expect(traceJson(u.result)).toBe(expected[i]))
          inputs.forEach((a, i) => expect(traceJson(evaluate(pack, a, { trace: true }))).toBe(expected[i]))
        },
      ),
      { numRuns: 150 },
    )
    // the property saw shared parts, and edits refused
    expect(sharedSeen).toBeGreaterThan(0)
    expect(editsRefused).toBeGreaterThan(0)
  })
})

type TraceEvent = NodeTrace['events'][number]

// a plug-in kind scoring a ratio of half the leaf's maximum: its form declares its own max
const HALF = 'half-ratio'
const halfEngine = createEngine().addRuleKind({
  kind: HALF,
  schema: z.strictObject({ kind: z.literal(HALF), numerator: z.string().min(1), denominator: z.string().min(1) }),
  compile: (rule, ctx) => ({
    facts: [rule.numerator, rule.denominator],
    form: { form: 'ratio', numerator: rule.numerator, denominator: rule.denominator, max: ctx.maxPoints.div(Exact.from(2)), zeroDenominator: 'full', code: ctx.code },
  }),
})

describe("a plug-in kind's ratio form on the lane", () => {
  // leaves of one kind whose forms share a maximum and leaves whose forms do not, beside the built-in ratio
  const pack = halfEngine.compilePack({
    id: 'shared/half-ratio',
    version: '1.0.0',
    title: 'Chỉ số thử',
    rounding: { leaf: { decimals: 2, mode: 'half-up' } },
    criteria: [
      {
        code: '1',
        title: 'Thủ tục hành chính',
        maxPoints: 9,
        children: [
          { code: '1.1', title: 'Hồ sơ đúng hạn (nửa)', maxPoints: 2, rule: { kind: HALF, numerator: 'n', denominator: 'd' } },
          { code: '1.2', title: 'Hồ sơ trực tuyến (nửa)', maxPoints: 4, rule: { kind: HALF, numerator: 'n', denominator: 'd' } },
          { code: '1.3', title: 'Hồ sơ đúng hạn', maxPoints: 1, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
          { code: '1.4', title: 'Hồ sơ trực tuyến', maxPoints: 2, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
        ],
      },
    ],
  })

  it("explains whole counts with the form's maximum, as evaluate does (each kernel, each input mode)", () => {
    const units = [
      [1, 3],
      [3, 3],
      [2, 7],
      [0, 5],
      [1, 3],
    ].map(([n, d], i) => ({ unitId: `xa-${i}`, period: '2024', facts: { n, d } }))
    for (const opts of [{ trace: true }, { trace: true, inputs: 'borrow' }, { trace: true, kernel: 'verify' }] as const) {
      const batch = evaluateBatch(pack, units, opts)
      batch.units.forEach((u, i) => {
        expect(u.result.laneOf()).toBeDefined()
        expect(traceJson(u.result)).toBe(traceJson(evaluate(pack, units[i]!, { trace: true })))
      })
      expect(batch.units[0]!.result.node('1.1')!.trace!.steps).toEqual(['rule half-ratio: 1/3 × 1', 'rounded half-up to 2 places: 1/3 → 0.33'])
      expect(batch.units[0]!.result.node('1.2')!.trace!.steps).toEqual(['rule half-ratio: 1/3 × 2', 'rounded half-up to 2 places: 2/3 → 0.67'])
      expect(batch.units[1]!.result.node('1.1')!.trace!.steps).toEqual(['rule half-ratio: 3/3 × 1'])
      expect(batch.units[1]!.result.node('1.1')!.trace!.computed?.toString()).toBe('1')
      // the built-in ratio of the same maximum explains in its own kind's name
      expect(batch.units[0]!.result.node('1.3')!.trace!.steps).toEqual(['rule ratio: 1/3 × 1', 'rounded half-up to 2 places: 1/3 → 0.33'])
    }
  })

  it('property: any counts, any order of units: the batch explains them as evaluate does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 40 }), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 12 }), (counts) => {
        const units = counts.map(([n, d], i) => ({ unitId: `xa-${i}`, period: '2024', facts: { n: Math.min(n, d), d } }))
        const batch = evaluateBatch(pack, units, { trace: true })
        batch.units.forEach((u, i) => expect(traceJson(u.result)).toBe(traceJson(evaluate(pack, units[i]!, { trace: true }))))
      }),
    )
  })
})

describe("the compiled pack's texts", () => {
  /** every bilingual text a compiled pack holds */
  const textsOf = (pack: CompiledPack): object[] => [
    pack.title,
    ...pack.nodes.flatMap((n) => (n.basis ? [n.title, n.basis] : [n.title])),
    ...pack.adjustments.map((a) => a.title),
    ...pack.bands.map((b) => b.label),
  ]

  it("are frozen: a title or label a result or trace hands out cannot change the pack or another unit's", () => {
    const sample = generateSampleProvince({ seed: 11, years: [2025] })
    for (const p of sample.years[0]!.packs) {
      const pack = vnCchc.compile(p.packId)
      expect(pack.adjustments.length).toBeGreaterThan(0)
      for (const t of textsOf(pack)) expect(Object.isFrozen(t)).toBe(true)
      const units = p.assessments.slice(0, 6)
      const expected = units.map((a) => traceJson(evaluate(pack, a, { trace: true })))
      const batch = evaluateBatch(pack, units, { trace: true })
      const r = evaluate(pack, units[0]!, { trace: true })
      const applied = r.trace!.flatMap((t) => t.adjustments)
      expect(applied.length).toBeGreaterThan(0)
      const title = applied[0]!.title
      const before = title.vi
      expect(title).toBe(pack.adjustments.find((a) => a.id === applied[0]!.id)!.title)
      expect(tryEdit(() => ((title as { vi: string }).vi = 'ĐÃ SỬA'))).toBe(false)
      const batchTitle = batch.units[1]!.result.trace!.flatMap((t) => t.adjustments)[0]!.title
      expect(tryEdit(() => ((batchTitle as { vi: string }).vi = 'ĐÃ SỬA'))).toBe(false)
      // node titles, band labels and the basis as results hand them out
      const node = r.node(pack.nodes[1]!.code)!
      expect(tryEdit(() => ((node.title as { vi: string }).vi = 'ĐÃ SỬA'))).toBe(false)
      const band = batch.units.find((u) => u.band !== undefined)?.band
      if (band) expect(tryEdit(() => ((band.label as { en?: string }).en = 'edited'))).toBe(false)
      const basis = reconstructionSummary(pack).basis
      if (basis) expect(tryEdit(() => ((basis as { vi: string }).vi = 'ĐÃ SỬA'))).toBe(false)
      expect(title.vi).toBe(before)
      expect(pack.adjustments.find((a) => a.id === applied[0]!.id)!.title.vi).toBe(before)
      batch.units.forEach((u, i) => expect(traceJson(u.result)).toBe(expected[i]))
      units.forEach((a, i) => expect(traceJson(evaluate(pack, a, { trace: true }))).toBe(expected[i]))
    }
  })
})
