/**
 * The packs as data: every file validates against the JSON Schema, compiles, carries its
 * metadata, marks every node verified or reconstructed, and matches the facts file where
 * the facts file gives numbers (counts of areas / criteria / sub-criteria, area maxima,
 * survey points).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compilePack, evaluate, Exact, type CompiledPack, type CriterionInput } from '@chiso/core'
import { packById, packs } from '@chiso/rules-vn-cchc'
import { describe, expect, it } from 'vitest'
import { validate, type Schema } from '../../core/test/json-schema-lite.js'

const here = dirname(fileURLToPath(import.meta.url))
const packDir = join(here, '..', 'packs')
const files = readdirSync(packDir).filter((f) => f.endsWith('.json')).sort()
const raw = (f: string): Record<string, unknown> => JSON.parse(readFileSync(join(packDir, f), 'utf8')) as Record<string, unknown>
const compiled = new Map<string, CompiledPack>(packs.map((p) => [p.id, compilePack(p)]))
const get = (id: string): CompiledPack => compiled.get(id)!

const depthCount = (p: CompiledPack, d: number): number => p.nodes.filter((n) => n.depth === d).length
const areaMaxima = (p: CompiledPack): string[] => p.areas.map((i) => p.nodes[i]!.maxPoints.toString())
const surveyPoints = (p: CompiledPack): string =>
  p.nodes.filter((n) => n.isLeaf && n.source === 'survey').reduce((s, n) => s.add(n.maxPoints), Exact.ZERO).toString()
/** criteria (depth 2) and sub-criteria (depth 3) under each area */
const perArea = (p: CompiledPack): string[] =>
  p.areas.map((a) => {
    const crit = p.nodes[a]!.children
    const subs = crit.reduce((s, c) => s + p.nodes[c]!.children.length, 0)
    return `${crit.length}/${subs}`
  })

describe('pack files', () => {
  it('every file in packs/ is exported, once, and nothing else is', () => {
    expect(files).toHaveLength(14)
    expect(packs).toHaveLength(14)
    const ids = files.map((f) => raw(f).id as string).sort()
    expect([...packs.map((p) => p.id)].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it.each(files)('%s starts with $schema, whose path exists', (f) => {
    const text = readFileSync(join(packDir, f), 'utf8')
    expect(text.startsWith('{\n  "$schema": "../../core/schema/pack.schema.json"')).toBe(true)
    expect(existsSync(resolve(packDir, '../../core/schema/pack.schema.json'))).toBe(true)
  })

  it.each(files)('%s validates against the pack JSON Schema', (f) => {
    const schema = JSON.parse(readFileSync(resolve(packDir, '../../core/schema/pack.schema.json'), 'utf8')) as Schema
    expect(validate(schema, schema, raw(f))).toEqual([])
  })

  it.each(packs.map((p) => [p.id, p] as const))('%s compiles, sums hold, totals equal the declared scale', (_id, p) => {
    const c = compilePack(p) // throws on children_sum_mismatch / scale_mismatch
    expect(c.scale.eq(Exact.from(p.scale as number))).toBe(true)
    const areaSum = c.areas.reduce((s, i) => s.add(c.nodes[i]!.maxPoints), Exact.ZERO)
    expect(areaSum.eq(c.scale)).toBe(true)
    for (const n of c.nodes) {
      if (n.isLeaf) continue
      const sum = n.children.reduce((s, i) => s.add(c.nodes[i]!.maxPoints), Exact.ZERO)
      expect(sum.toString(), n.code).toBe(n.maxPoints.toString())
    }
  })

  it.each(packs.map((p) => [p.id, p] as const))('%s has legalBasis, effective, appliesTo, family; lower-case id', (_id, p) => {
    expect(p.id).toMatch(/^[a-z0-9][a-z0-9._\-/]*$/)
    expect(p.legalBasis?.length).toBeGreaterThan(0)
    expect(p.effective?.from).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(p.appliesTo?.length).toBeGreaterThan(0)
    expect(p.family).toMatch(/^vn-(cchc|766|party)\//)
    expect(p.status).toMatch(/^(verified|reconstructed)$/)
    expect(p.note?.length).toBeGreaterThan(40)
  })

  it.each(packs.map((p) => [p.id, p] as const))('%s: every node is verified (with legalRef) or reconstructed (with a note)', (_id, p) => {
    const walk = (n: CriterionInput): void => {
      expect(n.status, n.code).toMatch(/^(verified|reconstructed)$/)
      expect(n.note?.length, n.code).toBeGreaterThan(10)
      if (n.status === 'verified') expect(n.legalRef?.length, n.code).toBeGreaterThan(3)
      n.children?.forEach(walk)
    }
    ;(p.criteria as CriterionInput[]).forEach(walk)
    for (const a of p.adjustments ?? []) {
      expect(a.status).toBe('reconstructed')
      expect(a.note).toMatch(/assumed/)
    }
  })

  it('the generator script and the committed JSON agree', () => {
    const r = spawnSync(process.execPath, [join(here, '..', 'scripts', 'generate-packs.mjs'), '--check'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('packById finds packs and returns undefined for unknown ids', () => {
    expect(packById('vn-cchc/commune-2019')?.family).toBe('vn-cchc/commune')
    expect(packById('vn-cchc/none')).toBeUndefined()
  })
})

describe('numbers from the facts file', () => {
  it('provinces, 2017–2020 edition: 8 areas / 38 / 81, verified maxima 10, 10, 14.5, 11, 16, 7, 16, 15.5', () => {
    const p = get('vn-cchc/province-2017')
    expect([depthCount(p, 1), depthCount(p, 2), depthCount(p, 3)]).toEqual([8, 38, 81])
    expect(areaMaxima(p)).toEqual(['10', '10', '14.5', '11', '16', '7', '16', '15.5'])
    for (const i of p.areas) {
      expect(p.nodes[i]!.status).toBe('verified')
      expect(p.nodes[i]!.legalRef).toMatch(/2948\/QĐ-BNV \(number uncertain\)/)
    }
    expect(p.source.note).toMatch(/edition number \(cited as 2948\/QĐ-BNV\)/)
    expect(p.nodes[p.areas[7]!]!.title.vi).toMatch(/^Tác động của cải cách hành chính/)
  })

  it('provinces, 876/QĐ-BNV: 8 areas / 37 / 88, survey 32; per-area split reconstructed', () => {
    const p = get('vn-cchc/province-2022')
    expect([depthCount(p, 1), depthCount(p, 2), depthCount(p, 3)]).toEqual([8, 37, 88])
    expect(surveyPoints(p)).toBe('32')
    for (const i of p.areas) expect(p.nodes[i]!.status).toBe('reconstructed')
    expect(p.source.effective).toEqual({ from: '2022-11-10' })
  })

  it('ministries, 2017–2020 edition: 7 / 37 / 79, maxima 12, 17, 16, 13, 17, 7.5, 17.5, 28 criteria scored by survey', () => {
    const p = get('vn-cchc/ministry-2017')
    expect([depthCount(p, 1), depthCount(p, 2), depthCount(p, 3)]).toEqual([7, 37, 79])
    expect(areaMaxima(p)).toEqual(['12', '17', '16', '13', '17', '7.5', '17.5'])
    for (const i of p.areas) expect(p.nodes[i]!.status).toBe('verified')
    const surveyed = p.nodes.filter((n) => n.depth === 2 && (n.source === 'survey' || n.children.some((c) => p.nodes[c]!.source === 'survey')))
    expect(surveyed).toHaveLength(28)
  })

  it('ministries, 1149/QĐ-BNV: 7 / 40 / 99, survey 36.5', () => {
    const p = get('vn-cchc/ministry-2020')
    expect([depthCount(p, 1), depthCount(p, 2), depthCount(p, 3)]).toEqual([7, 40, 99])
    expect(surveyPoints(p)).toBe('36.5')
  })

  it('ministries, 876/QĐ-BNV: 7 / 38 / 97, survey 31.5, per area 7/6, 9/15, 6/19, 4/14, 6/16, 3/13, 3/14', () => {
    const p = get('vn-cchc/ministry-2022')
    expect([depthCount(p, 1), depthCount(p, 2), depthCount(p, 3)]).toEqual([7, 38, 97])
    expect(perArea(p)).toEqual(['7/6', '9/15', '6/19', '4/14', '6/16', '3/13', '3/14'])
    expect(surveyPoints(p)).toBe('31.5')
  })

  it.each([
    ['vn-cchc/commune-2019', 9, 34, '30'],
    ['vn-cchc/district-2019', 9, 44, '20'],
    ['vn-cchc/department-2019', 8, 39, '20'],
  ] as const)('Hà Tĩnh 52/2019/QĐ-UBND template %s: %i areas, %i criteria, survey %s of 100', (id, areas, criteria, survey) => {
    const p = get(id)
    expect(depthCount(p, 1)).toBe(areas)
    expect(depthCount(p, 2)).toBe(criteria)
    expect(surveyPoints(p)).toBe(survey)
    expect(p.scale.toString()).toBe('100')
    expect(p.source.effective).toEqual({ from: '2019-09-24', to: '2025-06-30' })
    // real leaf shapes of the facts file
    const kinds = new Set(p.nodes.filter((n) => n.isLeaf).map((n) => n.ruleKind))
    for (const k of ['manual', 'boolean', 'choice', 'steps', 'ratio', 'count', 'survey', 'conditions']) expect(kinds, k).toContain(k)
    expect(p.bands.map((b) => b.label.vi)).toEqual(['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu'])
    expect(p.source.note).toMatch(/cut-offs \(90 \/ 80 \/ 70 \/ 50\) are reconstructed/)
    expect(p.adjustments.every((a) => a.cap !== undefined)).toBe(true)
    expect(p.node('3')?.caps.deduction?.toString()).toBe('1')
    expect(p.node('1')?.caps.bonus?.toString()).toBe('0.5')
  })

  it('two-tier editions (from 2025-07-01): departments and communes/wards only, Sơn La 2211 and 2712 as the cited basis', () => {
    for (const id of ['vn-cchc/commune-2025', 'vn-cchc/department-2025']) {
      const p = packById(id)!
      expect(p.effective).toEqual({ from: '2025-07-01' })
      expect(p.legalBasis?.map((b) => b.ref)).toEqual(['2211/QĐ-UBND', '2712/QĐ-UBND'])
      expect(p.status).toBe('reconstructed')
      expect(get(id).scale.toString()).toBe('100')
    }
    expect(packById('vn-cchc/commune-2025')!.appliesTo).toEqual(['commune', 'ward'])
    expect(packById('vn-cchc/department-2025')!.appliesTo).toEqual(['department'])
    expect(packs.some((p) => p.appliesTo?.includes('district') && p.family === 'vn-cchc/district' && p.effective?.to === undefined)).toBe(false)
  })

  it('766/QĐ-TTg: groups 18 / 20 / 22 / 22 / 18 and the three verified sub-weights', () => {
    const p = get('vn-766/service-2022')
    expect(areaMaxima(p)).toEqual(['18', '20', '22', '22', '18'])
    for (const i of p.areas) expect(p.nodes[i]!.status).toBe('verified')
    const n11 = p.node('1.1')!
    expect([n11.maxPoints.toString(), n11.status]).toEqual(['4', 'verified'])
    const n51 = p.node('5.1')!
    expect([n51.maxPoints.toString(), n51.status, n51.source]).toEqual(['6', 'verified', 'survey'])
    const n21 = p.node('2.1')!
    expect([n21.maxPoints.toString(), n21.status, n21.ruleKind]).toEqual(['20', 'verified', 'ratio'])
    expect(p.nodes.filter((n) => n.depth === 2 && n.status === 'verified').map((n) => n.code)).toEqual(['1.1', '2.1', '5.1'])
  })

  it.each([
    ['vn-party/checklist-committee-2016', 10],
    ['vn-party/checklist-cell-2016', 7],
    ['vn-party/checklist-member-2016', 5],
  ] as const)('Party checklist %s: %i document kinds, boolean leaves', (id, n) => {
    const p = get(id)
    const leaves = p.nodes.filter((x) => x.isLeaf)
    expect(leaves).toHaveLength(n)
    expect(leaves.every((x) => x.ruleKind === 'boolean')).toBe(true)
    expect(p.scale.toString()).toBe(String(n))
  })
})

describe('full marks give the declared scale', () => {
  it.each(packs.map((p) => [p.id] as const))('%s', (id) => {
    const p = get(id)
    const selfScores: Record<string, string> = {}
    const survey: Record<string, { points: string }> = {}
    const evidence: { id: string; criteria: string[] }[] = []
    for (const n of p.nodes) {
      if (!n.isLeaf) continue
      if (n.source === 'survey') survey[n.code] = { points: n.maxPoints.toString() }
      else selfScores[n.code] = n.maxPoints.toString()
      if (n.evidence?.required) evidence.push({ id: `ev-${n.code}`, criteria: [n.code] })
    }
    const r = evaluate(p, { unitId: 'u', period: '2024', selfScores, survey, evidence, facts: { hasPublicServiceUnits: true } })
    expect(r.total.toString()).toBe(p.scale.toString())
    expect(r.index.toString()).toBe('100')
  })
})
