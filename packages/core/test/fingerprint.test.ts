/**
 * Acceptance 8: the fingerprint depends on content, not on key order; any change of a
 * number, a code or evidence gives another fingerprint.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, compilePack, ENGINE_VERSION, evaluate, sha256Hex, type AssessmentInput, type CriterionInput, type PackInput } from '@chiso/core'
import { shuffleKeys } from './arbitraries.js'

const c11: CriterionInput = { code: '1.1', title: 'a', maxPoints: 2, evidence: { required: true } }
const c12: CriterionInput = {
  code: '1.2',
  title: 'b',
  maxPoints: 2,
  rule: {
    kind: 'steps',
    fact: 'rate',
    steps: [
      { min: 90, points: 2 },
      { min: 50, points: 1 },
    ],
  },
}
const c1: CriterionInput = { code: '1', title: 'A', maxPoints: 4, children: [c11, c12] }
const c2: CriterionInput = { code: '2', title: 'B', maxPoints: 6 }
const packJson: PackInput = {
  id: 'fp/x',
  version: '1.0.0',
  title: { vi: 'Vân tay', en: 'Fingerprint' },
  criteria: [c1, c2],
  bands: [{ code: 'tot', label: 'Tốt', min: 80 }],
}
const assessment: AssessmentInput = {
  unitId: 'xa-1',
  period: '2024',
  unit: { id: 'xa-1', name: 'Xã Một', kind: 'commune', attributes: { border: true, area: { km2: 12.5 } } },
  facts: { rate: 91, other: { a: [1, 2, { b: 'c' }] } },
  selfScores: { '1.1': 1.5, '2': 5 },
  evidence: [{ id: 'e1', number: '12/KH-UBND', issuer: 'UBND xã', criteria: ['1.1'] }],
  appraisals: [{ round: 1, reviewer: 'Tổ thẩm định', at: '2024-01-15', changes: [{ code: '2', points: 4.5, reason: 'Thiếu báo cáo' }] }],
}
const fp = (p: unknown, a: unknown) => evaluate(compilePack(p), a).fingerprint

describe('fingerprint', () => {
  const base = fp(packJson, assessment)

  it('is sha256 over canonical JSON of (engine version, pack content hash, canonical assessment)', () => {
    const r = evaluate(compilePack(packJson), assessment)
    expect(r.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(r.fingerprint).toBe(sha256Hex(canonicalJson({ engine: ENGINE_VERSION, pack: r.pack.contentHash, assessment: r.assessment })))
    expect(r.pack.contentHash).toBe(sha256Hex(canonicalJson(r.pack.source)))
  })

  it('is the same for the same inputs with keys in any order, at every depth', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let s = seed >>> 0
        const rnd = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
        expect(fp(shuffleKeys(packJson, rnd), shuffleKeys(assessment, rnd))).toBe(base)
      }),
      { numRuns: 40 },
    )
  })

  it('canonicalJson sorts keys and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 1, c: 2 }] })).toBe('{"a":[true,null,{"c":2,"d":1}],"b":1}')
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }))
  })

  const variants: [string, unknown, unknown][] = [
    ['a self score', packJson, { ...assessment, selfScores: { '1.1': 1.75, '2': 5 } }],
    ['a fact', packJson, { ...assessment, facts: { ...assessment.facts, rate: 90 } }],
    ['a nested fact', packJson, { ...assessment, facts: { rate: 91, other: { a: [1, 2, { b: 'd' }] } } }],
    ['a unit attribute', packJson, { ...assessment, unit: { ...assessment.unit!, attributes: { border: false, area: { km2: 12.5 } } } }],
    ['an appraisal number', packJson, { ...assessment, appraisals: [{ ...assessment.appraisals![0]!, changes: [{ code: '2', points: 4.25, reason: 'Thiếu báo cáo' }] }] }],
    ['an appraisal reason', packJson, { ...assessment, appraisals: [{ ...assessment.appraisals![0]!, changes: [{ code: '2', points: 4.5, reason: 'Khác' }] }] }],
    ['an appraisal code', packJson, { ...assessment, appraisals: [{ ...assessment.appraisals![0]!, changes: [{ code: '1.1', points: 1.5, reason: 'Thiếu báo cáo' }] }] }],
    ['the evidence number', packJson, { ...assessment, evidence: [{ ...assessment.evidence![0]!, number: '13/KH-UBND' }] }],
    ['the evidence links', packJson, { ...assessment, evidence: [{ ...assessment.evidence![0]!, criteria: ['1.1', '2'] }] }],
    ['no evidence', packJson, { ...assessment, evidence: [] }],
    ['the unit id', packJson, { ...assessment, unitId: 'xa-2' }],
    ['the period', packJson, { ...assessment, period: '2025' }],
    ['a pack maximum', { ...packJson, criteria: [c1, { ...c2, maxPoints: 6.5 }] }, assessment],
    [
      'a pack step threshold',
      {
        ...packJson,
        criteria: [
          {
            ...c1,
            children: [
              c11,
              {
                ...c12,
                rule: {
                  kind: 'steps',
                  fact: 'rate',
                  steps: [
                    { min: 91, points: 2 },
                    { min: 50, points: 1 },
                  ],
                },
              },
            ],
          },
          c2,
        ],
      },
      assessment,
    ],
    ['a pack code', { ...packJson, criteria: [c1, { ...c2, code: '3' }] }, { ...assessment, selfScores: { '1.1': 1.5, '3': 5 }, appraisals: [] }],
    ['a band minimum', { ...packJson, bands: [{ code: 'tot', label: 'Tốt', min: 81 }] }, assessment],
    ['the pack version', { ...packJson, version: '1.0.1' }, assessment],
  ]

  it.each(variants)('changes when %s changes', (_what, p, a) => {
    expect(fp(p, a)).not.toBe(base)
  })

  it('all the variants differ from each other too', () => {
    const all = variants.map(([, p, a]) => fp(p, a))
    expect(new Set([base, ...all]).size).toBe(all.length + 1)
  })

  it('recalculating gives the same fingerprint and the same numbers', () => {
    const a = evaluate(compilePack(packJson), assessment)
    const b = evaluate(compilePack(JSON.parse(JSON.stringify(packJson))), JSON.parse(JSON.stringify(assessment)))
    expect(b.fingerprint).toBe(a.fingerprint)
    expect(b.total.toString()).toBe(a.total.toString())
    expect(b.index.toString()).toBe(a.index.toString())
  })
})

describe('canonicalJson', () => {
  // the plain recursive definition: sorted keys, undefined members dropped, toJSON used
  const reference = (value: unknown): string => {
    if (value === null) return 'null'
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return JSON.stringify(value)
    if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`
  }
  it('property: the same text as the plain recursive definition, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(reference(v))
      }),
      { numRuns: 500 },
    )
  })
})
