import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compilePack, createRegistry, evaluate, recalculate, safeRecalculate, ENGINE_VERSION, type PackInput } from '@chiso/core'
import { packAndAssessmentArb } from './arbitraries.js'
import { ResultRecordSchema } from '../src/records.js'
import { parseWith } from '../src/validate.js'

const pack2019: PackInput = {
  id: 'vn/commune-2019',
  version: '1.0.0',
  family: 'vn/commune',
  title: 'Bộ chỉ số xã 2019',
  appliesTo: ['commune'],
  effective: { from: '2019-01-01', to: '2021-12-31' },
  scale: 10,
  criteria: [
    { code: '1', title: 'Kế hoạch', maxPoints: 4, rule: { kind: 'steps', fact: 'completion', steps: [{ min: 90, minExclusive: true, points: 4 }, { min: 70, points: 2 }] } },
    { code: '2', title: 'Hồ sơ đúng hạn', maxPoints: 6, rule: { kind: 'ratio', numerator: 'onTime', denominator: 'dossiers' } },
  ],
}
// a newer edition of the same family: different maxima; must not be used for 2019
const pack2022: PackInput = { ...pack2019, id: 'vn/commune-2022', effective: { from: '2022-01-01' }, scale: 10, criteria: [{ ...pack2019.criteria![0]!, maxPoints: 5, rule: { kind: 'steps', fact: 'completion', steps: [{ min: 90, points: 5 }] } }, { ...pack2019.criteria![1]!, maxPoints: 5 }] }
// a corrected re-release of the 2019 edition (same id, new version)
const pack2019b: PackInput = { ...pack2019, version: '1.0.1', criteria: [{ ...pack2019.criteria![0]!, rule: { kind: 'steps', fact: 'completion', steps: [{ min: 90, points: 4 }, { min: 70, points: 2 }] } }, pack2019.criteria![1]!] }

const assessment = { unitId: 'xa-1', period: '2019', facts: { completion: 90, onTime: 17, dossiers: 19 } }

describe('result records and recalculate', () => {
  const registry = createRegistry([pack2019, pack2019b, pack2022])

  test('evaluate returns a serialisable record with pack id@version + content hash, engine version, assessment hash and fingerprint', () => {
    const res = evaluate(registry.compile('vn/commune-2019', '1.0.0'), assessment)
    const record = JSON.parse(JSON.stringify(res)) as Record<string, unknown>
    expect(record.pack).toEqual({ id: 'vn/commune-2019', version: '1.0.0', contentHash: res.pack.contentHash })
    expect(record.engineVersion).toBe(ENGINE_VERSION)
    expect(record.assessmentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(record.fingerprint).toBe(res.fingerprint)
    // completion 90 is not > 90 → 2; 17/19 × 6 = 102/19; total 2 + 102/19 = 140/19
    expect(record.total).toBe('140/19')
  })

  test('recalculating 2019 under the version named in the record is identical, though newer versions exist', () => {
    const resolved = registry.resolve({ family: 'vn/commune', unitKind: 'commune', date: '2019-12-31' })
    expect(resolved.ok && resolved.value.version).toBe('1.0.1')
    const stored = JSON.parse(JSON.stringify(evaluate(registry.compile('vn/commune-2019', '1.0.0'), assessment)))
    const r = recalculate(stored, { registry })
    expect(r.identical).toBe(true)
    if (r.identical) expect(r.fingerprint).toBe(stored.fingerprint)
  })

  test('a tampered number is reported exactly, with its delta', () => {
    const stored = JSON.parse(JSON.stringify(evaluate(registry.compile('vn/commune-2019', '1.0.0'), assessment)))
    const nodes = stored.nodes as { code: string; points: string }[]
    nodes.find((n) => n.code === '1')!.points = '4'
    nodes.find((n) => n.code === 'total')!.points = '178/19'
    const r = recalculate(stored, { registry })
    expect(r.identical).toBe(false)
    if (r.identical) return
    expect(r.fingerprintMatches).toBe(true)
    expect(r.differences).toEqual([
      { code: 'total', field: 'points', stored: '178/19', recalculated: '140/19', delta: '-2' },
      { code: '1', field: 'points', stored: '4', recalculated: '2', delta: '-2' },
    ])
  })

  test('a changed assessment no longer matches the fingerprint', () => {
    const stored = JSON.parse(JSON.stringify(evaluate(registry.compile('vn/commune-2019', '1.0.0'), assessment)))
    stored.assessment.facts.onTime = 18
    const r = recalculate(stored, { registry })
    expect(r.identical).toBe(false)
    if (r.identical) return
    expect(r.fingerprintMatches).toBe(false)
    // 18/19 × 6 − 17/19 × 6 = 6/19
    expect(r.differences.find((d) => d.code === '2')).toEqual({ code: '2', field: 'points', stored: '102/19', recalculated: '108/19', delta: '6/19' })
  })

  test('a pack whose content changed under the same id@version is detected', () => {
    const stored = JSON.parse(JSON.stringify(evaluate(registry.compile('vn/commune-2019', '1.0.0'), assessment)))
    const edited = createRegistry([{ ...pack2019, title: 'Bộ chỉ số xã 2019 (sửa)' }])
    const r = recalculate(stored, { registry: edited })
    expect(r.identical).toBe(false)
    if (!r.identical) {
      expect(r.packContentMatches).toBe(false)
      expect(r.differences).toEqual([])
    }
  })

  test('unknown pack or malformed record → issues, not a crash', () => {
    const stored = JSON.parse(JSON.stringify(evaluate(registry.compile('vn/commune-2019', '1.0.0'), assessment)))
    const r = safeRecalculate({ ...stored, pack: { ...stored.pack, version: '9.9.9' } }, { registry })
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['unknown_pack'])
    const bad = safeRecalculate({ kind: 'chiso.unit-result' }, { registry })
    expect(bad.ok).toBe(false)
  })

  test('property: recalculate(evaluate(x)) is identical for random packs and assessments', () => {
    fc.assert(
      fc.property(packAndAssessmentArb, ({ spec, assessment: a }) => {
        const reg = createRegistry([spec.pack])
        const record = JSON.parse(JSON.stringify(evaluate(compilePack(spec.pack), a)))
        const r = recalculate(record, { registry: reg })
        expect(r.identical).toBe(true)
      }),
      { numRuns: 80 },
    )
  })

  test('a record in the usual shape skips the schema, and every record the schema refuses is still refused, with the same issues', () => {
    const record = JSON.parse(JSON.stringify(evaluate(registry.compile('vn/commune-2019', '1.0.0'), assessment))) as Record<string, unknown>
    expect(safeRecalculate(record, { registry }).ok).toBe(true)
    const nodes = record.nodes as Record<string, unknown>[]
    const broken: Record<string, unknown>[] = [
      { ...record, kind: 'other' },
      { ...record, pack: { ...(record.pack as object), extra: 1 } },
      { ...record, nodes: [{ ...nodes[0]!, points: '1.5.0' }, ...nodes.slice(1)] },
      { ...record, nodes: [{ ...nodes[0]!, index: undefined }, ...nodes.slice(1)] },
      { ...record, nodes: 'none' },
      { ...record, total: 2 },
      { ...record, fingerprint: undefined },
      { ...record, flags: [{ code: 'x', n: Number.NaN }] },
      { ...record, assessment: { ...(record.assessment as object), facts: { completion: Number.POSITIVE_INFINITY } } },
      { ...JSON.parse('{"__proto__": {"polluted": true}}'), ...record },
    ]
    for (const r of broken) {
      const fast = safeRecalculate(r, { registry })
      const schema = parseWith(ResultRecordSchema, r)
      // refused, with the schema's own issues (or, past the schema, the assessment's)
      expect(fast.ok, JSON.stringify(r).slice(0, 80)).toBe(false)
      if (!fast.ok && !schema.data) expect(fast.issues.map((i) => [i.code, i.path])).toEqual(schema.issues.map((i) => [i.code, i.path]))
    }
  })
})
