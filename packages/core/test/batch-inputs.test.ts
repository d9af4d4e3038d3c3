/**
 * What a batch does with inputs it cannot take as they are: positions it cannot read, holes,
 * properties a copy does not take, misspelt options. Every path (the integer lane, the exact
 * interpreter, `evaluate`) reports the same problems at the same paths, and a result always
 * scores, keeps and explains the same assessment.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ChisoError, compilePack, evaluate, safeEvaluate, safeEvaluateBatch, type ChisoIssue } from '@chiso/core'
import { analyseSensitivity, planImprovement } from '@chiso/core/analysis'

// leaf rounding: a batch takes the integer lane; the same pack without it: the interpreter
const source = (rounded: boolean) => ({
  id: 'batch-inputs/x',
  version: '1.0.0',
  title: 'I',
  ...(rounded ? { rounding: { leaf: { decimals: 2, mode: 'half-up' as const } } } : {}),
  criteria: [
    { code: '1', title: 'A', maxPoints: 1, rule: { kind: 'steps', fact: 'f', steps: [{ min: 50, points: 1 }] } },
    { code: '2', title: 'B', maxPoints: 1, rule: { kind: 'ratio', numerator: 'n', denominator: 'd' } },
  ],
})
const lanePack = compilePack(source(true))
const exactPack = compilePack(source(false))

const good = (i: number) => ({ unitId: `u${i}`, period: '2024', facts: { f: 60, n: 1, d: 3 } })
// a problem the schema finds in another unit: it must still be reported next to the unreadable one
const bad = { unitId: 'u9', period: '2024', facts: { f: 'x', n: 1, d: 3 }, selfScores: { nope: 1 } }

const codes = (issues: readonly ChisoIssue[]) => issues.map((i) => [i.code, i.path])

const throwing = (): never => {
  throw new Error('boom')
}
const unreadable: Record<string, () => unknown> = {
  'revoked proxy facts': () => {
    const p = Proxy.revocable({ f: 60 }, {})
    p.revoke()
    return { unitId: 'u1', period: '2024', facts: p.proxy }
  },
  'throwing unitId getter': () => {
    const a = { period: '2024', facts: { f: 60 } }
    Object.defineProperty(a, 'unitId', { get: throwing, enumerable: true })
    return a
  },
  'throwing fact getter': () => {
    const facts = { n: 1, d: 3 }
    Object.defineProperty(facts, 'f', { get: throwing, enumerable: true })
    return { unitId: 'u1', period: '2024', facts }
  },
}

describe('inputs that cannot be read', () => {
  for (const [what, make] of Object.entries(unreadable)) {
    for (const inputs of ['copy', 'borrow'] as const) {
      it(`${what}, inputs ${inputs}: unreadable_input at its path on every kernel, the other units' problems too`, () => {
        const single = safeEvaluate(lanePack, make(), { inputs })
        expect(single.ok).toBe(false)
        const [code, path] = codes(single.ok ? [] : single.issues)[0]!
        expect(code).toBe('unreadable_input')
        // the bad unit's own problems, as a batch of it alone reports them, moved to position 2
        const alone = safeEvaluateBatch(exactPack, [bad])
        const badIssues = codes(alone.ok ? [] : alone.issues).map(([c, p]) => [c, [2, ...(p as (string | number)[]).slice(1)]])
        expect(badIssues.length).toBeGreaterThan(0)
        const expected = [['unreadable_input', [1, ...(path as (string | number)[])]], ...badIssues]
        for (const pack of [lanePack, exactPack]) {
          for (const kernel of ['auto', 'interpreter', 'verify'] as const) {
            const r = safeEvaluateBatch(pack, [good(0), make(), bad], { inputs, kernel })
            expect(r.ok).toBe(false)
            expect(codes(r.ok ? [] : r.issues)).toEqual(expected)
          }
        }
      })
    }
  }

  it('a position of the inputs array that cannot be read is unreadable_input there; a non-array is invalid_type at []', () => {
    const list = [good(0), good(1), good(2)]
    Object.defineProperty(list, 1, { get: throwing })
    for (const pack of [lanePack, exactPack]) {
      const r = safeEvaluateBatch(pack, list)
      expect(r.ok).toBe(false)
      expect(codes(r.ok ? [] : r.issues)).toEqual([['unreadable_input', [1]]])
      for (const notList of [undefined, null, good(0), 'u1', 3]) {
        const n = safeEvaluateBatch(pack, notList as unknown as unknown[])
        expect(n.ok).toBe(false)
        expect(codes(n.ok ? [] : n.issues)).toEqual([['invalid_type', []]])
      }
    }
  })

  it('holes are refused at their positions, as an explicit undefined is (never dropped, never shifting the units)', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    const sparse = [good(0), , good(2)]
    for (const pack of [lanePack, exactPack]) {
      for (const inputs of ['copy', 'borrow'] as const) {
        const withHole = safeEvaluateBatch(pack, sparse, { inputs })
        const withUndefined = safeEvaluateBatch(pack, [good(0), undefined, good(2)], { inputs })
        expect(withHole.ok).toBe(false)
        expect(codes(withHole.ok ? [] : withHole.issues)).toEqual(codes(withUndefined.ok ? [] : withUndefined.issues))
        expect(codes(withHole.ok ? [] : withHole.issues)).toEqual([['invalid_type', [1]]])
        const empty = safeEvaluateBatch(pack, new Array(3), { inputs })
        expect(codes(empty.ok ? [] : empty.issues)).toEqual([0, 1, 2].map((i) => ['invalid_type', [i]]))
      }
    }
  })
})

describe('options', () => {
  it('a misspelt kernel, input mode or ranking method, or a value of the wrong type, is refused at its path (never taken for the default)', () => {
    const r = safeEvaluateBatch(lanePack, [good(0)], { kernel: 'interpeter', inputs: 'borrowed', rankingMethod: 'olympic', trace: 'yes', onProgress: 1 } as never)
    expect(r.ok).toBe(false)
    const issues = r.ok ? [] : r.issues
    expect(codes(issues)).toEqual([
      ['invalid_value', ['options', 'inputs']],
      ['invalid_type', ['options', 'trace']],
      ['invalid_value', ['options', 'kernel']],
      ['invalid_value', ['options', 'rankingMethod']],
      ['invalid_type', ['options', 'onProgress']],
    ])
    // the message names what is allowed, in both languages
    expect(issues[2]!.message.vi).toContain('"interpreter"')
    expect(issues[2]!.message.en).toContain('expected one of "auto", "interpreter", "verify"')
    // evaluate refuses the options it shares with a batch the same way
    const single = safeEvaluate(lanePack, good(0), { inputs: 'borow', trace: 1 } as never)
    expect(codes(single.ok ? [] : single.issues)).toEqual([
      ['invalid_value', ['options', 'inputs']],
      ['invalid_type', ['options', 'trace']],
    ])
    for (const bad of [null, 3]) {
      const r = safeEvaluate(lanePack, good(0), bad as never)
      expect(codes(r.ok ? [] : r.issues)).toEqual([['invalid_type', ['options']]])
    }
    for (const kernel of ['auto', 'interpreter', 'verify'] as const) expect(safeEvaluateBatch(lanePack, [good(0)], { kernel }).ok).toBe(true)
  })
})

describe('a copied input is what is scored, kept and explained', () => {
  // a fact held as a property a copy does not take (not enumerable): absent in copy mode on
  // every path, read in borrow mode (the result keeps the input itself) on every path
  const withHiddenFact = () => {
    const facts = { n: 1, d: 3 }
    Object.defineProperty(facts, 'f', { value: 60, enumerable: false })
    return { unitId: 'u1', period: '2024', facts }
  }
  const snapshot = (r: ReturnType<typeof evaluate>) => JSON.stringify({ total: r.total.toString(), nodes: r.nodes.map((n) => n.points.toString()), flags: r.flags, trace: r.trace })

  for (const inputs of ['copy', 'borrow'] as const) {
    it(`a fact that is not enumerable, inputs ${inputs}: every kernel and evaluate agree, points and trace`, () => {
      for (const pack of [lanePack, exactPack]) {
        for (const trace of [false, true]) {
          const single = evaluate(pack, withHiddenFact(), { trace, inputs })
          expect(single.node('1')!.points.toString()).toBe(inputs === 'copy' ? '0' : '1')
          for (const kernel of ['auto', 'interpreter', 'verify'] as const) {
            const r = safeEvaluateBatch(pack, [withHiddenFact()], { trace, inputs, kernel })
            expect(r.ok).toBe(true)
            if (r.ok) expect(snapshot(r.value.units[0]!.result)).toBe(snapshot(single))
          }
        }
      }
    })
  }

  it('property: getters that answer each read otherwise never make a result disagree with its own copy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant('text')), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (answers, rounded) => {
          const pack = rounded ? lanePack : exactPack
          const inputs = answers.map((seq, i) => {
            let reads = 0
            const facts = { n: 1, d: 3 }
            Object.defineProperty(facts, 'f', { enumerable: true, get: () => seq[Math.min(reads++, seq.length - 1)] })
            return { unitId: `u${i}`, period: '2024', facts }
          })
          const r = safeEvaluateBatch(pack, inputs, { trace: true })
          if (!r.ok) return
          for (const u of r.value.units) {
            const own = evaluate(pack, structuredClone(u.result.assessment), { trace: true })
            expect(snapshot(u.result)).toBe(snapshot(own))
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe("an edit of a result's own copy (its record)", () => {
  it('changes no points; a lane trace not yet made is refused (assessment_changed) when the copy no longer scores them; one made before stays', () => {
    const inputs = () => [0, 1].map(good)
    const batch = safeEvaluateBatch(lanePack, inputs(), { trace: true })
    expect(batch.ok).toBe(true)
    if (!batch.ok) return
    const [r0, r1] = batch.value.units.map((u) => u.result) as [ReturnType<typeof evaluate>, ReturnType<typeof evaluate>]
    expect(r0.laneOf()).toBeDefined()
    const before = JSON.stringify(r1.trace)
    const points = [r0.total.toString(), r1.total.toString()]
    ;(r0.assessment.facts as Record<string, unknown>).f = 10
    ;(r1.assessment.facts as Record<string, unknown>).f = 10
    expect([r0.total.toString(), r1.total.toString()]).toEqual(points)
    let thrown: unknown
    try {
      void r0.trace
    } catch (e) {
      thrown = e
    }
    expect((thrown as { issues?: ChisoIssue[] }).issues?.map((i) => i.code)).toEqual(['assessment_changed'])
    expect(JSON.stringify(r1.trace)).toBe(before)
  })
})

describe('each value of an input read once, whichever path scores it', () => {
  /** facts whose `f` answers each read with the next value of `seq` (the last one after that) */
  const answering = (i: number, seq: readonly unknown[]) => {
    let reads = 0
    const facts = { n: 1, d: 3 }
    Object.defineProperty(facts, 'f', { enumerable: true, get: () => seq[Math.min(reads++, seq.length - 1)] })
    return { unitId: `u${i}`, period: '2024', facts }
  }
  const outcome = (r: { ok: true; value: { total: { toString(): string } } } | { ok: false; issues: readonly ChisoIssue[] }) => (r.ok ? `total ${r.value.total}` : JSON.stringify(codes(r.issues)))

  it('property: a batch (every kernel, copy mode) says of each unit what evaluate says of it, even when the lane hands a unit to the full path; progress never goes back', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant('abc')), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.boolean(), (seqs, rounded) => {
        const pack = rounded ? lanePack : exactPack
        const singles = seqs.map((seq, i) => safeEvaluate(pack, answering(i, seq)))
        for (const kernel of ['auto', 'interpreter', 'verify'] as const) {
          const done: number[] = []
          const r = safeEvaluateBatch(
            pack,
            seqs.map((seq, i) => answering(i, seq)),
            { kernel, onProgress: (d) => done.push(d) },
          )
          if (singles.every((x) => x.ok)) {
            expect(r.ok).toBe(true)
            if (r.ok) expect(r.value.units.map((u) => `total ${u.result.total}`)).toEqual(singles.map((x) => outcome(x as never)))
          } else {
            expect(r.ok).toBe(false)
            // every unit's problems, at its position, as evaluate finds them
            const expected = singles.flatMap((x, i) => (x.ok ? [] : codes(x.issues).map(([c, p]) => [c, [i, ...(p as (string | number)[])]])))
            if (!r.ok) expect(codes(r.issues)).toEqual(expected)
          }
          for (let k = 1; k < done.length; k++) expect(done[k]!).toBeGreaterThan(done[k - 1]!)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('planImprovement plans from what evaluate scores', () => {
    for (const pack of [lanePack, exactPack]) {
      const plan = planImprovement(pack, answering(0, [60, 10]), { target: { index: 90 } })
      expect(plan.before.total.toString()).toBe(evaluate(pack, answering(0, [60, 10])).total.toString())
    }
  })

  it('every copy keeps an object without a prototype as one: results and plans alike', () => {
    const bare = () => {
      const facts = Object.assign(Object.create(null) as Record<string, unknown>, { f: 40, n: 1, d: 3 })
      return { unitId: 'u1', period: '2024', facts }
    }
    for (const pack of [lanePack, exactPack]) {
      expect(Object.getPrototypeOf(evaluate(pack, bare()).assessment.facts)).toBe(null)
      const batch = safeEvaluateBatch(pack, [bare()])
      expect(batch.ok && Object.getPrototypeOf(batch.value.units[0]!.result.assessment.facts)).toBe(null)
      // a plan's assessment is a copy too: the one already met, and the one with its steps applied
      const met = planImprovement(pack, bare(), { target: { index: 0 } })
      expect(met.status).toBe('met')
      expect(Object.getPrototypeOf(met.assessment.facts)).toBe(null)
      const planned = planImprovement(pack, bare(), { target: { index: 90 } })
      expect(planned.steps.length).toBeGreaterThan(0)
      expect(Object.getPrototypeOf(planned.assessment.facts)).toBe(null)
    }
  })

  it('analyseSensitivity reads its inputs as a batch does: holes, unreadable positions and non-arrays are ChisoErrors at their paths', () => {
    const options = { draws: 3, weights: { spread: 0.1 } }
    const problems = (inputs: unknown) => {
      try {
        analyseSensitivity(lanePack, inputs as unknown[], options)
      } catch (e) {
        expect(e).toBeInstanceOf(ChisoError)
        return codes((e as ChisoError).issues)
      }
      return 'no error'
    }
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    expect(problems([good(0), , good(2)])).toEqual([['invalid_type', [1]]])
    const list = [good(0), good(1)]
    Object.defineProperty(list, 1, { get: throwing })
    expect(problems(list)).toEqual([['unreadable_input', [1]]])
    expect(problems('u1')).toEqual([['invalid_type', []]])
    const revoked = Proxy.revocable([good(0)], {})
    revoked.revoke()
    expect(problems(revoked.proxy)).toEqual([['unreadable_input', []]])
    expect(codes((safeEvaluateBatch(lanePack, revoked.proxy) as unknown as { issues: ChisoIssue[] }).issues)).toEqual([['unreadable_input', []]])
  })
})
