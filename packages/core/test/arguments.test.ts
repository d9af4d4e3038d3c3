/**
 * A public function given the wrong thing — a pack's JSON where a compiled pack is read,
 * null, a compiled pack where JSON is read, a misspelt option — answers with ONE typed
 * issue at the argument's path, in Vietnamese and English: a ChisoError from the throwing
 * form, `{ ok: false, issues }` from the safe one (never a throw), never a JavaScript crash
 * message inside `unexpected_error` nor a bare TypeError.
 */
import fc from 'fast-check'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  ChisoError,
  traceLines,
  type ChisoIssue,
  compareYears,
  checkInputLimits,
  compilePack,
  composePack,
  createRegistry,
  createUnitRegistry,
  evaluate,
  evaluateBatch,
  Exact,
  isCoreIssueCode,
  type PackInput,
  reconstructionSummary,
  recalculate,
  recalculateMany,
  type ResultRecord,
  safeCompilePack,
  safeEvaluate,
  safeEvaluateBatch,
  safeRecalculate,
} from '../src/index.js'
import { traceArgumentIssue } from '../src/util/arguments.js'
import { analyseSensitivity, bandFor, diffPacks, groupPointsLost, methodologyImpact, planImprovement, pointsLost, safeMethodologyImpact, safePlanImprovement } from '../src/analysis/index.js'

const RAW: PackInput = {
  id: 'demo/args',
  version: '1.0.0',
  title: 'Demo',
  scale: 10,
  criteria: [
    { code: '1', title: 'Chỉ đạo', maxPoints: 6, children: [{ code: '1.1', title: 'Kế hoạch', maxPoints: 6, rule: { kind: 'boolean', fact: 'planIssued' } }] },
    { code: '2', title: 'Bộ máy', maxPoints: 4, children: [{ code: '2.1', title: 'Nhiệm vụ', maxPoints: 4, rule: { kind: 'manual', step: 0.5 } }] },
  ],
  bands: [
    { code: 'tot', label: 'Tốt', min: 80 },
    { code: 'kha', label: 'Khá', min: 50 },
  ],
}
const PACK = compilePack(RAW)
const A = { unitId: 'xa-a', period: '2024', facts: { planIssued: true }, selfScores: { '2.1': 3 } }
const RESULT = evaluate(PACK, A, { trace: true })
const RECORD = RESULT.toJSON()
const REGISTRY = createRegistry([RAW])
const MAPPING = { from: { id: RAW.id }, to: { id: RAW.id } }

/** The issues a call reports (thrown in a ChisoError, or returned by a safe form); fails on a plain throw or a success. */
function reported(f: () => unknown, safe: boolean): readonly ChisoIssue[] {
  let v: unknown
  try {
    v = f()
  } catch (e) {
    if (safe) throw new Error(`a safe function threw: ${String(e)}`)
    if (!(e instanceof ChisoError)) throw new Error(`not a ChisoError: ${String(e)}`)
    return e.issues
  }
  if (v !== null && typeof v === 'object' && 'ok' in v && (v as { ok: boolean }).ok === false) return (v as unknown as { issues: readonly ChisoIssue[] }).issues
  throw new Error('no problem reported')
}

type Case = readonly [name: string, call: () => unknown, code: string, path: readonly (string | number)[], safe?: boolean]

const CASES: readonly Case[] = [
  // (a) a pack's JSON or null where a compiled pack is read
  ['evaluate(raw)', () => evaluate(RAW as never, A), 'invalid_argument', ['pack']],
  ['evaluate(null)', () => evaluate(null as never, A), 'invalid_argument', ['pack']],
  ['safeEvaluate(raw)', () => safeEvaluate(RAW as never, A), 'invalid_argument', ['pack'], true],
  ['safeEvaluate(null)', () => safeEvaluate(null as never, A), 'invalid_argument', ['pack'], true],
  ['evaluateBatch(raw)', () => evaluateBatch(RAW as never, [A]), 'invalid_argument', ['pack']],
  ['safeEvaluateBatch(raw)', () => safeEvaluateBatch(RAW as never, [A]), 'invalid_argument', ['pack'], true],
  ['safeEvaluateBatch(null)', () => safeEvaluateBatch(null as never, [A]), 'invalid_argument', ['pack'], true],
  ['planImprovement(raw)', () => planImprovement(RAW as never, A), 'invalid_argument', ['pack']],
  ['safePlanImprovement(raw)', () => safePlanImprovement(RAW as never, A), 'invalid_argument', ['pack'], true],
  ['planImprovement population [1, 2]', () => planImprovement(PACK, A, { population: [1, 2] as never }), 'invalid_argument', ['options', 'population']],
  ['safePlanImprovement population [1, 2]', () => safePlanImprovement(PACK, A, { population: [1, 2] as never }), 'invalid_argument', ['options', 'population'], true],
  ['methodologyImpact raw from', () => methodologyImpact(RAW as never, PACK, [A], MAPPING), 'invalid_argument', ['from']],
  ['safeMethodologyImpact raw to', () => safeMethodologyImpact(PACK, RAW as never, [A], MAPPING), 'invalid_argument', ['to'], true],
  ['pointsLost(record)', () => pointsLost(RECORD as never), 'invalid_argument', ['result']],
  ['recalculate without options', () => (recalculate as (r: unknown) => unknown)(RECORD), 'invalid_argument', ['options']],
  ['safeRecalculate without options', () => (safeRecalculate as (r: unknown) => unknown)(RECORD), 'invalid_argument', ['options'], true],
  ['safeRecalculate { packs }', () => safeRecalculate(RECORD, { packs: [RAW] } as never), 'invalid_argument', ['options', 'registry'], true],
  ['recalculate { registry: [pack] }', () => recalculate(RECORD, { registry: [RAW] as never }), 'invalid_argument', ['options', 'registry']],
  ['safeRecalculate { registry: compiled }', () => safeRecalculate(RECORD, { registry: PACK as never }), 'invalid_argument', ['options', 'registry'], true],
  // (b) plain TypeErrors before
  ['reconstructionSummary(raw)', () => reconstructionSummary(RAW as never), 'invalid_argument', ['pack']],
  ['bandFor(raw, x)', () => bandFor(RAW as never, Exact.from(50)), 'invalid_argument', ['pack']],
  ['bandFor(pack, "abc")', () => bandFor(PACK, 'abc' as never), 'invalid_argument', ['value']],
  ['analyseSensitivity(raw)', () => analyseSensitivity(RAW as never, [A], { draws: 3, seed: 1 } as never), 'invalid_argument', ['pack']],
  ['analyseSensitivity without options', () => (analyseSensitivity as (p: unknown, a: unknown) => unknown)(PACK, [A]), 'invalid_argument', ['options']],
  ['diffPacks(raw, pack)', () => diffPacks(RAW as never, PACK), 'invalid_argument', ['from']],
  ['diffPacks(pack, raw)', () => diffPacks(PACK, RAW as never), 'invalid_argument', ['to']],
  ['groupPointsLost({})', () => groupPointsLost({} as never), 'invalid_argument', ['batch']],
  ['compareYears(null)', () => compareYears(null as never), 'invalid_argument', ['resultsByYear']],
  ["compareYears({ '2024': [1, 2] })", () => compareYears({ '2024': [1, 2] } as never), 'invalid_argument', ['resultsByYear', '2024']],
  ['createRegistry(null)', () => createRegistry(null as never), 'invalid_argument', ['packs']],
  ['createUnitRegistry(null)', () => createUnitRegistry(null as never), 'invalid_argument', ['units']],
  ['recalculateMany(null)', () => recalculateMany(null as never, { registry: REGISTRY }), 'invalid_argument', ['records']],
  ['Exact toFixed(-1)', () => Exact.from(1).toFixed(-1), 'invalid_argument', ['decimals']],
  ['Exact toFixed(1.5)', () => Exact.from(1).toFixed(1.5), 'invalid_argument', ['decimals']],
  // (c) a compiled pack where a pack's JSON is read
  ['compilePack(compiled)', () => compilePack(PACK), 'compiled_pack_given', []],
  ['safeCompilePack(compiled)', () => safeCompilePack(PACK), 'compiled_pack_given', [], true],
  ['createRegistry([raw, compiled])', () => createRegistry([RAW, PACK]), 'compiled_pack_given', [1]],
  ['composePack(compiled, raw)', () => composePack(PACK, RAW), 'compiled_pack_given', [], true],
  ['composePack(raw, compiled)', () => composePack(RAW, PACK), 'compiled_pack_given', ['(base)'], true],
  // (d) options nobody reads
  ['safeEvaluate { traces }', () => safeEvaluate(PACK, A, { traces: true } as never), 'unknown_option', ['options', 'traces'], true],
  ['evaluateBatch { kernal }', () => evaluateBatch(PACK, [A], { kernal: 'verify' } as never), 'unknown_option', ['options', 'kernal']],
  ['safeEvaluateBatch { kernal }', () => safeEvaluateBatch(PACK, [A], { kernal: 'verify' } as never), 'unknown_option', ['options', 'kernal'], true],
  ['safePlanImprovement { targt }', () => safePlanImprovement(PACK, A, { targt: 'next-band' } as never), 'unknown_option', ['options', 'targt'], true],
]

describe('a wrong argument is one typed issue at its path', () => {
  for (const [name, call, code, path, safe = false] of CASES)
    it(name, () => {
      const issues = reported(call, safe)
      expect(issues.map((i) => [i.code, i.path])).toEqual([[code, path]])
      const [i] = issues
      expect(isCoreIssueCode(i!.code)).toBe(true)
      // whole messages in each language, no crash text inside
      expect(i!.message.vi).not.toMatch(/TypeError|undefined|Cannot|is not/)
      expect(i!.message.en).not.toMatch(/TypeError|Cannot read|is not a function/)
    })

  it('names the argument and what it must be, in Vietnamese and in English', () => {
    const [i] = reported(() => evaluate(RAW as never, A), false)
    expect(i!.message.vi).toBe('Tham số pack phải là bộ chỉ số đã biên dịch (kết quả của compilePack), nhận được JSON của một bộ chỉ số, chưa biên dịch: biên dịch nó trước bằng compilePack')
    expect(i!.message.en).toBe("The pack argument must be a compiled pack (what compilePack returns); received a pack's JSON, not compiled: compile it first with compilePack")
    expect(i!.params).toEqual({ argument: 'pack', expected: 'compiled_pack', received: 'pack_json' })
    const [r] = reported(() => safeRecalculate(RECORD, { registry: [RAW] as never }), true)
    expect(r!.message.vi).toBe('Tham số options.registry phải là danh mục bộ chỉ số (kết quả của createRegistry), nhận được danh sách')
  })

  it('a compiled pack given as JSON is one issue saying so', () => {
    const [i] = reported(() => compilePack(PACK), false)
    expect(i!.message.en).toBe('The pack argument is already a compiled pack: pass its JSON (pack.source), or use the compiled pack directly')
    expect(i!.message.vi).toBe('Tham số pack đã là bộ chỉ số đã biên dịch: truyền JSON của nó (pack.source), hoặc dùng trực tiếp bộ chỉ số đã biên dịch')
    // its JSON compiles to the same pack
    expect(compilePack(PACK.source).contentHash).toBe(PACK.contentHash)
  })

  it('an unknown option names the nearest known one', () => {
    const [t] = reported(() => safeEvaluate(PACK, A, { traces: true } as never), true)
    expect(t!.params).toEqual({ option: 'traces', known: 'trace, inputs', suggestion: 'trace' })
    expect(t!.message.vi).toBe('Tùy chọn "traces" không được hỗ trợ; có phải "trace"? (có: trace, inputs)')
    expect(t!.message.en).toBe('Unknown option "traces"; did you mean "trace"? (known: trace, inputs)')
    const [k] = reported(() => safeEvaluateBatch(PACK, [A], { kernal: 'verify' } as never), true)
    expect((k!.params as { suggestion?: string }).suggestion).toBe('kernel')
    const [z] = reported(() => safeEvaluate(PACK, A, { zzzzzz: 1 } as never), true)
    expect((z!.params as { suggestion?: string }).suggestion).toBeUndefined()
  })

  it('bandFor takes a number or a decimal text as its docs say, as an Exact', () => {
    expect(bandFor(PACK, 85)?.code).toBe('tot')
    expect(bandFor(PACK, '65.5')?.code).toBe('kha')
    expect(bandFor(PACK, Exact.from(10))).toBeUndefined()
  })

  it('the right arguments still work', () => {
    expect(safeEvaluate(PACK, A, {}).ok).toBe(true)
    expect(safeEvaluate(PACK, A, { trace: true, inputs: 'borrow' }).ok).toBe(true)
    expect(safeEvaluateBatch(PACK, [A], { kernel: 'verify', rankingMethod: 'dense', trace: false, inputs: 'copy', onProgress: () => {}, exclude: {} }).ok).toBe(true)
    expect(recalculate(RECORD, { registry: REGISTRY }).identical).toBe(true)
    expect(pointsLost(RESULT).areas.length).toBeGreaterThanOrEqual(0)
    expect(groupPointsLost(evaluateBatch(PACK, [A]), {}).length).toBe(1)
    expect(Exact.from('1.25').toFixed(1)).toBe('1.3')
  })

  it('toJSON() is typed as the stored record', () => {
    expectTypeOf(RESULT.toJSON()).toEqualTypeOf<ResultRecord>()
  })
})

describe('checkInputLimits on a compiled pack', () => {
  it('is one compiled_pack_given, not one issue per function it holds', () => {
    expect(checkInputLimits(PACK).map((i) => [i.code, i.path])).toEqual([['compiled_pack_given', []]])
    expect(checkInputLimits(PACK.source)).toEqual([])
  })
})

describe('traceLines refuses what is not a trace, or a language other than vi or en', () => {
  it('refuses a missing trace and a locale other than vi or en', () => {
    const trace = RESULT.node('1.1')!.trace!
    expect(traceArgumentIssue(trace, 'vi')).toBeUndefined()
    expect(traceArgumentIssue(null, 'vi')).toMatchObject({ code: 'invalid_argument', path: ['trace'], params: { expected: 'trace', received: 'null' } })
    expect(traceArgumentIssue(undefined, 'en')?.path).toEqual(['trace'])
    expect(traceArgumentIssue(trace, 'fr')).toMatchObject({ path: ['locale'], message: { en: 'The locale argument must be the language "vi" or "en"; received string' } })
  })
  it("traceLines throws the guard's typed error, never a TypeError", () => {
    const trace = RESULT.node('1.1')!.trace!
    expect(traceLines(trace, 'vi').length).toBeGreaterThan(0)
    for (const [t, locale, path] of [
      [null, 'vi', ['trace']],
      [undefined, 'en', ['trace']],
      [trace, 'fr', ['locale']],
    ] as const) {
      let err: unknown
      try {
        traceLines(t as never, locale as never)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(ChisoError)
      expect((err as ChisoError).issues).toMatchObject([{ code: 'invalid_argument', path }])
    }
  })
})

describe('a cyclic input is reported where the cycle closes', () => {
  it('at the first value met again, not 64 levels down', () => {
    const cyc: Record<string, unknown> = { unitId: 'u', period: '2024', facts: {} }
    ;(cyc.facts as Record<string, unknown>).self = cyc
    const deeper = { unitId: 'u', period: '2024', facts: { a: { b: {} as Record<string, unknown> } } }
    deeper.facts.a.b.c = deeper.facts.a
    for (const [input, path] of [
      [cyc, ['facts', 'self']],
      [deeper, ['facts', 'a', 'b', 'c']],
    ] as const) {
      for (const [r, at] of [
        [safeEvaluate(PACK, input), path],
        [safeEvaluateBatch(PACK, [input]), [0, ...path]],
        [safePlanImprovement(PACK, input), path],
      ] as const) {
        expect(r.ok).toBe(false)
        if (!r.ok) expect(r.issues.map((i) => [i.code, i.path])).toEqual([['cyclic_input', at]])
      }
    }
    const batch = safeEvaluateBatch(PACK, [A, cyc])
    expect(batch.ok ? [] : batch.issues.map((i) => [i.code, i.path])).toEqual([['cyclic_input', [1, 'facts', 'self']]])
  })
})

describe('safe functions never throw on arbitrary JSON arguments', () => {
  const everyIssueTyped = (r: { ok: boolean; issues?: readonly ChisoIssue[] }): void => {
    if (r.ok) return
    expect(r.issues!.length).toBeGreaterThan(0)
    for (const i of r.issues!) {
      expect(isCoreIssueCode(i.code)).toBe(true)
      expect(i.code).not.toBe('unexpected_error')
      expect(typeof i.message.vi).toBe('string')
      expect(typeof i.message.en).toBe('string')
    }
  }
  it('as the pack: always invalid_argument at [pack] / [from] / [to]', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        for (const [r, path] of [
          [safeEvaluate(x as never, A), ['pack']],
          [safeEvaluateBatch(x as never, [A]), ['pack']],
          [safePlanImprovement(x as never, A), ['pack']],
          [safeMethodologyImpact(x as never, PACK, [A], MAPPING), ['from']],
          [safeMethodologyImpact(PACK, x as never, [A], MAPPING), ['to']],
        ] as const) {
          expect(r.ok).toBe(false)
          if (!r.ok) expect(r.issues.map((i) => [i.code, i.path])).toEqual([['invalid_argument', path]])
        }
      }),
      { numRuns: 150 },
    )
  })
  it('as the options or the registry: a result, or typed issues', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        everyIssueTyped(safeEvaluate(PACK, A, x as never))
        everyIssueTyped(safeEvaluateBatch(PACK, [A], x as never))
        everyIssueTyped(safePlanImprovement(PACK, A, x as never))
        everyIssueTyped(safeRecalculate(RECORD, x as never))
        everyIssueTyped(safeRecalculate(RECORD, { registry: x } as never))
        everyIssueTyped(safeCompilePack(x))
        everyIssueTyped(composePack(x, RAW))
      }),
      { numRuns: 150 },
    )
  })
})
