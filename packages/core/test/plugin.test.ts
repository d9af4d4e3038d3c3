/**
 * Acceptance 2: a custom rule kind added to an engine works like the built-in ones. The
 * kind lives in an engine of this file's own, so no other test sees it.
 */
import { z } from 'zod'
import * as zm from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { createEngine, evaluate, Exact, safeEvaluate } from '@chiso/core'
import { readNumberFact, registerRuleKind, ruleKinds } from '@chiso/core/plugin'
import { packJsonSchema } from '@chiso/core/schemas'

const engine = createEngine()
engine.addRuleKind({
  kind: 'threshold',
  schema: z.strictObject({ kind: z.literal('threshold'), fact: z.string().min(1), min: z.number() }),
  compile: (rule, ctx) => {
    if (rule.min < 0) ctx.issues.push({ code: 'threshold_negative', path: [...ctx.path, 'min'], value: rule.min, message: { vi: 'ngưỡng âm', en: 'negative threshold' } })
    return {
      facts: [rule.fact],
      compute: (facts) => {
        const v = readNumberFact(facts, rule.fact)
        if (v === undefined) return undefined
        return v.gte(Exact.from(rule.min)) ? { points: ctx.maxPoints, branch: `≥ ${rule.min}` } : { points: Exact.ZERO, branch: `< ${rule.min}` }
      },
      checkEntered: (s) => (s.isZero() || s.eq(ctx.maxPoints) ? undefined : { code: 'score_not_allowed', params: { allowed: `0, ${ctx.maxPoints}` } }),
    }
  },
})

const pack = (rule: Record<string, unknown>) => ({ id: 'plug/in', version: '1.0.0', title: 'P', criteria: [{ code: '1', title: 'T', maxPoints: 3, rule }] })

describe('addRuleKind', () => {
  it('adds the kind to the engine and to its JSON Schema, not to the default engine', () => {
    expect(engine.ruleKinds()).toContain('threshold')
    expect(ruleKinds()).not.toContain('threshold')
    const schema = engine.packJsonSchema() as { $defs: { Criterion: { properties: { rule: { anyOf: { properties: { kind: { const: string } } }[] } } } } }
    expect(schema.$defs.Criterion.properties.rule.anyOf.map((b) => b.properties.kind.const)).toContain('threshold')
    const byDefault = packJsonSchema() as typeof schema
    expect(byDefault.$defs.Criterion.properties.rule.anyOf.map((b) => b.properties.kind.const)).not.toContain('threshold')
  })

  it('a pack using it compiles and scores through its closures', () => {
    const p = engine.compilePack(pack({ kind: 'threshold', fact: 'x', min: 5 }))
    expect(evaluate(p, { unitId: 'u', period: '1', facts: { x: 5 } }).total.toString()).toBe('3')
    expect(evaluate(p, { unitId: 'u', period: '1', facts: { x: 4.99 } }).total.toString()).toBe('0')
    // no fact → the self score, checked by the kind
    expect(evaluate(p, { unitId: 'u', period: '1', selfScores: { '1': 3 } }).total.toString()).toBe('3')
    const bad = safeEvaluate(p, { unitId: 'u', period: '1', selfScores: { '1': 1 } })
    expect(bad.ok ? [] : bad.issues.map((i) => i.code)).toEqual(['score_not_allowed'])
  })

  it('a rule that scores another unit of the same pack inside its compute leaves the outer unit its own entries', () => {
    // the interpreter reads a unit's entries from a table per pack: a nested score must not clobber it
    let p: ReturnType<typeof engine.compilePack> | undefined
    const nested = createEngine().addRuleKind({
      kind: 'peer',
      schema: z.strictObject({ kind: z.literal('peer') }),
      compile: (_rule, ctx) => ({
        facts: ['peer'],
        compute: (facts) => {
          if (facts.peer !== true || p === undefined) return undefined
          const peer = evaluate(p, {
            unitId: 'peer',
            period: '1',
            selfScores: { '2': 0.5 },
            appraisals: [{ round: 1, reviewer: 'r', at: '2024-01-01', changes: [{ code: '2', points: 0.25, reason: 'x' }] }],
          })
          return { points: Exact.min(ctx.maxPoints, peer.total), branch: 'peer' }
        },
      }),
    })
    p = nested.compilePack({
      id: 'plug/nested',
      version: '1.0.0',
      title: 'P',
      criteria: [
        { code: '1', title: 'T', maxPoints: 3, rule: { kind: 'peer' } },
        { code: '2', title: 'U', maxPoints: 2, rule: { kind: 'manual' } },
      ],
    })
    const r = evaluate(p, {
      unitId: 'u',
      period: '1',
      facts: { peer: true },
      selfScores: { '2': 1.5 },
      appraisals: [{ round: 1, reviewer: 'r', at: '2024-01-01', changes: [{ code: '2', points: 1.75, reason: 'y' }] }],
    })
    expect(r.node('1')!.points.toString()).toBe('0.25')
    expect(r.node('2')!.points.toString()).toBe('1.75')
    expect(r.total.toString()).toBe('2')
  })

  it('its schema validates the options at compile; its compile problems are reported with the rest', () => {
    const missing = engine.safeCompilePack(pack({ kind: 'threshold', fact: 'x' }))
    expect(missing.ok ? [] : missing.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['missing_field', 'criteria.0.rule.min']])
    const negative = engine.safeCompilePack(pack({ kind: 'threshold', fact: 'x', min: -1 }))
    expect(negative.ok ? [] : negative.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['threshold_negative', 'criteria.0.rule.min']])
  })

  it('a kind whose schema is built with zod/mini works the same: validated at compile, in the JSON Schema', () => {
    const engine = createEngine().addRuleKind({
      kind: 'at-least',
      schema: zm.strictObject({ kind: zm.literal('at-least'), fact: zm.string().check(zm.minLength(1)), min: zm.number() }),
      compile: (rule, ctx) => ({
        facts: [rule.fact],
        compute: (facts) => {
          const v = readNumberFact(facts, rule.fact)
          return v === undefined ? undefined : v.gte(Exact.from(rule.min)) ? { points: ctx.maxPoints, branch: `≥ ${rule.min}` } : { points: Exact.ZERO, branch: `< ${rule.min}` }
        },
      }),
    })
    const p = engine.compilePack(pack({ kind: 'at-least', fact: 'x', min: 2 }))
    expect(evaluate(p, { unitId: 'u', period: '1', facts: { x: 2 } }).total.toString()).toBe('3')
    expect(evaluate(p, { unitId: 'u', period: '1', facts: { x: 1 } }).total.toString()).toBe('0')
    const bad = engine.safeCompilePack(pack({ kind: 'at-least', fact: '', min: 'two' }))
    expect(bad.ok ? [] : bad.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_value', 'criteria.0.rule.fact'],
      ['invalid_type', 'criteria.0.rule.min'],
    ])
    const schema = engine.packJsonSchema() as { $defs: { Criterion: { properties: { rule: { anyOf: { properties: { kind: { const: string } } }[] } } } } }
    expect(schema.$defs.Criterion.properties.rule.anyOf.map((b) => b.properties.kind.const)).toContain('at-least')
  })

  it('a kind cannot be added twice (built-in ones included), to an engine or to the default one', () => {
    const def = { kind: 'manual', schema: z.object({ kind: z.literal('manual') }), compile: () => ({ facts: [] }) }
    expect(() => engine.addRuleKind(def)).toThrow(/already registered/)
    expect(() => registerRuleKind(def)).toThrow(/already registered/)
    expect(() => engine.addRuleKind({ ...def, kind: 'threshold', schema: z.object({ kind: z.literal('threshold') }) })).toThrow(/already registered/)
  })
})
