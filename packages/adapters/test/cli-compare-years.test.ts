// `chiso compare` across the 2025 merger and across a missing year: records of the sample
// province saved as `score --save` saves them (the forms carry no predecessors), a year
// without results, a record that cannot be recalculated.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareYears, evaluateBatch, type AssessmentInput, type BatchResult } from '@chiso/core'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
import { beforeAll, describe, expect, it } from 'vitest'
import { bandYearsSvg } from '../src/report/charts/band-years.js'
import { chiso } from './helpers.js'

let dir: string
const batches: Record<string, BatchResult> = {}

/** a unit as a form gives it: no predecessors, no dates (and, for `real`, no sample mark) */
function asFromForm(a: AssessmentInput, real = false): AssessmentInput {
  const { predecessors: _p, validFrom: _f, validTo: _t, parentId: _parent, attributes, ...unit } = a.unit!
  return { ...a, unit: { ...unit, ...(real ? {} : { attributes: { sample: attributes?.sample } }) } }
}

async function save(file: string, batch: BatchResult): Promise<void> {
  await writeFile(join(dir, file), JSON.stringify({ kind: 'chiso.result-records', records: batch.units.map((u) => u.result.toJSON()) }))
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-compare-'))
  const sample = generateSampleProvince({ years: [2021, 2023, 2024, 2026] })
  for (const y of sample.years) {
    const p = y.packs.find((x) => x.family === 'vn-cchc/commune')!
    const pack = vnCchc.compile(p.packId)
    const communes = p.assessments.filter((a) => a.unit?.kind === 'commune')
    batches[String(y.year)] = evaluateBatch(
      pack,
      communes.map((a) => asFromForm(a)),
    )
    await save(`kq${y.year}.json`, batches[String(y.year)]!)
    await save(
      `that${y.year}.json`,
      evaluateBatch(
        pack,
        communes.map((a) => asFromForm(a, true)),
      ),
    )
  }
})

describe('compare across the 2025 merger', () => {
  it('sample records saved without predecessors follow the merger: every 2026 commune stands on its 2024 predecessors', async () => {
    const r = await chiso(['compare', 'kq2024.json', 'kq2026.json', '--json'], dir)
    expect(r.stderr).not.toContain('khớp với năm')
    const units = (JSON.parse(r.stdout) as { comparisons: { units: { unitId: string; years: { year: string; from: string[] }[] }[] }[] }).comparisons[0]!.units
    expect(units.length).toBe(batches['2026']!.units.length)
    for (const u of units) expect(u.years.find((y) => y.year === '2024')?.from.length).toBeGreaterThan(0)
    const t = await chiso(['compare', 'kq2024.json', 'kq2026.json'], dir)
    expect(t.stdout).toMatch(/Xã Yến Trung\s+gộp · [\d,]+\s+\d+\/24 · /)
  })

  it('units that do not match across years are said loudly, and the earlier year’s units are still listed', async () => {
    const n = batches['2026']!.units.length
    const r = await chiso(['compare', 'that2024.json', 'that2026.json'], dir)
    expect(r.stderr).toContain(`0/${n} đơn vị năm 2026 khớp với năm 2024`)
    expect(r.stderr).toContain('--units')
    const first = batches['2024']!.units.find((u) => u.rank === 1)!
    expect(r.stdout).toMatch(new RegExp(`${first.result.assessment.unit!.name}\\s+1/${batches['2024']!.units.length} · [\\d,]+\\s+—\\s+không có trong năm 2026`))
    const en = await chiso(['compare', 'that2024.json', 'that2026.json', '--lang', 'en'], dir)
    expect(en.stderr).toContain(`0 of ${n} units of 2026 match 2024`)
    const j = JSON.parse((await chiso(['compare', 'that2024.json', 'that2026.json', '--json'], dir)).stdout) as { comparisons: { earlierOnly: unknown[] }[] }
    expect(j.comparisons[0]!.earlierOnly.length).toBe(batches['2024']!.units.length)
  })

  it('score --save of the sample’s workbooks keeps the predecessors the sample gives its merged units', async () => {
    const d = await mkdtemp(join(tmpdir(), 'chiso-compare-score-'))
    expect((await chiso(['sample', '--year', '2026', '--kind', 'commune', '--workbooks', 'hs'], d)).code).toBe(0)
    await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'hs', '--save', 'kq.json'], d)
    const saved = JSON.parse(await readFile(join(d, 'kq.json'), 'utf8')) as { records: { assessment: { unit: { id: string; predecessors?: string[] } } }[] }
    expect(saved.records.length).toBeGreaterThan(0)
    for (const rec of saved.records) expect(rec.assessment.unit.predecessors?.length).toBeGreaterThan(0)
  }, 60_000)
})

describe('streaks across a missing year', () => {
  it('no "năm liền" across 2022: the run is said with its years', async () => {
    const core = compareYears({ '2021': batches['2021']!, '2023': batches['2023']!, '2024': batches['2024']! })
    // core's own history says the same: no "năm liền" across 2022
    expect(core.some((u) => u.streakText?.vi.includes('năm liền tăng hạng'))).toBe(false)
    const across = core.find((u) => u.streakText?.vi === 'tăng hạng từ 2021 đến 2024 (không có kết quả năm 2022)')
    expect(across).toBeDefined()
    expect(across!.risingStreak).toBe(1)
    const r = await chiso(['compare', 'kq2021.json', 'kq2023.json', 'kq2024.json'], dir)
    expect(r.stdout).not.toContain('năm liền tăng hạng')
    const name = across!.unitId && batches['2024']!.units.find((u) => u.unitId === across!.unitId)!.result.assessment.unit!.name
    expect(r.stdout.split('\n').find((l) => l.startsWith(name))).toContain('tăng hạng từ 2021 đến 2024 (không có kết quả năm 2022)')
    const en = await chiso(['compare', 'kq2021.json', 'kq2023.json', 'kq2024.json', '--lang', 'en'], dir)
    expect(en.stdout).not.toContain('years running')
    expect(en.stdout).toContain('rising from 2021 to 2024 (no results for 2022)')
  })

  it('the report’s bands-over-the-years chart keeps the missing year’s place', () => {
    const y = (year: string) => ({ year, counts: { A: 1 }, unbanded: 0 })
    const svg = bandYearsSvg('t', [y('2021'), y('2023'), y('2024')], [{ code: 'A', label: 'Tốt', style: { color: '#000', ink: '#fff', short: 'T', pattern: 'solid' } as never }], {
      width: 600,
      height: 300,
    })
    expect(svg).toContain('Năm 2022')
    expect(svg).toContain('không có kết quả')
  })
})

describe('records that cannot be recalculated or no longer reproduce', () => {
  it('a year missing a record says its ranks are ranked again, marked, never passed for the published ones', async () => {
    const data = JSON.parse(await readFile(join(dir, 'kq2024.json'), 'utf8')) as { records: { pack: { version: string }; assessment: { unit: { name: string } } }[] }
    data.records[0]!.pack.version = '1.0.0'
    await writeFile(join(dir, 't_ver.json'), JSON.stringify(data))
    const name = data.records[0]!.assessment.unit.name
    const r = await chiso(['compare', 'kq2023.json', 't_ver.json'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/Đơn vị\s+2023\s+2024\*/)
    expect(r.stdout).toContain(`* 2024: xếp hạng lại, thiếu 1 đơn vị có bản ghi không tính lại được (${name})`)
    expect(r.stdout).toMatch(new RegExp(`\\d+/${data.records.length - 1}\\* · `))
    expect(r.stderr).toContain(`t_ver.json [0] ${name}: không đọc được bản ghi`)
  })

  it('a record that no longer reproduces is named by its unit’s name', async () => {
    const data = JSON.parse(await readFile(join(dir, 'kq2024.json'), 'utf8')) as { records: { index: string; unitId: string; assessment: { unit: { name: string } } }[] }
    data.records[0]!.index = '70.69'
    await writeFile(join(dir, 't_index.json'), JSON.stringify(data))
    const r = await chiso(['compare', 'kq2023.json', 't_index.json'], dir)
    expect(r.stderr).toContain(`t_index.json [0] ${data.records[0]!.assessment.unit.name} 2024: tính lại không khớp`)
    expect(r.stderr).not.toContain(data.records[0]!.unitId)
  })
})
