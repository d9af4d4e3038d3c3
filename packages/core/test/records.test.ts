import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compilePack, createRegistry, evaluate, Exact, recalculate, safeRecalculate, ENGINE_VERSION, type PackInput, type RecalcDifference } from '@chiso/core'
import { packAndAssessmentArb } from './arbitraries.js'
import { ResultRecordSchema } from '../src/time/records.js'
import { parseWith } from '../src/model/validate.js'

const pack2019: PackInput = {
  id: 'vn/commune-2019',
  version: '1.0.0',
  family: 'vn/commune',
  title: 'Bộ chỉ số xã 2019',
  appliesTo: ['commune'],
  effective: { from: '2019-01-01', to: '2021-12-31' },
  scale: 10,
  criteria: [
    {
      code: '1',
      title: 'Kế hoạch',
      maxPoints: 4,
      rule: {
        kind: 'steps',
        fact: 'completion',
        steps: [
          { min: 90, minExclusive: true, points: 4 },
          { min: 70, points: 2 },
        ],
      },
    },
    { code: '2', title: 'Hồ sơ đúng hạn', maxPoints: 6, rule: { kind: 'ratio', numerator: 'onTime', denominator: 'dossiers' } },
  ],
}
// a newer edition of the same family: different maxima; must not be used for 2019
const pack2022: PackInput = {
  ...pack2019,
  id: 'vn/commune-2022',
  effective: { from: '2022-01-01' },
  scale: 10,
  criteria: [
    { ...pack2019.criteria![0]!, maxPoints: 5, rule: { kind: 'steps', fact: 'completion', steps: [{ min: 90, points: 5 }] } },
    { ...pack2019.criteria![1]!, maxPoints: 5 },
  ],
}
// a corrected re-release of the 2019 edition (same id, new version)
const pack2019b: PackInput = {
  ...pack2019,
  version: '1.0.1',
  criteria: [
    {
      ...pack2019.criteria![0]!,
      rule: {
        kind: 'steps',
        fact: 'completion',
        steps: [
          { min: 90, points: 4 },
          { min: 70, points: 2 },
        ],
      },
    },
    pack2019.criteria![1]!,
  ],
}

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
      { code: 'total', field: 'points', path: ['nodes', 0, 'points'], stored: '178/19', recalculated: '140/19', delta: '-2' },
      { code: '1', field: 'points', path: ['nodes', 1, 'points'], stored: '4', recalculated: '2', delta: '-2' },
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
    expect(r.differences.find((d) => d.code === '2' && d.field === 'points')).toEqual({
      code: '2',
      field: 'points',
      path: ['nodes', 2, 'points'],
      stored: '102/19',
      recalculated: '108/19',
      delta: '6/19',
    })
    // the assessment is covered by its hash and the fingerprint, both recomputed from it as stored
    expect(r.differences.map((d) => d.field)).toEqual(expect.arrayContaining(['assessmentHash', 'fingerprint']))
  })

  test('a pack whose content changed under the same id@version is detected', () => {
    const stored = JSON.parse(JSON.stringify(evaluate(registry.compile('vn/commune-2019', '1.0.0'), assessment)))
    const edited = createRegistry([{ ...pack2019, title: 'Bộ chỉ số xã 2019 (sửa)' }])
    const r = recalculate(stored, { registry: edited })
    expect(r.identical).toBe(false)
    if (!r.identical) {
      expect(r.packContentMatches).toBe(false)
      expect(r.differences).toEqual([
        { code: null, field: 'pack.contentHash', path: ['pack', 'contentHash'], stored: stored.pack.contentHash, recalculated: edited.compile('vn/commune-2019').contentHash, delta: null },
      ])
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

/** every place in a JSON value: leaves, object keys, arrays (for mutations of any field) */
type Place = { readonly path: readonly (string | number)[]; readonly value: unknown }
function places(v: unknown, path: (string | number)[] = [], out: Place[] = []): Place[] {
  out.push({ path, value: v })
  if (Array.isArray(v)) v.forEach((x, i) => places(x, [...path, i], out))
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) places(x, [...path, k], out)
  return out
}
const parentOf = (root: unknown, path: readonly (string | number)[]): Record<string | number, unknown> =>
  path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>
const isExactText = (v: unknown): v is string => typeof v === 'string' && /^-?\d+(\.\d+)?(\/\d+)?$/.test(v)

/** the values a leaf may be changed to: each differs from it */
function otherValues(v: unknown): unknown[] {
  if (typeof v === 'boolean') return [!v, String(v)]
  if (typeof v === 'number') return [v + 1, -v - 0.5, String(v)]
  if (v === null) return ['0', 0, false]
  if (typeof v === 'string') {
    const out: unknown[] = [`${v}x`, `${v} `, ` ${v}`, `${v}\u200b`, '']
    if (isExactText(v)) out.push(Exact.from(v).add(Exact.ONE).toString(), Exact.from(v).neg().sub(Exact.from('1/3')).toString(), Number(v))
    if (v.normalize('NFD') !== v) out.push(v.normalize('NFD'))
    return out
  }
  return [null, 'x', 0]
}

/** Every way to change one place of a record: a leaf changed, a key deleted, a key added, an element added or removed. */
function mutationsOf(record: unknown): ((r: any) => void)[] {
  const muts: ((r: any) => void)[] = []
  for (const { path, value } of places(record)) {
    if (path.length > 0) {
      const key = path[path.length - 1]!
      if (value === null || typeof value !== 'object') for (const w of otherValues(value)) muts.push((r) => void (parentOf(r, path)[key] = w))
      const parentIsArray = Array.isArray(parentOf(record, path))
      muts.push((r) => {
        const parent = parentOf(r, path)
        if (Array.isArray(parent)) parent.splice(key as number, 1)
        else delete parent[key]
      })
      if (parentIsArray) muts.push((r) => void (parentOf(r, path) as unknown as unknown[]).splice(key as number, 0, structuredClone(value)))
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const extra of [1, 'x', null]) muts.push((r) => void (path.reduce<any>((o, k) => o[k], r).extra = extra))
    }
    if (Array.isArray(value)) muts.push((r) => void path.reduce<any>((o, k) => o[k], r).push(value.length > 0 ? structuredClone(value[0]) : 'x'))
  }
  return muts
}

describe('recalculation catches every forged field (issue #10, item 1)', () => {
  const registry = createRegistry([pack2019])
  const pack = registry.compile('vn/commune-2019', '1.0.0')
  const fresh = (): Record<string, any> => JSON.parse(JSON.stringify(evaluate(pack, assessment)))

  test('the reproducer: unitId, period, total and index edited → differences by field, not "identical"', () => {
    const forged = { ...fresh(), unitId: 'xa-forged', period: '1999', total: '99', index: '99' }
    const r = recalculate(forged, { registry })
    expect(r.identical).toBe(false)
    if (r.identical) return
    const by = Object.fromEntries(r.differences.map((d) => [d.field, d]))
    expect(by.unitId).toMatchObject({ code: null, path: ['unitId'], stored: 'xa-forged', recalculated: 'xa-1', delta: null })
    expect(by.period).toMatchObject({ path: ['period'], stored: '1999', recalculated: '2019' })
    expect(by.total).toMatchObject({ path: ['total'], stored: '99', recalculated: '140/19', delta: '-1741/19' })
    expect(by.index).toMatchObject({ path: ['index'], stored: '99', recalculated: fresh().index })
    expect(r.differences).toHaveLength(4)
  })

  test('each stored field the issue names is caught, with its stored and recalculated value', () => {
    const cases: [string, (r: Record<string, any>) => void, Partial<RecalcDifference>][] = [
      ['applicableMax', (r) => (r.applicableMax = '11'), { field: 'applicableMax', code: null, stored: '11', recalculated: '10', delta: '-1' }],
      ['group', (r) => (r.group = 'g-forged'), { field: 'group', stored: 'g-forged', recalculated: 'all' }],
      ['assessmentHash', (r) => (r.assessmentHash = '0'.repeat(64)), { field: 'assessmentHash', stored: '0'.repeat(64) }],
      ['flags', (r) => r.flags.push({ code: 'explanation_given', criterion: '1', message: { vi: 'x', en: 'x' } }), { field: 'flags[0]', path: ['flags', 0], recalculated: null }],
      ['maxPoints', (r) => (r.nodes[1].maxPoints = '5'), { code: '1', field: 'maxPoints', path: ['nodes', 1, 'maxPoints'], stored: '5', recalculated: '4', delta: '-1' }],
      ['bonus', (r) => (r.nodes[1].bonus = '1'), { code: '1', field: 'bonus', stored: '1', recalculated: null }],
      ['deduction', (r) => (r.nodes[0].deduction = '0.5'), { code: 'total', field: 'deduction', stored: '0.5', recalculated: null }],
      ['notApplicable', (r) => (r.nodes[2].notApplicable = true), { code: '2', field: 'notApplicable', stored: 'true', recalculated: 'false' }],
      ['engineVersion', (r) => (r.engineVersion = '0.0.1'), { field: 'fingerprint' }],
      ['pack.contentHash', (r) => (r.pack.contentHash = 'f'.repeat(64)), { field: 'pack.contentHash', path: ['pack', 'contentHash'], stored: 'f'.repeat(64), recalculated: pack.contentHash }],
      ['an added field', (r) => (r.verifiedBy = 'inspector'), { field: 'verifiedBy', stored: 'inspector', recalculated: null }],
      ['a second entry for a node', (r) => r.nodes.unshift({ ...r.nodes[1], points: '4' }), { code: '1', field: 'missing_node', path: ['nodes', 2], stored: '2' }],
    ]
    for (const [name, edit, expected] of cases) {
      const rec = fresh()
      edit(rec)
      const r = recalculate(rec, { registry })
      expect(r.identical, name).toBe(false)
      if (!r.identical) expect(r.differences, name).toContainEqual(expect.objectContaining(expected))
    }
  })

  test('property: any change to any field of a random record is reported; the unchanged record is identical', () => {
    fc.assert(
      fc.property(packAndAssessmentArb, fc.nat(), ({ spec, assessment: a }, pick) => {
        const reg = createRegistry([spec.pack])
        const text = JSON.stringify(evaluate(compilePack(spec.pack), a))
        const record: unknown = JSON.parse(text)
        expect(recalculate(record, { registry: reg }).identical).toBe(true)
        const muts = mutationsOf(record)
        const edited = JSON.parse(text)
        muts[pick % muts.length]!(edited)
        fc.pre(JSON.stringify(edited) !== text)
        const r = safeRecalculate(edited, { registry: reg })
        // reported: refused as invalid, or not identical with at least one difference named
        if (r.ok) {
          expect(r.value.identical, JSON.stringify(edited).slice(0, 300)).toBe(false)
          if (!r.value.identical) expect(r.value.differences.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 400 },
    )
  })

  test('every mutation of one record is reported (all of them, not a sample)', () => {
    const text = JSON.stringify(evaluate(pack, { ...assessment, selfScores: {}, explanations: { '1': 'lý do' } }))
    const record = JSON.parse(text)
    const muts = mutationsOf(record)
    expect(muts.length).toBeGreaterThan(150)
    let checked = 0
    for (const m of muts) {
      const edited = JSON.parse(text)
      m(edited)
      if (JSON.stringify(edited) === text) continue
      checked++
      const r = safeRecalculate(edited, { registry })
      if (r.ok) expect(r.value.identical, JSON.stringify(edited)).toBe(false)
    }
    expect(checked).toBeGreaterThan(150)
  })
})
