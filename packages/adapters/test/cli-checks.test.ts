// Issue #11 item 3: the CLI never scores the wrong thing in silence — the edition comes
// from --year or the forms' period, what was scored 0 is said with its reason, a missing
// survey is loud, a misspelt fact gets the nearest name, a blank form is named as one.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Exact, type AssessmentInput } from '@chiso/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { run, sampleAssessments, type SamplePart } from '../src/cli/index.js'
import { writeFilledWorkbook, writeTemplateWorkbook } from '../src/xlsx/index.js'
import { sampleSurveyCsv } from './helpers.js'

interface Captured {
  code: number
  stdout: string
  stderr: string
}

let dir: string
let part2024: SamplePart
let part2023: SamplePart

async function chiso(args: string[]): Promise<Captured> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } })
  return { code, stdout, stderr }
}

const surveyCsv = sampleSurveyCsv

async function writeForms(folder: string, assessments: readonly AssessmentInput[], part: SamplePart): Promise<void> {
  await mkdir(join(dir, folder), { recursive: true })
  for (const a of assessments) await writeFile(join(dir, folder, `${a.unitId}.xlsx`), await writeFilledWorkbook(part.pack, a))
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-checks-'))
  const s24 = await sampleAssessments({ year: 2024, kind: 'commune' })
  const s23 = await sampleAssessments({ year: 2023, kind: 'commune' })
  if (!s24.ok || !s23.ok) throw new Error('no sample')
  part2024 = s24.parts[0]!
  part2023 = s23.parts[0]!
  // six communes' 2024 forms, as they submitted them
  await writeForms('nop-2024', part2024.assessments.slice(0, 6), part2024)
  // the same folder with one 2023 form lying in it
  await writeForms('tron', part2024.assessments.slice(0, 3), part2024)
  await writeForms('tron', part2023.assessments.slice(3, 4), part2023)
}, 60_000)

describe('the edition comes from --year, else from the forms', () => {
  it('without --year, 2024 forms are scored under the edition in force in 2024, whatever the calendar says', async () => {
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.pack.id).toBe('vn-cchc/commune-2019')
    expect(j.period).toBe('2024')
    expect(j.scored).toBe(6)
    // not one warning about a pack or a maximum that differs: the right edition was used
    expect(j.issues.filter((i: { code: string }) => i.code === 'pack_mismatch' || i.code === 'max_mismatch')).toEqual([])
    const text = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024'])
    expect(text.stdout).toContain('(kỳ đánh giá 2024 lấy từ các biểu)')
    expect(text.stdout).toContain('(vn-cchc/commune-2019@')
  })

  it('a family with no edition in force this calendar year (districts, gone since 2025-07-01) still scores its 2024 forms', async () => {
    const s = await sampleAssessments({ year: 2024, kind: 'district' })
    if (!s.ok) throw new Error('no sample')
    const part = s.parts[0]!
    await writeForms('huyen-2024', part.assessments, part)
    const r = await chiso(['rank', '--pack', 'vn-cchc/district', '--in', 'huyen-2024', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.pack.id).toBe('vn-cchc/district-2019')
    expect(j.ranking).toHaveLength(part.assessments.length)
    // districts, towns and cities of the sample, named as reports name them
    expect(j.bandSummary).toMatch(/^\d\d\/\d\d huyện, thị xã, thành phố đạt /)
  })

  it("--year naming another edition than the forms' is an error naming both editions (exit 2), nothing scored", async () => {
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--year', '2025', '--in', 'nop-2024', '--out', 'ket-qua.xlsx'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Đang chấm năm 2025 theo bộ chỉ số vn-cchc\/commune-2025@[\d.]+, nhưng các biểu thuộc 2024 \(6 tệp, ví dụ nop-2024\/[^;]+; bộ chỉ số vn-cchc\/commune-2019@[\d.]+\)/)
    expect(r.stdout).toBe('')
    const en = await chiso(['score', '--pack', 'vn-cchc/commune', '--year', '2025', '--in', 'nop-2024', '--lang', 'en'])
    expect(en.stderr).toMatch(/Scoring 2025 under vn-cchc\/commune-2025@[\d.]+, but the forms are for 2024 \(6 files/)
  })

  it('forms of several years in one folder are an error naming each year and its edition (exit 2)', async () => {
    const r = await chiso(['rank', '--pack', 'vn-cchc/commune', '--in', 'tron'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Các biểu thuộc nhiều kỳ đánh giá: 2023 \(1 tệp, ví dụ tron\/[^;]+; bộ chỉ số vn-cchc\/commune-2019@[\d.]+\); 2024 \(3 tệp/)
    // with --year, the odd form is a problem of its file and the others are scored
    const y = await chiso(['rank', '--pack', 'vn-cchc/commune', '--year', '2024', '--in', 'tron', '--json'])
    expect(y.code).toBe(1)
    const j = JSON.parse(y.stdout)
    expect(j.ranking).toHaveLength(3)
    expect(j.issues.map((i: { code: string }) => i.code)).toContain('period_mismatch')
  })
})

describe('what was scored 0, and why', () => {
  it('no --survey on a pack with survey criteria: a loud warning, and --json says so', async () => {
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024'])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(
      'CẢNH BÁO: bộ chỉ số có 10 tiêu chí chấm bằng điều tra xã hội học (30,00 điểm) nhưng không có kết quả điều tra (--survey): mọi đơn vị bị tính 0 điểm ở các tiêu chí này, xếp loại thấp hơn thực tế.',
    )
    const j = JSON.parse((await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--json'])).stdout)
    expect(j.missingData.noSurvey).toBe(true)
  })

  it('with survey results: no warning for the units that have rows, the units without rows named', async () => {
    const ids = part2024.assessments.slice(0, 6).map((a) => a.unitId)
    await writeFile(join(dir, 'dieu-tra.csv'), surveyCsv(part2024, ids.slice(0, 5)))
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--survey', 'dieu-tra.csv', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.missingData.noSurvey).toBe(false)
    expect(j.missingData.unitsWithoutSurvey).toEqual([ids[5]])
    const text = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--survey', 'dieu-tra.csv'])
    const name = part2024.assessments[5]!.unit!.name!
    expect(text.stderr).toContain(`CẢNH BÁO: 1 đơn vị không có dòng nào trong bảng kết quả điều tra, bị tính 0 điểm ở các tiêu chí điều tra: ${name}`)
    expect(text.stdout).toContain(`  ${name}: 10 tiêu chí chưa có kết quả điều tra`)
    expect(text.stderr).not.toContain('không có kết quả điều tra (--survey)')
  })

  it('a survey table lying among the forms is used, and said so', async () => {
    const ids = part2024.assessments.slice(0, 6).map((a) => a.unitId)
    await writeForms('co-dieu-tra', part2024.assessments.slice(0, 6), part2024)
    await writeFile(join(dir, 'co-dieu-tra', 'ket-qua-dieu-tra.csv'), surveyCsv(part2024, ids))
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'co-dieu-tra', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('Dùng kết quả điều tra xã hội học trong co-dieu-tra/ket-qua-dieu-tra.csv')
    const j = JSON.parse(r.stdout)
    expect(j.survey).toBe('co-dieu-tra/ket-qua-dieu-tra.csv')
    expect(j.scored).toBe(6)
    expect(j.missingData).toEqual({ noSurvey: false, unitsWithoutSurvey: [], zeroed: expect.any(Array) })
  })

  it('per unit, the leaves with no input, missing evidence and missing survey', async () => {
    const a = part2024.assessments[0]!
    // the unit left three self-assessed criteria empty and attached no evidence at all
    const left = Object.keys(a.selfScores ?? {}).slice(0, 3)
    const selfScores = Object.fromEntries(Object.entries(a.selfScores ?? {}).filter(([k]) => !left.includes(k)))
    const bare: AssessmentInput = { ...a, selfScores, facts: {}, evidence: [] }
    await mkdir(join(dir, 'thieu'), { recursive: true })
    await writeFile(join(dir, 'thieu', 'don-vi.xlsx'), await writeFilledWorkbook(part2024.pack, bare))
    const j = JSON.parse((await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'thieu', '--json'])).stdout)
    const z = j.missingData.zeroed.find((u: { unitId: string }) => u.unitId === a.unitId)
    expect(z.noInput).toBeGreaterThanOrEqual(3)
    expect(z.missingEvidence).toBeGreaterThan(0)
    expect(z.missingSurvey).toBe(10)
    const text = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'thieu'])
    expect(text.stdout).toContain('Tiêu chí tính 0 điểm vì thiếu dữ liệu:')
    expect(text.stdout).toMatch(new RegExp(`  ${a.unit!.name}: ${z.noInput} tiêu chí chưa có điểm tự chấm hay dữ kiện, ${z.missingEvidence} tiêu chí thiếu tài liệu kiểm chứng`))
  })
})

describe('facts', () => {
  it('a fact name the pack never reads is a warning with the nearest known name; known facts are used', async () => {
    const unit = part2024.assessments[0]!.unitId
    await writeFile(join(dir, 'du-kien.csv'), `Mã đơn vị;Dữ kiện;Giá trị\n${unit};planIssud;on-time\n${unit};lateDossiersWithoutApology;4\n${unit};tongNganSach;12\n`)
    const base = JSON.parse((await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--json'])).stdout)
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--facts', 'du-kien.csv', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    const typo = j.issues.find((i: { value: string }) => i.value === 'planIssud')
    expect(typo).toMatchObject({ code: 'unknown_fact', severity: 'warning', file: 'du-kien.csv', cell: 'B2' })
    expect(typo.message.vi).toBe('Bộ chỉ số không đọc dữ kiện "planIssud"; có phải "planIssued"?: giá trị này bị bỏ qua')
    expect(typo.message.en).toBe('The pack reads no fact "planIssud"; did you mean "planIssued"?: the value is ignored')
    // a name far from every known fact gets no suggestion
    expect(j.issues.find((i: { value: string }) => i.value === 'tongNganSach').message.en).toBe('The pack reads no fact "tongNganSach": the value is ignored')
    // 4 late dossiers without an apology × 0.25 deducted from area 3
    const before = base.ranking.find((u: { unitId: string }) => u.unitId === unit).total
    const after = j.ranking.find((u: { unitId: string }) => u.unitId === unit).total
    // totals are exact fractions: the forms carry the unit's facts, whose ratios give them
    expect(Exact.from(before).sub(Exact.from(after)).toString()).toBe('1')
    const text = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--facts', 'du-kien.csv'])
    expect(text.stderr).not.toContain('du-kien.csv › du-kien.csv')
    expect(text.stderr).toContain('du-kien.csv › B2: Bộ chỉ số không đọc dữ kiện "planIssud"; có phải "planIssued"?: giá trị này bị bỏ qua (cảnh báo) [unknown_fact]')
  })
})

describe('a blank form among the submissions', () => {
  it('is named as a blank form, not scored as a unit with 0 points', async () => {
    await writeForms('co-bieu-trong', part2024.assessments.slice(0, 2), part2024)
    await writeFile(join(dir, 'co-bieu-trong', 'bieu-mau.xlsx'), await writeTemplateWorkbook(part2024.pack, { period: '2024' }))
    await writeFile(join(dir, 'co-bieu-trong', 'bieu-mau-khong-nam.xlsx'), await writeTemplateWorkbook(part2024.pack))
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'co-bieu-trong', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.ranking).toHaveLength(2)
    expect(j.blank).toEqual(['co-bieu-trong/bieu-mau-khong-nam.xlsx', 'co-bieu-trong/bieu-mau.xlsx'])
    const text = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'co-bieu-trong'])
    expect(text.stderr).toContain('Bỏ qua co-bieu-trong/bieu-mau.xlsx: biểu trống (chưa điền điểm nào), không chấm')
    expect(text.stdout).toContain('Đã đọc 4 tệp: chấm 2, không chấm được 0, 2 biểu trống')
  })
})

describe('units assessed but not ranked', () => {
  it('print "không xếp hạng" / "not ranked" instead of a rank', async () => {
    const out = part2024.assessments[1]!
    const r = await chiso(['rank', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--exclude', out.unitId])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^\\s*không xếp hạng\\s+${out.unit!.name}`, 'm'))
    expect(r.stdout).toMatch(/Không xếp hạng: .+ đạt \d+,\d\d điểm/)
    const en = await chiso(['rank', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--exclude', out.unitId, '--lang', 'en'])
    expect(en.stdout).toMatch(new RegExp(`^\\s*not ranked\\s+${out.unit!.name}`, 'm'))
    const j = JSON.parse((await chiso(['rank', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--exclude', out.unitId, '--json'])).stdout)
    expect(j.ranking.find((u: { unitId: string }) => u.unitId === out.unitId)).toMatchObject({ rank: null, ranked: false, groupSize: 5 })
  })
})

describe('chiso packs', () => {
  it('lists the editions with their dates in force and what in them is reconstructed', async () => {
    const r = await chiso(['packs'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Bộ chỉ số\s+Phiên bản\s+Áp dụng cho\s+Hiệu lực\s+Nội dung$/m)
    expect(r.stdout).toMatch(/^vn-cchc\/commune-2019\s+[\d.]+\s+xã, phường, thị trấn\s+08\/10\/2019 → 30\/06\/2025\s+tái dựng theo khuôn mẫu \(63\/63\)$/m)
    expect(r.stdout).toMatch(/^vn-cchc\/commune-2025\s+[\d.]+\s+xã, phường\s+từ 01\/07\/2025\s+tái dựng/m)
    const j = JSON.parse((await chiso(['packs', '--family', 'vn-cchc/commune', '--json'])).stdout)
    expect(j.map((p: { id: string }) => p.id)).toEqual(['vn-cchc/commune-2019', 'vn-cchc/commune-2025'])
    expect(j[0]).toMatchObject({ effective: { from: '2019-10-08', to: '2025-06-30' }, standing: 'shaped-after', reconstructed: 63, criteria: 63 })
  })
})

describe('year over year', () => {
  it('--years 2023..2024 reads each year from its subfolder and prints the changes the way reports do', async () => {
    const ids = new Set(part2024.assessments.slice(0, 6).map((a) => a.unitId))
    await writeForms('ho-so/2024', part2024.assessments.slice(0, 6), part2024)
    await writeForms(
      'ho-so/2023',
      part2023.assessments.filter((a) => ids.has(a.unitId)),
      part2023,
    )
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'ho-so', '--years', '2023..2024', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.period).toBe('2024')
    expect(j.years.compared).toEqual(['2023'])
    expect(j.years.units).toHaveLength(6)
    for (const u of j.years.units) expect(u.changes[0]).toMatchObject({ from: '2023', to: '2024' })
    const moved = j.years.units.find((u: { changes: { rankChange: number }[] }) => u.changes[0]!.rankChange > 0)
    expect(moved.changes[0].text).toBe(`tăng ${moved.changes[0].rankChange} bậc so với năm 2023`)
    const text = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'ho-so', '--years', '2023..2024'])
    expect(text.stdout).toMatch(/So với 2023/)
    expect(text.stdout).toMatch(/tăng \d+ bậc|giảm \d+ bậc|giữ nguyên/)
    expect(text.stdout).toMatch(/^So với năm 2023: .*chỉ số bình quân (tăng|giảm) \d+,\d\d điểm phần trăm/m)
  })

  it('groups of different sizes (9 units in 2023, 6 in 2024) give both places, never a difference of ranks', async () => {
    await writeForms('ho-so-gop/2024', part2024.assessments.slice(0, 6), part2024)
    const ids = new Set(part2024.assessments.slice(0, 6).map((a) => a.unitId))
    const extra = part2023.assessments.filter((a) => !ids.has(a.unitId)).slice(0, 3)
    await writeForms('ho-so-gop/2023', [...part2023.assessments.filter((a) => ids.has(a.unitId)), ...extra], part2023)
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'ho-so-gop', '--years', '2023..2024', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.years.units).toHaveLength(6)
    for (const u of j.years.units) {
      expect(u.changes[0].rankChange).toBeNull()
      expect(u.changes[0].text).toMatch(/^xếp thứ [1-6]\/6 \(năm 2023: thứ [1-9]\/9\)$/)
    }
    const text = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'ho-so-gop', '--years', '2023..2024'])
    expect(text.stdout).toMatch(/ [1-9]\/9 → [1-6]\/6/)
    expect(text.stdout).not.toMatch(/(tăng|giảm) \d+ bậc/)
  })

  it('or from the records saved with --save in earlier years (--history)', async () => {
    const save = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'ho-so/2023', '--save', 'ket-qua-2023.json'])
    expect(save.code, save.stderr).toBe(0)
    const r = await chiso(['rank', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--years', '2023,2024', '--history', 'ket-qua-2023.json', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.years.compared).toEqual(['2023'])
    expect(j.years.units.every((u: { changes: unknown[] }) => u.changes.length === 1)).toBe(true)
    const bad = await chiso(['rank', '--pack', 'vn-cchc/commune', '--in', 'nop-2024', '--years', '2024..2023'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--years cần một khoảng năm như 2022..2024')
    expect(JSON.parse(await readFile(join(dir, 'ket-qua-2023.json'), 'utf8')).records).toHaveLength(6)
  })
})
