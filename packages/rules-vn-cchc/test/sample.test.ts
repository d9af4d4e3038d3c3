/**
 * The seeded sample province: deterministic, realistic, consistent with the 2025 merger,
 * fast, and every assessment evaluates without issues under the pack it was made for.
 */
import { createUnitRegistry, evaluateBatch, safeEvaluate } from '@chiso/core'
import { generateSampleProvince, mulberry32, vnCchc } from '@chiso/rules-vn-cchc'
import { describe, expect, it } from 'vitest'

const sample = generateSampleProvince({ seed: 42 })

describe('generateSampleProvince', () => {
  it('is deterministic: same seed → byte-identical JSON, another seed → different', () => {
    expect(JSON.stringify(generateSampleProvince({ seed: 42 }))).toBe(JSON.stringify(sample))
    expect(JSON.stringify(generateSampleProvince({ seed: 43 }))).not.toBe(JSON.stringify(sample))
    expect(JSON.stringify(generateSampleProvince())).toBe(JSON.stringify(generateSampleProvince({ seed: 2025 })))
  })

  it('uses its own PRNG, not Math.random', () => {
    const original = Math.random
    Math.random = () => {
      throw new Error('Math.random used')
    }
    try {
      expect(() => generateSampleProvince({ seed: 1, years: [2023] })).not.toThrow()
    } finally {
      Math.random = original
    }
    const a = mulberry32(9)
    const b = mulberry32(9)
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
  })

  it('a subset of years gives the same assessments as the full run for those years', () => {
    const only = generateSampleProvince({ seed: 42, years: [2023] })
    expect(JSON.stringify(only.years[0])).toBe(JSON.stringify(sample.years.find((y) => y.year === 2023)))
  })

  it('has departments, districts until 2025-06-30 and about 100 communes, merged on 2025-07-01', () => {
    const units = createUnitRegistry(sample.units) // validates every unit and lineage link
    const before = units.at('2025-06-30')
    const after = units.at('2025-07-01')
    const communal = (us: typeof before) => us.filter((u) => ['commune', 'ward', 'township'].includes(u.kind))
    expect(communal(before)).toHaveLength(100)
    expect(communal(after).length).toBeGreaterThanOrEqual(25)
    expect(communal(after).length).toBeLessThanOrEqual(40)
    expect(after.some((u) => u.kind === 'township' || u.kind === 'district')).toBe(false)
    const districts = sample.units.filter((u) => u.kind === 'district')
    expect(districts.length).toBe(8)
    expect(districts.every((u) => u.validTo === '2025-06-30')).toBe(true)
    for (const u of communal(after)) {
      expect(u.validFrom).toBe('2025-07-01')
      expect(u.predecessors!.length).toBeGreaterThanOrEqual(2)
      expect(units.lineage(u.id).predecessors.every((p) => p.unit.validTo === '2025-06-30')).toBe(true)
    }
    expect(before.filter((u) => u.kind === 'department')).toHaveLength(12) // 5 pairs merged on 2025-03-01
    expect(units.at('2024-12-31').filter((u) => u.kind === 'department')).toHaveLength(17)
    // realistic Vietnamese names
    const names = sample.units.map((u) => u.name)
    expect(names).toContain('Xã Thạch Hải')
    expect(names.filter((n) => n.startsWith('Phường ')).length).toBeGreaterThan(10)
    expect(names.filter((n) => n.startsWith('Thị trấn ')).length).toBeGreaterThan(3)
    expect(names).toContain('Sở Nội vụ')
  })

  it('assesses every unit in existence on 31 December under the pack in force', () => {
    const byYear = Object.fromEntries(sample.years.map((y) => [y.year, y.packs.map((p) => `${p.packId}:${p.assessments.length}`).sort()]))
    expect(byYear[2021]).toEqual(['vn-cchc/commune-2019:100', 'vn-cchc/department-2019:17', 'vn-cchc/district-2019:8'])
    expect(byYear[2024]).toEqual(['vn-cchc/commune-2019:100', 'vn-cchc/department-2019:17', 'vn-cchc/district-2019:8'])
    expect(byYear[2025]).toEqual(['vn-cchc/commune-2025:29', 'vn-cchc/department-2025:12'])
  })

  it('carries self scores, evidence, appraisals with reasons, survey answers and deductions', () => {
    const all = sample.years.flatMap((y) => y.packs.flatMap((p) => p.assessments))
    expect(all.every((a) => Object.keys(a.selfScores ?? {}).length > 0 && Object.keys(a.survey ?? {}).length === 10)).toBe(true)
    const docs = all.flatMap((a) => a.evidence ?? [])
    expect(docs.length).toBeGreaterThan(all.length * 5)
    expect(docs.every((d) => /^\d+\/(KH|BC|QĐ)-[A-ZĐa-z]+$/.test(d.number!))).toBe(true)
    expect(docs.some((d) => d.number!.endsWith('/KH-UBND'))).toBe(true)
    const appraised = all.filter((a) => (a.appraisals?.length ?? 0) > 0)
    expect(appraised.length).toBeGreaterThan(all.length / 5)
    const changes = appraised.flatMap((a) => a.appraisals!.flatMap((r) => r.changes.map((c) => ({ c, self: a.selfScores?.[c.code] }))))
    expect(changes.some(({ c, self }) => self !== undefined && Number(c.points) < Number(self))).toBe(true)
    expect(changes.every(({ c }) => /[ạảãàáâậầấẩẫăắằặẳẵêệềếểễôộồốổỗơớờợởỡưứừựửữđ]/i.test(c.reason))).toBe(true)
    expect(all.some((a) => Object.keys(a.adjustments ?? {}).length > 0)).toBe(true)
    expect(all.some((a) => ((a.facts?.['reprimands'] as number) ?? 0) > 0)).toBe(true)
  })

  it('every assessment evaluates without issues under its pack, and the results look real', () => {
    for (const y of sample.years) {
      for (const p of y.packs) {
        const pack = vnCchc.compile(p.packId)
        for (const a of p.assessments) {
          const r = safeEvaluate(pack, a)
          if (!r.ok) throw new Error(`${y.year} ${a.unitId}: ${r.issues.map((i) => `${i.code} ${i.path.join('.')}`).join('; ')}`)
        }
        const batch = evaluateBatch(pack, p.assessments)
        const idx = batch.units.map((u) => Number(u.result.index.toString()))
        expect(Math.min(...idx)).toBeGreaterThan(40)
        expect(Math.max(...idx)).toBeLessThan(100)
        expect(batch.units.every((u) => u.band !== undefined)).toBe(true)
      }
    }
  })

  it('is fast: 100 communes × 5 years well under a second', () => {
    generateSampleProvince({ seed: 1 }) // warm up
    const t = performance.now()
    generateSampleProvince({ seed: 2 })
    expect(performance.now() - t).toBeLessThan(500)
  })

  it('rejects years outside 2020–2030', () => {
    expect(() => generateSampleProvince({ years: [2019] })).toThrow(RangeError)
  })
})
