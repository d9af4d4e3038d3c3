/**
 * The edition mappings shipped (packs/mappings/*.json): each validates against the mapping
 * JSON Schema and against its two packs, says what in it is assumed, and — for the commune
 * 2019 → 2025 mapping — gives the impact of the 2025 edition on the sample's 2024 communes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Exact } from '@chiso/core'
import { methodologyImpact, safeMethodologyImpact } from '@chiso/core/analysis'
import { generateSampleProvince, mappingFor, mappings, vnCchc } from '@chiso/rules-vn-cchc'
import { describe, expect, it } from 'vitest'
import { validate, type Schema } from '../../core/test/json-schema-lite.js'

const here = dirname(fileURLToPath(import.meta.url))
const dir = join(here, '..', 'packs', 'mappings')
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
const schemaPath = resolve(dir, '../../../core/schema/mapping.schema.json')

describe('edition mapping files', () => {
  it('every file is exported, and found by its two pack ids', () => {
    expect(files).toEqual(['vn-cchc.commune-2019--2025.json', 'vn-cchc.department-2019--2025.json'])
    expect(mappings).toHaveLength(files.length)
    expect(mappingFor('vn-cchc/commune-2019', 'vn-cchc/commune-2025')?.to.id).toBe('vn-cchc/commune-2025')
    expect(mappingFor('vn-cchc/commune-2025', 'vn-cchc/commune-2019')).toBeUndefined()
  })

  it.each(files)('%s names its JSON Schema and validates against it', (f) => {
    const text = readFileSync(join(dir, f), 'utf8')
    expect(text.startsWith('{\n  "$schema": "../../../core/schema/mapping.schema.json"')).toBe(true)
    expect(existsSync(schemaPath)).toBe(true)
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Schema
    expect(validate(schema, schema, JSON.parse(text))).toEqual([])
  })

  it.each(mappings.map((m) => [`${m.from.id} → ${m.to.id}`, m] as const))('%s resolves against its packs and says what is assumed', (_name, m) => {
    const r = safeMethodologyImpact(vnCchc.compile(m.from.id), vnCchc.compile(m.to.id), [], m)
    expect(r.ok ? [] : r.issues).toEqual([])
    expect(m.status).toBe('reconstructed')
    expect(m.note).toMatch(/^Reconstructed/)
    for (const line of m.criteria ?? []) {
      if (line.status === 'reconstructed') expect(line.note, JSON.stringify(line)).toBeTruthy()
    }
  })
})

describe('the 2025 commune edition on the 2024 communes', () => {
  const sample = generateSampleProvince({ seed: 2025, years: [2024] })
  const communes = sample.years[0]!.packs.find((p) => p.family === 'vn-cchc/commune')!
  const from = vnCchc.compile('vn-cchc/commune-2019')
  const to = vnCchc.compile('vn-cchc/commune-2025')
  const report = methodologyImpact(from, to, communes.assessments, mappingFor(from.id, to.id), { unitWord: { vi: 'xã', en: 'communes' } })

  it('lists the ten criteria new in 2025 as having no counterpart, never scoring them from 2019 data', () => {
    expect(report.unmapped.map((u) => u.code)).toEqual(['1.6', '1.7', '2.4', '3.5', '4.4', '4.5', '5.5', '5.6', '6.4', '7.5'])
    expect(report.unmapped.every((u) => u.declared && u.note)).toBe(true)
    expect(report.dropped).toEqual([])
    for (const u of report.units) {
      for (const x of u.unmapped) expect(x.why).toBe('no-counterpart')
      // the index without them, the other way of showing the total
      expect(u.newIndexMappedOnly.gte(u.new.index)).toBe(true)
    }
  })

  it('survey criteria keep their answers, weighted against the new maximum (3 → 2)', () => {
    for (const u of report.units) {
      const c = u.criteria.find((x) => x.to.includes('9.1.1'))!
      expect(c.new.toString()).toBe(c.old.mul(Exact.ratio(2, 3)).toString())
    }
  })

  it('the higher online-dossier thresholds never raise 7.2.1', () => {
    const rows = report.units.map((u) => u.criteria.find((x) => x.to.includes('7.2.1'))!)
    expect(rows.every((c) => !c.delta.gt(Exact.ZERO))).toBe(true)
    expect(rows.some((c) => c.delta.isNegative())).toBe(true)
  })

  it('sums up for the province', () => {
    expect(report.summary.units).toBe(100)
    expect(report.summary.up + report.summary.down).toBe(report.summary.bandChanged)
    expect(report.summary.text.vi).toMatch(/^\d{2}\/100 xã đổi loại: \d+ lên, \d+ xuống; chỉ số bình quân (giảm|tăng) \d+,\d{2} điểm$/)
  })
})
