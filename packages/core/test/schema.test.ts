/**
 * Acceptance 1: zod schemas and the generated JSON Schema (packJsonSchema), checked with
 * the small validator in json-schema-lite.ts (it fails loudly on any keyword it does not
 * know, so it cannot silently accept what it does not understand).
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ENGINE_VERSION, safeCompilePack } from '@chiso/core'
import { ruleKinds, BUILT_IN_RULE_KINDS } from '@chiso/core/plugin'
import { AssessmentSchema, PackSchema, packJsonSchema } from '@chiso/core/schemas'
import { packSpecArb } from './arbitraries.js'
import { validate, type Schema } from './json-schema-lite.js'

const validPack = {
  $schema: './pack.schema.json',
  id: 'demo/commune',
  version: '1.2.0',
  title: { vi: 'Bộ chỉ số mẫu', en: 'Sample' },
  effective: { from: '2024-01-01' },
  appliesTo: ['commune'],
  scale: 10,
  floor: 0,
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo',
      maxPoints: '6',
      children: [
        { code: '1.1', title: 'A', maxPoints: 1, rule: { kind: 'manual', step: 0.25 }, evidence: { required: true, minDocuments: 1 } },
        { code: '1.2', title: 'B', maxPoints: 1, rule: { kind: 'boolean', fact: 'ok' } },
        {
          code: '1.3',
          title: 'C',
          maxPoints: 1,
          rule: {
            kind: 'choice',
            fact: 'plan',
            options: [
              { value: 'on-time', points: 1 },
              { value: 'late', points: 0.5 },
            ],
          },
        },
        {
          code: '1.4',
          title: 'D',
          maxPoints: 1,
          rule: {
            kind: 'steps',
            fact: 'rate',
            steps: [
              { min: 90, points: 1 },
              { min: 70, points: 0.5, minExclusive: true },
            ],
          },
        },
        { code: '1.5', title: 'E', maxPoints: 1, rule: { kind: 'ratio', numerator: 'onTime', denominator: 'total' } },
        {
          code: '1.6',
          title: 'F',
          maxPoints: 1,
          rule: { kind: 'count', fact: 'n', pointsEach: 0.25, cap: 1 },
          applicability: { all: [{ fact: 'unit', path: '$.attributes.border', operator: 'equal', value: true }] },
        },
      ],
    },
    { code: '2', title: 'Khảo sát', maxPoints: 2, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: '0.5' } } },
    {
      code: '3',
      title: 'Điều kiện',
      maxPoints: 2,
      rule: { kind: 'conditions', branches: [{ when: { any: [{ fact: 'x', operator: 'greaterThan', value: 3 }, { not: { fact: 'y', operator: 'in', value: [1, 2] } }] }, points: 2 }], otherwise: 0 },
    },
  ],
  adjustments: [{ id: 'late-report', type: 'deduction', title: 'Báo cáo chậm', amount: { kind: 'per', fact: 'lateReports', points: 0.5 }, cap: 2 }],
  bands: [
    { code: 'tot', label: 'Tốt', min: 80 },
    { code: 'kha', label: 'Khá', min: 65, minExclusive: true },
  ],
  ranking: { method: 'dense', by: 'index' },
  rounding: { leaf: { decimals: 2 }, index: { decimals: 2, mode: 'half-even' } },
  index: { kind: 'ratio', scale: 100 },
  evidencePolicy: { missing: 'flag' },
}

describe('zod schemas', () => {
  it('accept a valid pack and a valid assessment', () => {
    expect(PackSchema.safeParse(validPack).success).toBe(true)
    expect(AssessmentSchema.safeParse({ unitId: 'x', period: '2024', selfScores: { '1.1': '0.75' }, facts: { rate: 91 } }).success).toBe(true)
  })
  it('reject an invalid pack: bad id, bad version, unknown field, decimal text that is not a number', () => {
    for (const bad of [
      { ...validPack, id: 'Demo Commune' },
      { ...validPack, version: '1.2' },
      { ...validPack, extra: 1 },
      { ...validPack, scale: 'ten' },
      { ...validPack, criteria: [{ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'manual' }, bogus: true }] },
    ]) {
      expect(PackSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false)
    }
  })
})

describe('packJsonSchema()', () => {
  const schema = packJsonSchema() as Schema

  it('is draft 2020-12 with an id and a title', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(typeof schema.$id).toBe('string')
    expect(schema.type).toBe('object')
  })

  it('every $ref resolves to a $defs entry', () => {
    const refs: string[] = []
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk)
      if (n === null || typeof n !== 'object') return
      for (const [k, v] of Object.entries(n)) {
        if (k === '$ref') refs.push(v as string)
        else walk(v)
      }
    }
    walk(schema)
    expect(refs.length).toBeGreaterThan(0)
    const defs = schema.$defs as Record<string, unknown>
    for (const r of refs) {
      expect(r).toMatch(/^#\/\$defs\//)
      expect(defs[r.slice('#/$defs/'.length)], r).toBeDefined()
    }
  })

  it('the rule of a criterion is an anyOf listing every registered kind, with its options', () => {
    const criterion = (schema.$defs as Record<string, Schema>).Criterion!
    const rule = (criterion.properties as Record<string, Schema>).rule!
    const kinds = (rule.anyOf as Schema[]).map((b) => (b.properties as Record<string, Schema>).kind!.const)
    expect([...kinds].sort()).toEqual([...ruleKinds()].sort())
    expect([...kinds].sort()).toEqual([...BUILT_IN_RULE_KINDS].sort())
    const steps = (rule.anyOf as Schema[]).find((b) => (b.properties as Record<string, Schema>).kind!.const === 'steps')!
    expect(steps.required).toEqual(expect.arrayContaining(['kind', 'fact', 'steps']))
    expect(steps.additionalProperties).toBe(false)
  })

  it('validates a valid pack', () => {
    expect(validate(schema, schema, validPack)).toEqual([])
    expect(safeCompilePack(validPack).ok).toBe(true)
    expect(validate(schema, schema, JSON.parse(JSON.stringify(validPack)))).toEqual([])
  })

  it('rejects invalid packs, each at the right place', () => {
    const withLeaf = (leaf: unknown) => ({ ...validPack, criteria: [leaf] })
    const cases: [unknown, string][] = [
      [{ ...validPack, id: 'Demo Commune' }, '#/id'],
      [{ ...validPack, extra: true }, '#/extra'],
      [(({ title: _t, ...rest }) => rest)(validPack), '#/title'],
      [withLeaf({ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'nope' } }), '#/criteria/0/rule'],
      [withLeaf({ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'steps', fact: 'r' } }), '#/criteria/0/rule'],
      [withLeaf({ code: '1', title: 'x', maxPoints: 1, rule: { kind: 'manual', stepp: 1 } }), '#/criteria/0/rule'],
      [withLeaf({ code: '1', title: 'x', maxPoints: 'lots' }), '#/criteria/0/maxPoints'],
      [withLeaf({ code: '1', title: 'x', maxPoints: 1, applicability: { fact: 'a', operator: 'equal', value: 1, extra: 2 } }), '#/criteria/0/applicability'],
      [{ ...validPack, bands: [{ code: 'x', label: 'X' }] }, '#/bands/0/min'],
    ]
    for (const [pack, where] of cases) {
      const errs = validate(schema, schema, pack)
      expect(errs.length, where).toBeGreaterThan(0)
      expect(
        errs.some((e) => e.startsWith(where)),
        `${where} in ${errs.join(', ')}`,
      ).toBe(true)
      // and the engine refuses it too (rule options are checked by the rule kind at compile)
      expect(safeCompilePack(pack).ok).toBe(false)
    }
  })

  it('property: every random valid pack from the shared arbitrary validates against it', () => {
    fc.assert(
      fc.property(packSpecArb, (spec) => {
        expect(validate(schema, schema, JSON.parse(JSON.stringify(spec.pack)))).toEqual([])
      }),
      { numRuns: 100 },
    )
  })

  it('the committed schema/pack.schema.json is exactly packJsonSchema() (regenerate with npm run build)', () => {
    const file = JSON.parse(readFileSync(new URL('../schema/pack.schema.json', import.meta.url), 'utf8')) as unknown
    expect(file).toEqual(JSON.parse(JSON.stringify(packJsonSchema())))
  })

  it('ENGINE_VERSION equals the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(ENGINE_VERSION).toBe(pkg.version)
  })
})
