/**
 * The seeded sample province: deterministic, realistic, consistent with the 2025 merger,
 * and every assessment evaluates without issues under the pack it was made for. It
 * cannot be mistaken for real data (invented names, a `sample` marker everywhere), and it is
 * realistic where the facts file gives figures (survey samples, appraisal cuts, band spreads).
 * How long it takes is measured by `node bench/sample.mjs`, not asserted here.
 */
import { createUnitRegistry, evaluate, evaluateBatch, safeEvaluate, type AssessmentInput } from '@chiso/core'
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
    // natural-looking Vietnamese names
    const names = sample.units.map((u) => u.name)
    expect(names).toContain('Xã Nhạn An')
    expect(names.filter((n) => n.startsWith('Phường ')).length).toBeGreaterThan(10)
    expect(names.filter((n) => n.startsWith('Thị trấn ')).length).toBeGreaterThan(3)
    expect(names).toContain('Sở Nội vụ')
  })

  // issue #11: "Unit names are clearly sample data (invented names, or every output marked
  // 'dữ liệu mẫu'), never real communes with made-up scores"
  it('cannot be mistaken for real data: invented names, and a sample marker on the province, every unit and the result', () => {
    expect(sample.sample).toBe(true)
    expect(sample.province.name).toMatch(/\(dữ liệu mẫu\)$/)
    expect(sample.units.every((u) => u.attributes?.['sample'] === true)).toBe(true)
    const all = sample.years.flatMap((y) => y.packs.flatMap((p) => p.assessments))
    expect(all.every((a) => a.unit?.attributes?.['sample'] === true)).toBe(true)
    // the real Hà Tĩnh places this sample once used, and their districts
    const real = [
      'Thạch Hà',
      'Thạch Hải',
      'Thạch Kênh',
      'Thạch Khê',
      'Can Lộc',
      'Nghèn',
      'Thiên Lộc',
      'Tùng Lộc',
      'Cẩm Xuyên',
      'Cẩm Bình',
      'Thiên Cầm',
      'Cẩm Duệ',
      'Hương Khê',
      'Điền Mỹ',
      'Hà Linh',
      'Phúc Đồng',
      'Đức Thọ',
      'Tùng Ảnh',
      'Yên Hồ',
      'Kỳ Anh',
      'Kỳ Xuân',
      'Kỳ Bắc',
      'Hồng Lĩnh',
      'Bắc Hồng',
      'Nam Hồng',
      'Đức Thuận',
      'Trung Lương',
      'Đậu Liêu',
      'Bắc Hà',
      'Nam Hà',
      'Tân Giang',
      'Nguyễn Du',
      'Đại Nài',
      'Hà Huy Tập',
      'Văn Yên',
      'Thạch Linh',
      'Thạch Quý',
      'Đồng Môn',
      'Thành Sen',
      'Đồng Lộc',
      'Gia Hanh',
      'Thanh Xá',
      'Cẩm Việt',
    ]
    const bare = sample.units.map((u) => u.name.replace(/^(Xã|Phường|Thị trấn|Huyện|Thị xã|Thành phố) /, ''))
    expect(bare.filter((n) => real.includes(n))).toEqual([])
    expect(new Set(sample.units.map((u) => u.id)).size).toBe(sample.units.length)
  })

  // facts file: "Survey samples: Bình Dương 2018 SIPAS 150–200 people per commune, 500–600 per district"
  it('surveys 150–200 people per commune and 500–600 per district, and hands the results over as a table', () => {
    for (const y of sample.years) {
      for (const p of y.packs) {
        const pack = vnCchc.compile(p.packId)
        const surveyed = pack.nodes.filter((n) => n.isLeaf && n.source === 'survey').map((n) => n.code)
        expect(p.surveyResults).toHaveLength(p.assessments.length * surveyed.length)
        for (const a of p.assessments) {
          const rows = p.surveyResults.filter((row) => row.unitId === a.unitId)
          expect(rows.map((row) => row.code)).toEqual(surveyed)
          const [lo, hi] = a.unit!.kind === 'district' ? [500, 600] : [150, 200]
          for (const row of rows) {
            expect(row.respondents).toBeGreaterThanOrEqual(lo)
            expect(row.respondents).toBeLessThanOrEqual(hi)
            expect(Object.values(row.answers).reduce((x, n) => x + n, 0)).toBe(row.respondents)
            // the same answers the assessment carries
            expect(a.survey![row.code]).toEqual({ answers: row.answers })
            expect(row.unitName).toBe(a.unit!.name)
          }
        }
      }
    }
  })

  // facts file: "Nam Định 2020 departments 64.75 self → 62.62 appraised (−2.13 on average),
  // districts 65.17 → 61.46 (−3.71)"
  it.each([42, 2025])('appraisal lowers self-assessed totals about as published (seed %i): departments −2.13, districts −3.71 on average', (seed) => {
    const s = seed === 42 ? sample : generateSampleProvince({ seed })
    const cuts: Record<string, number[]> = { department: [], district: [], commune: [] }
    for (const y of s.years) {
      for (const p of y.packs) {
        const pack = vnCchc.compile(p.packId)
        for (const a of p.assessments) {
          const { appraisals: _rounds, ...self } = a as AssessmentInput
          const cut = evaluate(pack, self).total.sub(evaluate(pack, a).total).toNumber()
          expect(cut).toBeGreaterThanOrEqual(0)
          cuts[a.unit!.kind === 'department' || a.unit!.kind === 'district' ? a.unit!.kind : 'commune']!.push(cut)
        }
      }
    }
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length
    expect(mean(cuts['department']!)).toBeGreaterThan(1.85)
    expect(mean(cuts['department']!)).toBeLessThan(2.45)
    expect(mean(cuts['district']!)).toBeGreaterThan(3.0)
    expect(mean(cuts['district']!)).toBeLessThan(4.4)
    // communes: no published figure, assumed like districts
    expect(mean(cuts['commune']!)).toBeGreaterThan(3.2)
    expect(mean(cuts['commune']!)).toBeLessThan(4.4)
    // a spread, not one cut for all: some units lose much less than the mean, some much more
    for (const xs of Object.values(cuts)) {
      expect(Math.min(...xs)).toBeLessThan(0.5 * mean(xs))
      expect(Math.max(...xs)).toBeGreaterThan(1.4 * mean(xs))
    }
    expect(Math.min(...cuts['commune']!, ...cuts['department']!)).toBe(0)
  })

  // facts file: "Bands spread wide: article 001 (2017): 12/16 communes khá, 04 trung bình, none
  // tốt; Khánh Hòa 2020: 29 Tốt, 11 Khá, 4 Trung bình"
  it('ranked with its surveys, the sample spreads over the bands as published results do', () => {
    const count: Record<string, Record<string, number>> = { so: {}, xa: {} }
    for (const y of sample.years) {
      for (const p of y.packs) {
        const batch = evaluateBatch(vnCchc.compile(p.packId), p.assessments)
        const bands = new Set(batch.units.map((u) => u.band!.code))
        // never "79/79 xã đạt trung bình": every population spreads over two bands at least
        expect(bands.size).toBeGreaterThanOrEqual(2)
        const c = count[p.family === 'vn-cchc/commune' ? 'xa' : 'so']!
        for (const u of batch.units) c[u.band!.code] = (c[u.band!.code] ?? 0) + 1
      }
    }
    const share = (c: Record<string, number>, band: string) => (c[band] ?? 0) / Object.values(c).reduce((x, y) => x + y, 0)
    const top = (c: Record<string, number>) => Object.entries(c).sort((a, b) => b[1] - a[1])[0]![0]
    // departments and districts: mostly Tốt, a good share Khá, few Xuất sắc (Khánh Hòa 2020)
    expect(top(count['so']!)).toBe('tot')
    expect(share(count['so']!, 'kha')).toBeGreaterThan(0.15)
    expect(share(count['so']!, 'xuat-sac')).toBeLessThan(0.2)
    // communes: mostly Khá, a good share Trung bình, almost no Xuất sắc (article 001)
    expect(top(count['xa']!)).toBe('kha')
    expect(share(count['xa']!, 'trung-binh')).toBeGreaterThan(0.1)
    expect(share(count['xa']!, 'xuat-sac')).toBeLessThan(0.05)
    expect(share(count['xa']!, 'yeu') + share(count['so']!, 'yeu')).toBe(0)
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

  it('rejects years outside 2020–2030', () => {
    expect(() => generateSampleProvince({ years: [2019] })).toThrow(RangeError)
  })
})
