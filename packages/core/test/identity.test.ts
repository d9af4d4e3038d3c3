/**
 * Issue #10, item 7 — identity and versions: unit ids that look the same are one unit (or a
 * warning when they only look alike), versions order as semver says, a deep extends chain
 * and a second registration of a rule kind are reported with their own codes.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import semver from 'semver'
import { z } from 'zod'
import { describe, expect, test } from 'vitest'
import {
  ChisoError,
  compareVersions,
  compilePack,
  createRegistry,
  createUnitRegistry,
  evaluate,
  evaluateBatch,
  recalculate,
  createEngine,
  safeCompilePack,
  safeEvaluate,
  safeEvaluateBatch,
  type PackInput,
} from '@chiso/core'
import { normalizeUnitId, unitIdSkeleton } from '../src/population/unit-ids.js'

const pack: PackInput = {
  id: 'test/identity',
  version: '1.0.0',
  title: 'Mã đơn vị',
  criteria: [
    {
      code: '1',
      title: 'Kế hoạch',
      maxPoints: 4,
      rule: {
        kind: 'steps',
        fact: 'completion',
        steps: [
          { min: 90, points: 4 },
          { min: 70, points: 2 },
        ],
      },
    },
    { code: '2', title: 'Tự chấm', maxPoints: 6 },
  ],
}
// the same pack on the integer lane of a batch (leaves rounded, nothing entered by hand)
const lanePack: PackInput = {
  ...pack,
  id: 'test/identity-lane',
  rounding: { leaf: { decimals: 2 } },
  criteria: [pack.criteria![0]!, { code: '2', title: 'Hồ sơ', maxPoints: 6, rule: { kind: 'ratio', numerator: 'onTime', denominator: 'dossiers' } }],
}
const compiled = compilePack(pack)
const laneCompiled = compilePack(lanePack)
const facts = { completion: 92, onTime: 17, dossiers: 19 }

const NFC = 'xã-a'
const NFD = NFC.normalize('NFD')
const CYRILLIC = 'xa-\u0430' // Cyrillic а
const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code)

describe('unit ids are normalised where they enter', () => {
  test('the reproducers: NFD, a trailing space, a zero-width space or a BOM give the one NFC id, in the result, the record and the fingerprint', () => {
    expect(NFD).not.toBe(NFC)
    const base = evaluate(compiled, { unitId: NFC, period: '2024', facts })
    for (const spelled of [NFD, `${NFC} `, ` ${NFC}\t`, `xã\u200b-a`, `\ufeff${NFC}`, `xã-a\u200d`, NFD.replace('-', '\u00ad-')]) {
      const r = evaluate(compiled, { unitId: spelled, period: '2024', facts })
      expect(r.unitId, JSON.stringify(spelled)).toBe(NFC)
      expect(r.assessment.unitId).toBe(NFC)
      expect(r.fingerprint).toBe(base.fingerprint)
      expect((r.toJSON() as { unitId: string }).unitId).toBe(NFC)
    }
  })

  test('so in a batch they are one unit: duplicate_assessment, on the general path and on the lane', () => {
    for (const p of [compiled, laneCompiled]) {
      const r = safeEvaluateBatch(p, [
        { unitId: NFC, period: '2024', facts },
        { unitId: NFD, period: '2024', facts },
        { unitId: 'xa-b ', period: '2024', facts },
        { unitId: 'xa-b', period: '2024', facts },
      ])
      expect(r.ok).toBe(false)
      if (!r.ok)
        expect(r.issues.map((i) => [i.code, i.path, i.value])).toEqual([
          ['duplicate_assessment', [1, 'unitId'], NFC],
          ['duplicate_assessment', [3, 'unitId'], 'xa-b'],
        ])
    }
  })

  test('the lane and the general path give the same normal ids and records', () => {
    const inputs = [
      { unitId: NFD, period: '2024', facts },
      { unitId: ' xa-b', period: '2024', facts: { ...facts, completion: 70 } },
    ]
    const lane = evaluateBatch(laneCompiled, inputs)
    expect(lane.units.map((u) => u.unitId)).toEqual([NFC, 'xa-b'])
    for (const [i, u] of lane.units.entries()) expect(JSON.stringify(u.result)).toBe(JSON.stringify(evaluate(laneCompiled, inputs[i])))
    // looked up by any spelling of the id
    expect(lane.unit(NFD)?.unitId).toBe(NFC)
    expect(lane.unit('xa-b\u200b')?.unitId).toBe('xa-b')
  })

  test('the unit record is normalised too: id, parent and predecessors', () => {
    const r = evaluate(compiled, {
      unitId: NFD,
      period: '2024',
      unit: { id: `${NFD} `, name: 'Xã A', kind: 'commune', parentId: '\ufefftỉnh-x', predecessors: ['xã-b'.normalize('NFD'), 'xa-c\u200b'] },
      facts,
    })
    expect(r.assessment.unit).toMatchObject({ id: NFC, parentId: 'tỉnh-x', predecessors: ['xã-b', 'xa-c'] })
  })

  test('a control character inside an id is refused (invalid_unit_id), never silently joined; so is an id of nothing but spaces', () => {
    for (const [id, path] of [
      ['xa\ta', ['unitId']],
      ['xa\na', ['unitId']],
      ['xa\u0000a', ['unitId']],
      ['\u200b \u200b', ['unitId']],
    ] as const) {
      const r = safeEvaluate(compiled, { unitId: id, period: '2024', facts })
      expect(r.ok, JSON.stringify(id)).toBe(false)
      if (!r.ok) expect(r.issues.map((i) => [i.code, i.path, i.value])).toEqual([['invalid_unit_id', path, id]])
    }
    const u = safeEvaluate(compiled, { unitId: 'xa-a', period: '2024', unit: { id: 'xa-a', name: 'A', kind: 'commune', predecessors: ['ok', 'xa\rb'] } })
    expect(!u.ok && u.issues.map((i) => [i.code, i.path])).toEqual([['invalid_unit_id', ['unit', 'predecessors', 1]]])
    const batch = safeEvaluateBatch(laneCompiled, [
      { unitId: 'ok', period: '2024', facts },
      { unitId: 'bad\tid', period: '2024', facts },
    ])
    expect(!batch.ok && batch.issues.map((i) => [i.code, i.path])).toEqual([['invalid_unit_id', [1, 'unitId']]])
  })

  test('ids that only look alike are two units, and the batch carries a confusable_unit_ids warning naming both', () => {
    for (const p of [compiled, laneCompiled]) {
      const b = evaluateBatch(p, [
        { unitId: 'xa-a', period: '2024', facts },
        { unitId: 'xa-b', period: '2024', facts },
        { unitId: CYRILLIC, period: '2024', facts },
        { unitId: 'ХА-В', period: '2024', facts }, // Cyrillic capitals: not like "xa-b" (case differs)
        { unitId: 'xa\u2013b', period: '2024', facts }, // en dash
      ])
      expect(b.units).toHaveLength(5)
      expect(b.warnings.map((w) => [w.code, w.path, w.value])).toEqual([
        ['confusable_unit_ids', [2, 'unitId'], ['xa-a', CYRILLIC]],
        ['confusable_unit_ids', [4, 'unitId'], ['xa-b', 'xa\u2013b']],
      ])
      expect(b.warnings[0]!.message.en).toBe('Unit id "xa-а" looks the same as "xa-a" but its characters differ ("а" U+0430 ≠ "a" U+0061): is it the same unit?')
      expect(b.warnings[0]!.message.vi).toContain('"а" U+0430 ≠ "a" U+0061')
    }
    // plain, different ids: no warning
    expect(
      evaluateBatch(compiled, [
        { unitId: 'xa-1', period: '2024' },
        { unitId: 'xa-l', period: '2024' },
      ]).warnings,
    ).toEqual([])
  })

  test('the unit registry normalises its ids and look-ups, refuses duplicates by spelling, and warns on look-alikes', () => {
    const units = createUnitRegistry([
      { id: NFD, name: 'Xã A', kind: 'commune', validTo: '2025-06-30' },
      { id: 'xa-b ', name: 'Xã B', kind: 'commune', validTo: '2025-06-30' },
      { id: 'phường-ab', name: 'Phường AB', kind: 'ward', validFrom: '2025-07-01', predecessors: [NFC, 'xa-b'] },
      { id: CYRILLIC, name: 'Xã А', kind: 'commune' },
    ])
    expect(units.get(NFC)?.id).toBe(NFC)
    expect(units.get(`${NFD}\u200b`)?.id).toBe(NFC)
    expect(units.lineage('phường-ab'.normalize('NFD')).predecessors.map((e) => e.unit.id)).toEqual([NFC, 'xa-b'])
    expect(units.warnings).toEqual([])
    const more = createUnitRegistry([
      { id: 'xa-a', name: 'A', kind: 'commune' },
      { id: 'x', name: 'X', kind: 'commune' },
      { id: CYRILLIC, name: 'А', kind: 'commune' },
    ])
    expect(more.warnings.map((w) => [w.code, w.path])).toEqual([['confusable_unit_ids', [2, 'id']]])
    try {
      createUnitRegistry([
        { id: NFC, name: 'A', kind: 'commune' },
        { id: `${NFD} `, name: 'A again', kind: 'commune' },
        { id: 'x\ty', name: 'Y', kind: 'commune' },
      ])
      expect.unreachable()
    } catch (e) {
      expect((e as ChisoError).issues.map((i) => [i.code, i.path])).toEqual([
        ['duplicate_unit', [1, 'id']],
        ['invalid_unit_id', [2, 'id']],
      ])
    }
  })

  test('property: normalising is idempotent, keeps normal ids as they are, and leaves no format character, edge space or decomposed form', () => {
    const piece = fc.constantFrom('x', 'ã', 'a\u0303', 'ư', 'Đ', 'Ð', '-', ' ', '\u200b', '\u200d', '\ufeff', '\u00ad', '\u202e', '\u00a0', 'а', 'ο', '1')
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((xs) => xs.join('')),
        fc.string({ unit: 'binary', maxLength: 8 }),
        (built, any) => {
          for (const id of [built, any]) {
            const n = normalizeUnitId(id)
            if (n === undefined) continue
            expect(normalizeUnitId(n)).toBe(n)
            expect(n).toBe(n.normalize('NFC'))
            expect(n).toBe(n.trim())
            expect(n).not.toMatch(/\p{Cf}|\p{Cc}/u)
            expect(n.length).toBeGreaterThan(0)
            // look-alikes share a skeleton whatever their spelling
            expect(unitIdSkeleton(n)).toBe(
              unitIdSkeleton(
                id
                  .normalize('NFD')
                  .replace(/\p{Cf}/gu, '')
                  .trim(),
              ),
            )
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('records stored before ids were normalised', () => {
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/stored-records-0.1.0.json', import.meta.url), 'utf8'))
  const registry = createRegistry([fixture.pack])

  test('records with clean ids (Vietnamese, a unit record with lineage, scored on the lane) still recalculate identically', () => {
    for (const rec of [fixture.records.clean, ...fixture.records.lane]) {
      const r = recalculate(rec, { registry })
      expect(r.identical, rec.unitId).toBe(true)
      if (r.identical) expect(r.fingerprint).toBe(rec.fingerprint)
    }
  })

  test('a record whose id kept a trailing space reports the id it now has (and the hashes of the normal assessment are not claimed)', () => {
    const rec = fixture.records.trailingSpace
    expect(rec.unitId).toBe('xa-1 ')
    const r = recalculate(rec, { registry })
    expect(r.identical).toBe(false)
    if (!r.identical) {
      expect(r.differences).toEqual([{ code: null, field: 'unitId', path: ['unitId'], stored: 'xa-1 ', recalculated: 'xa-1', delta: null }])
      // the stored assessment still hashes to what was stored: nothing else was edited
      expect(r.fingerprintMatches).toBe(true)
    }
  })
})

describe('versions order as semver says', () => {
  test('the reproducers: rc.10 after rc.9; build metadata does not change the order; "1.2" is not a version', () => {
    expect(compareVersions('1.2.0-rc.10', '1.2.0-rc.9')).toBe(1)
    expect(compareVersions('1.2.0-rc.9', '1.2.0-rc.10')).toBe(-1)
    expect(compareVersions('1.2.0+build.2', '1.2.0+build.10')).toBe(0)
    expect(compareVersions('1.2.0+build-5', '1.2.0')).toBe(0) // a hyphen in build metadata is not a pre-release
    expect(compareVersions('1.2.0-rc.1+b', '1.2.0-rc.1')).toBe(0)
    expect(['1.10.0', '1.2.0', '1.2.0-rc.10', '1.2.0-rc.9', '1.2.0-alpha'].sort(compareVersions)).toEqual(['1.2.0-alpha', '1.2.0-rc.9', '1.2.0-rc.10', '1.2.0', '1.10.0'])
    try {
      compareVersions('1.2', '1.2.0')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ChisoError)
      expect((e as ChisoError).issues.map((i) => [i.code, i.path, i.value])).toEqual([['invalid_version', [0], '1.2']])
    }
  })

  test('the registry takes the highest by precedence, and refuses two versions of equal precedence', () => {
    const reg = createRegistry([
      { ...pack, version: '1.2.0-rc.9' },
      { ...pack, version: '1.2.0-rc.10' },
    ])
    expect(reg.compile(pack.id).version).toBe('1.2.0-rc.10')
    expect(reg.list().map((p) => p.version)).toEqual(['1.2.0-rc.10', '1.2.0-rc.9'])
    try {
      createRegistry([
        { ...pack, version: '1.0.0+a' },
        { ...pack, version: '1.0.0+b' },
      ])
      expect.unreachable()
    } catch (e) {
      expect((e as ChisoError).issues.map((i) => [i.code, i.path, i.value])).toEqual([['duplicate_pack', [1, 'version'], 'test/identity@1.0.0+b']])
      expect((e as ChisoError).issues[0]!.message.en).toBe('Duplicate pack test/identity@1.0.0+b (= 1.0.0+a)')
    }
  })

  test('a version that is not semver is an invalid_version issue where a pack is read, never a crash', () => {
    for (const v of ['1.2', 'v1.2.0', '01.2.0', '1.2.0-01', '1.2.0-', '1.2.0+', ' 1.2.0', '1.2.0-rc..1', '9007199254740992.0.0', '1.2.3.4']) {
      const r = safeCompilePack({ ...pack, version: v })
      expect(r.ok, v).toBe(false)
      if (!r.ok)
        expect(
          r.issues.map((i) => [i.code, i.path, i.value]),
          v,
        ).toEqual([['invalid_version', ['version'], v]])
      const ext = safeCompilePack({ ...pack, id: 'test/child', extends: { id: pack.id, version: v } })
      expect(!ext.ok && ext.issues.map((i) => [i.code, i.path])).toEqual([['invalid_version', ['extends', 'version']]])
    }
    for (const v of ['0.0.0', '1.2.0', '1.2.0-rc.1', '1.2.0-0.3.7', '1.0.0-x-y-z.--', '1.0.0+21AF26D3----117B344092BD', '2024.1.0']) expect(safeCompilePack({ ...pack, version: v }).ok, v).toBe(true)
  })

  test('property: the order is semver precedence (checked against the spec written out here), total and antisymmetric', () => {
    const ident = fc.oneof(fc.nat(20).map(String), fc.constantFrom('alpha', 'beta', 'rc', 'x-1', '0a'))
    const version = fc
      .record({ core: fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)), pre: fc.array(ident, { maxLength: 3 }), build: fc.array(fc.constantFrom('b', '1', 'sha-5'), { maxLength: 2 }) })
      .map(({ core, pre, build }) => `${core.join('.')}${pre.length ? `-${pre.join('.')}` : ''}${build.length ? `+${build.join('.')}` : ''}`)
    // semver.org §11, written out: cores numerically, then no pre-release > pre-release, then
    // identifiers left to right (numbers < text, numbers numerically, text in ASCII order,
    // a longer list wins when all before are equal); build metadata ignored
    const spec = (a: string, b: string): number => {
      const split = (v: string) => {
        const [main, pre] = v.split('+')[0]!.split(/-(.*)/s)
        return { core: main!.split('.').map(Number), pre: pre === undefined ? [] : pre.split('.') }
      }
      const x = split(a)
      const y = split(b)
      for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return Math.sign(x.core[i]! - y.core[i]!)
      if (x.pre.length === 0 || y.pre.length === 0) return Math.sign((x.pre.length === 0 ? 1 : 0) - (y.pre.length === 0 ? 1 : 0))
      for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
        const p = x.pre[i]
        const q = y.pre[i]
        if (p === undefined || q === undefined) return p === undefined ? -1 : 1
        const pn = /^\d+$/.test(p)
        const qn = /^\d+$/.test(q)
        if (pn && qn && Number(p) !== Number(q)) return Math.sign(Number(p) - Number(q))
        if (pn !== qn) return pn ? -1 : 1
        if (p !== q) return p < q ? -1 : 1
      }
      return 0
    }
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(semver.valid(a)).not.toBeNull()
        expect(compareVersions(a, b)).toBe(spec(a, b))
        expect(compareVersions(b, a)).toBe(-compareVersions(a, b) || 0)
      }),
      { numRuns: 500 },
    )
  })
})

describe('a deep extends chain and a second rule kind of one name', () => {
  const chain = (links: number): PackInput[] =>
    Array.from({ length: links + 1 }, (_, i) => (i < links ? { id: `chain/p${i}`, version: '1.0.0', title: `P${i}`, extends: { id: `chain/p${i + 1}` } } : { ...pack, id: `chain/p${i}` }))

  test('the reproducer: a straight chain of 65 extends steps is extends_too_deep, not extends_cycle; 64 steps compose', () => {
    const deep = createRegistry(chain(65)).safeCompile('chain/p0')
    expect(deep.ok).toBe(false)
    if (!deep.ok) {
      expect(codes(deep.issues)).toEqual(['extends_too_deep'])
      expect(deep.issues[0]!.message.en).toBe('The extends chain is too long: more than 64 steps, from chain/p0@1.0.0')
      expect(deep.issues[0]!.path).toEqual(['extends'])
    }
    expect(createRegistry(chain(64)).safeCompile('chain/p0').ok).toBe(true)
    // a loop is still a loop
    const loop = createRegistry([
      { id: 'loop/a', version: '1.0.0', title: 'A', extends: { id: 'loop/b' } },
      { id: 'loop/b', version: '1.0.0', title: 'B', extends: { id: 'loop/a' } },
    ]).safeCompile('loop/a')
    expect(!loop.ok && codes(loop.issues)).toEqual(['extends_cycle'])
  })

  test('adding a rule kind twice throws ChisoError with duplicate_rule_kind', () => {
    const def = { kind: 'identity-test-kind', schema: z.object({ kind: z.literal('identity-test-kind') }), compile: () => ({ facts: [], compute: () => undefined }) }
    const engine = createEngine().addRuleKind(def)
    for (const kind of ['identity-test-kind', 'steps']) {
      try {
        engine.addRuleKind({ ...def, kind })
        expect.unreachable()
      } catch (e) {
        expect(e).toBeInstanceOf(ChisoError)
        expect((e as ChisoError).issues.map((i) => [i.code, i.path, i.value])).toEqual([['duplicate_rule_kind', ['kind'], kind]])
        expect((e as ChisoError).issues[0]!.message.vi).toBe(`Loại quy tắc "${kind}" đã được đăng ký`)
      }
    }
  })
})
