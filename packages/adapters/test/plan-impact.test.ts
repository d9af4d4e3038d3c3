/**
 * `chiso plan` and `chiso impact` (issue #15): help in Vietnamese and English, the plan
 * table, the group's lost points, the plan workbook, the impact of a new edition through a
 * mapping given or shipped, and the errors scripts can tell apart by exit code.
 */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSampleProvince } from '@chiso/rules-vn-cchc'
import { loadPack, run } from '../src/cli/index.js'
import { writeFilledWorkbook } from '../src/xlsx/index.js'
import { filledWorkbook, fixture, GOOD, loadWorkbook, testPack } from './helpers.js'

const pack = testPack()

async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 100 }, stderr: { write: (s: string) => (stderr += s), isTTY: false } })
  return { code, stdout, stderr }
}

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-plan-'))
  await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  await mkdir(join(dir, 'good'))
  await writeFile(join(dir, 'good', 'xa-an-binh.xlsx'), await filledWorkbook(pack, { unitId: 'xa-an-binh', name: 'Xã An Bình', scores: GOOD, evidence: { '2.2': 'Thông báo 5/TB-UBND' } }))
  await writeFile(join(dir, 'good', 'xa-binh-minh.xlsx'), await filledWorkbook(pack, { unitId: 'xa-binh-minh', name: 'Xã Bình Minh', scores: { ...GOOD, '1.1': 0.5, '2.1': 2 } }))
  // edition B of the test pack: 2.2 worth 2 instead of 2.5, and a new criterion 2.4
  const b = JSON.parse(await readFile(fixture('pack-commune.json'), 'utf8'))
  b.id = 'test/commune-b'
  b.version = '2.0.0'
  const area2 = b.criteria[1]
  area2.children.find((c: { code: string }) => c.code === '2.2').maxPoints = 2
  area2.children.push({ code: '2.4', title: 'Tiêu chí mới của bộ B', maxPoints: 0.5, rule: { kind: 'manual', step: 0.5 } })
  await writeFile(join(dir, 'pack-b.json'), JSON.stringify(b))
  await writeFile(
    join(dir, 'mapping.json'),
    JSON.stringify({ from: { id: 'test/commune' }, to: { id: 'test/commune-b' }, criteria: [{ from: [], to: '2.4', note: { vi: 'mới trong bộ B', en: 'new in B' } }] }),
  )
  await writeFile(join(dir, 'bad-mapping.json'), JSON.stringify({ from: { id: 'test/commune' }, to: { id: 'test/commune-b' }, criteria: [{ from: '9.9', to: '2' }] }))
  await writeFile(join(dir, 'effort.json'), JSON.stringify({ '2.1': 10 }))
  await writeFile(join(dir, 'bad-effort.json'), JSON.stringify({ '7.7': 1 }))
})

describe('chiso plan / impact: help', () => {
  it('both appear in --help with a Vietnamese and an English description, and have their own --help', async () => {
    const top = await chiso(['--help'], dir)
    expect(top.code).toBe(0)
    const help = top.stdout.replace(/\s+/g, ' ')
    expect(help).toContain(
      'plan [options] [unit] kế hoạch khắc phục: điểm bị mất ở đâu, vì sao, và cách ít công sức nhất để đạt mục tiêu / improvement plan: where the points went and the cheapest way to a target',
    )
    expect(help).toContain('impact [options] tác động của bộ chỉ số mới lên kết quả năm trước: chấm lại theo bảng chuyển đổi, so điểm, xếp loại, thứ hạng / impact of a new edition')
    for (const c of ['plan', 'impact']) {
      const r = await chiso([c, '--help'], dir)
      expect(r.code, c).toBe(0)
      expect(r.stdout).toContain(`Usage: chiso ${c}`)
    }
    const plan = await chiso(['plan', '--help'], dir)
    for (const o of ['--band', '--index', '--rank', '--effort', '--out', '--json']) expect(plan.stdout).toContain(o)
    const impact = await chiso(['impact', '--help'], dir)
    for (const o of ['--from', '--to', '--mapping', '--in', '--json']) expect(impact.stdout).toContain(o)
  })
})

describe('chiso plan', () => {
  it('prints the plan table for the next band, in Vietnamese with decimal commas', async () => {
    const r = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--year', '2024'], dir)
    expect(r.code, r.stderr).toBe(0)
    // 11.25 of 20 → 56.25 (Trung bình); Khá needs 14: 1.1 +0.5, 1.4.2 +0.25, 2.1 +2 — all there is
    expect(r.stdout).toContain('KẾ HOẠCH KHẮC PHỤC — Xã Bình Minh (xa-binh-minh), kỳ đánh giá 2024')
    expect(r.stdout).toContain('Hiện nay: 11,25/20,00 điểm, chỉ số 56,25%, loại "Trung bình", xếp thứ 2/2')
    expect(r.stdout).toContain('Mục tiêu: đạt loại "Khá"')
    expect(r.stdout).toContain('Để đạt loại "Khá": khắc phục 3 tiêu chí, chỉ số từ 56,25 lên 70,00, loại "Khá", xếp thứ 1/2')
    expect(r.stdout).toContain('      Điểm bị mất: 0,50/1,00 — tự chấm 0,5/1 điểm\n      Mức cần đạt: tự chấm 1 điểm\n      Điểm tăng: +0,50 (từ 0,50 lên 1,00)')
    expect(r.stdout).toContain('Cộng: 3 tiêu chí, tăng 2,75 điểm; công sức 2,75')
    expect(r.stdout).toContain('2 tiêu chí 3.1, 3.2: mất 6,00 điểm — kết quả điều tra xã hội học, đơn vị không tự chấm')
    // no English line in the Vietnamese output
    expect(r.stdout).not.toMatch(/\b(the|points|survey|self score)\b/)
  })

  it('an unreachable band says so and gives the best reachable; --json for scripts', async () => {
    const r = await chiso(['plan', 'Xã Bình Minh', '--pack', 'pack.json', '--in', 'good', '--band', 'Tốt', '--json'], dir)
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.status).toBe('unreachable')
    expect(j.after.index).toBe('70')
    expect(j.steps.map((s: { code: string }) => s.code).sort()).toEqual(['1.1', '1.4.2', '2.1'])
    expect(j.file).toBe('good/xa-binh-minh.xlsx')
    expect(j.text.vi).toBe('Không thể đạt loại "Tốt"; tối đa đạt được: chỉ số 70,00, loại "Khá", xếp thứ 1/2 khi khắc phục 3 tiêu chí')
  })

  it('an index or a rank as the target; efforts from a file', async () => {
    const idx = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--index', '57,5', '--json'], dir)
    expect(idx.code, idx.stderr).toBe(0)
    const j = JSON.parse(idx.stdout)
    // 0.25 points: 1.4.2 from 1.25 to 1.5
    expect(j.steps.map((s: { code: string; to: string }) => [s.code, s.to])).toEqual([['1.4.2', '1.5']])
    const rank = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--rank', '1', '--json'], dir)
    const k = JSON.parse(rank.stdout)
    // Xã An Bình has 13.25: a tie is enough (competition ranking)
    expect([k.status, k.after.total, k.after.rank]).toEqual(['planned', '13.25', 1])
    // 0.5 points: 1.1 or 2.1 alone (equal effort); with 2.1 ten times as hard, only 1.1
    const cheap = JSON.parse((await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--index', '58,75', '--json'], dir)).stdout)
    expect([cheap.steps.length, cheap.effort]).toEqual([1, '0.5'])
    const dear = JSON.parse((await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--index', '58,75', '--effort', 'effort.json', '--json'], dir)).stdout)
    expect(dear.steps.map((s: { code: string }) => s.code)).toEqual(['1.1'])
  })

  it('writes the plan workbook provinces use (--out plan.xlsx), skipped when read back as a submission', async () => {
    const r = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--out', 'good/ke-hoach.xlsx'], dir)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('Đã ghi kế hoạch khắc phục vào')
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'good', 'ke-hoach.xlsx'))))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Kế hoạch khắc phục', 'Điểm bị mất'])
    const ws = wb.getWorksheet('Kế hoạch khắc phục')!
    expect(ws.getCell('A1').value).toBe('KẾ HOẠCH KHẮC PHỤC — Xã Bình Minh')
    expect(ws.getRow(7).values).toEqual([undefined, 'STT', 'Mã', 'Tiêu chí', 'Điểm tối đa', 'Điểm hiện có', 'Điểm bị mất', 'Nguyên nhân', 'Mức cần đạt', 'Điểm tăng', 'Điểm sau khắc phục'])
    const rows: unknown[][] = []
    let end = false
    ws.eachRow((row, n) => {
      if (row.getCell(3).value === 'Cộng') {
        end = true
        rows.push(['Cộng', row.getCell(6).value, row.getCell(9).value])
      }
      if (!end && n > 7) rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(6).value, row.getCell(9).value, row.getCell(10).value])
    })
    // grouped by area, the area gaining most first: codes, points lost, gained, points after
    expect(rows).toEqual([
      [null, '2', null, 2, null],
      [1, '2.1', 2, 2, 4],
      [null, '1', null, 0.75, null],
      [2, '1.1', 0.5, 0.5, 1],
      [3, '1.4.2', 0.25, 0.25, 1.5],
      ['Cộng', 2.75, 2.75],
    ])
    expect(ws.getCell('G9').value).toBe('tự chấm 2/4 điểm')
    // 2.1 is a ratio criterion: the rate to reach, not a score to type (journey report item 12)
    expect(ws.getCell('H9').value).toBe('đạt tỷ lệ 100% (4 điểm)')
    expect(wb.getWorksheet('Điểm bị mất')!.getCell('A1').value).toBe('Điểm bị mất — Xã Bình Minh: 8,75 điểm')
    // the plan workbook in the folder is not read as a unit's submission
    const rank = await chiso(['rank', '--pack', 'pack.json', '--in', 'good'], dir)
    expect(rank.code).toBe(0)
    expect(rank.stderr).toContain('Bỏ qua good/ke-hoach.xlsx')
    expect(existsSync(join(dir, 'good', 'ke-hoach.xlsx'))).toBe(true)
  })

  it('without a unit: which criteria the group loses points on', async () => {
    const r = await chiso(['plan', '--pack', 'pack.json', '--in', 'good'], dir)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Điểm bị mất theo tiêu chí')
    // the group by its name, as the reports head it, and the pack with what in it is reconstructed
    expect(r.stdout).toMatch(/^Khối xã: 02 xã$/m)
    expect(r.stdout).toContain('Lưu ý: 10/10 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức')
    expect(r.stdout).toMatch(/^3\.1\s+Hài lòng về thủ tục\s+02\/02\s+6,00\s+3,00\s+thiếu điều tra \(2\)$/m)
    expect(r.stdout).toMatch(/^2\.1\s+Tỷ lệ hồ sơ giải quyết đúng hạn\s+02\/02\s+2,50\s+1,25\s+tự chấm \(2\)$/m)
    const j = JSON.parse((await chiso(['plan', '--pack', 'pack.json', '--in', 'good', '--json'], dir)).stdout)
    expect(j.groups[0].criteria[0]).toMatchObject({ code: '3.1', unitsLosing: 2, lost: '6' })
  })

  it('usage errors exit 2, problems in the request exit 1', async () => {
    expect((await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--band', 'tot', '--rank', '1'], dir)).code).toBe(2)
    expect((await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--out', 'plan.csv'], dir)).code).toBe(2)
    expect((await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--index', 'tám mươi'], dir)).code).toBe(2)
    expect((await chiso(['plan', 'xa-khong-co', '--pack', 'pack.json', '--in', 'good'], dir)).code).toBe(2)
    expect((await chiso(['plan', '--pack', 'pack.json', '--in', 'good', '--band', 'tot'], dir)).code).toBe(2)
    const band = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--band', 'gioi'], dir)
    expect(band.code).toBe(1)
    expect(band.stderr).toContain('Không có mức xếp loại "gioi" trong bộ chỉ số test/commune@1.0.0')
    expect(band.stderr).toContain('[unknown_band]')
    const effort = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--effort', 'bad-effort.json'], dir)
    expect(effort.code).toBe(1)
    expect(effort.stderr).toContain('effort.7.7: Không có tiêu chí mã "7.7"')
  })
})

describe('chiso plan / impact: marks and languages', () => {
  it('--lang en: the same plan in English, the pack line and what in it is reconstructed first', async () => {
    const r = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--lang', 'en'], dir)
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines.slice(0, 5)).toEqual([
      'IMPROVEMENT PLAN — Xã Bình Minh (xa-binh-minh), period 2024',
      'Pack: Commune PAR index (test) (test/commune@1.0.0)',
      'Note: 10 of 10 scored criteria reconstructed, not an official text; band cut-offs reconstructed too',
      'Now: 11.25 of 20.00 points, index 56.25%, band "Average", rank 2/2',
      'Target: reach the band "Fair"',
    ])
    expect(r.stdout).toContain('      Points lost: 0.50 of 1.00 — self score 0.5 of 1\n      Level to reach: self score 1\n      Points gained: +0.50 (from 0.50 to 1.00)')
    expect(r.stdout).toContain('Total: 3 criteria, 2.75 points gained; effort 2.75')
    // the pack's Vietnamese words stay out of the English lines chiso writes itself
    expect(r.stdout).not.toMatch(/Điểm bị mất|Mức cần đạt|Hiện nay|xếp thứ|tự chấm/)
    // a group in English, by its name
    const g = await chiso(['plan', '--pack', 'pack.json', '--in', 'good', '--lang', 'en'], dir)
    expect(g.stdout).toMatch(/^Communes: 2 communes$/m)
    expect(g.stdout).toMatch(/^3\.1\s+Hài lòng về thủ tục\s+02\/02\s+6\.00\s+3\.00\s+no survey \(2\)$/m)
  })

  it('--json carries the pack with its reconstruction and the sample mark; no survey is a loud warning', async () => {
    const j = JSON.parse((await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--json'], dir)).stdout)
    expect(j.pack).toMatchObject({ id: 'test/commune', version: '1.0.0', reconstruction: { standing: 'reconstructed', criteria: 10, reconstructed: 10 } })
    expect(j.pack.reconstruction.text).toContain('10/10 tiêu chí chấm điểm là nội dung tái dựng')
    expect(j.sample).toBe(false)
    const g = JSON.parse((await chiso(['plan', '--pack', 'pack.json', '--in', 'good', '--json'], dir)).stdout)
    expect([g.pack.id, g.sample]).toEqual(['test/commune', false])
    const i = JSON.parse((await chiso(['impact', '--from', 'pack.json', '--to', 'pack-b.json', '--mapping', 'mapping.json', '--in', 'good', '--json'], dir)).stdout)
    expect([i.packs.from.id, i.packs.to.id, i.sample]).toEqual(['test/commune', 'test/commune-b', false])
    expect(i.packs.to.reconstruction.text).toContain('tái dựng')
    // the test pack scores 3.1 and 3.2 by survey and no survey results were given
    const text = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good'], dir)
    expect(text.stderr).toContain('CẢNH BÁO: bộ chỉ số có 2 tiêu chí chấm bằng điều tra xã hội học (6,00 điểm) nhưng không có kết quả điều tra')
  })

  it('the plan workbook says what is reconstructed, marks sample data, and is written in the language asked for', async () => {
    await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--out', 'ke-hoach-thu.xlsx'], dir)
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'ke-hoach-thu.xlsx'))))
    const ws = wb.getWorksheet('Kế hoạch khắc phục')!
    expect(ws.getCell('A5').value).toBe('Lưu ý: 10/10 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức; ngưỡng xếp loại cũng là tái dựng')
    expect(ws.getCell('A6').value).toBeNull()
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 })
    expect(String(wb.getWorksheet('Điểm bị mất')!.getCell('A2').value)).toMatch(/^Lưu ý: 10\/10 tiêu chí/)
    const en = await chiso(['plan', 'xa-binh-minh', '--pack', 'pack.json', '--in', 'good', '--out', 'plan-en.xlsx', '--lang', 'en'], dir)
    expect(en.stderr).toContain('Wrote the improvement plan to')
    const wbEn = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'plan-en.xlsx'))))
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['Improvement plan', 'Points lost'])
    expect(wbEn.worksheets[0]!.getRow(7).values).toEqual([undefined, 'No.', 'Code', 'Criterion', 'Maximum', 'Points now', 'Points lost', 'Cause', 'Level to reach', 'Points gained', 'Points after'])
    expect(wbEn.worksheets[0]!.getCell('A5').value).toBe('Note: 10 of 10 scored criteria reconstructed, not an official text; band cut-offs reconstructed too')
    // sample units: "dữ liệu mẫu" on the text, the --json and the workbook
    const sample = generateSampleProvince({ seed: 2025, years: [2024] })
    const communes = sample.years[0]!.packs.find((p) => p.family === 'vn-cchc/commune')!
    const p = await loadPack('vn-cchc/commune-2019')
    if (!p.ok) throw new Error('no pack')
    await mkdir(join(dir, 'mau'))
    const units = communes.assessments.slice(0, 3)
    for (const a of units) await writeFile(join(dir, 'mau', `${a.unitId}.xlsx`), await writeFilledWorkbook(p.pack, a))
    const text = await chiso(['plan', units[0]!.unitId, '--pack', 'vn-cchc/commune', '--in', 'mau', '--out', 'ke-hoach-mau.xlsx'], dir)
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout.split('\n').slice(1, 4)).toEqual([
      expect.stringMatching(/^Bộ chỉ số: .+ \(vn-cchc\/commune-2019@/),
      expect.stringMatching(/^Lưu ý: .*63\/63 tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức/),
      'DỮ LIỆU MẪU: tên đơn vị và số liệu là giả định, không phải kết quả thật',
    ])
    expect(JSON.parse((await chiso(['plan', units[0]!.unitId, '--pack', 'vn-cchc/commune', '--in', 'mau', '--json'], dir)).stdout).sample).toBe(true)
    expect(JSON.parse((await chiso(['plan', '--pack', 'vn-cchc/commune', '--in', 'mau', '--json'], dir)).stdout).sample).toBe(true)
    expect((await chiso(['plan', '--pack', 'vn-cchc/commune', '--in', 'mau'], dir)).stdout).toContain('DỮ LIỆU MẪU')
    const wbMau = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'ke-hoach-mau.xlsx'))))
    expect(wbMau.worksheets[0]!.getCell('A6').value).toBe('DỮ LIỆU MẪU: tên đơn vị và số liệu là giả định, không phải kết quả thật')
    const impact = await chiso(['impact', '--from', 'vn-cchc/commune', '--to', 'vn-cchc/commune-2025', '--in', 'mau', '--json'], dir)
    expect(JSON.parse(impact.stdout).sample).toBe(true)
  })
})

describe('chiso impact', () => {
  it('re-scores last year under the new edition through the mapping given', async () => {
    const r = await chiso(['impact', '--from', 'pack.json', '--to', 'pack-b.json', '--mapping', 'mapping.json', '--in', 'good', '--year', '2024'], dir)
    expect(r.code, r.stderr).toBe(0)
    // 2.2: 2.5 of 2.5 → 2 of 2; 2.4 is new (0): each unit loses 0.5 of 20 → 2.5 index points
    expect(r.stdout).toContain('Không có xã nào đổi loại; chỉ số bình quân giảm 2,50 điểm')
    expect(r.stdout).toMatch(/Xã An Bình\s+66,25\s+63,75\s+−2,50\s+65,38\s+1\/2\s+1\/2\s+Trung bình/)
    expect(r.stdout).toContain('Tiêu chí mới không có tương ứng trong bộ cũ (1 tiêu chí, 0,50 điểm)')
    expect(r.stdout).toContain('  2.4 Tiêu chí mới của bộ B (0,50 điểm)')
    expect(r.stdout).toContain('  2.2 Công khai thủ tục hành chính: −0,50 điểm (2 xã giảm, 0 tăng)')
    const j = JSON.parse((await chiso(['impact', '--from', 'pack.json', '--to', 'pack-b.json', '--mapping', 'mapping.json', '--in', 'good', '--json'], dir)).stdout)
    expect(j.units.map((u: { unitId: string; indexDelta: string; unmapped: { code: string }[] }) => [u.unitId, u.indexDelta, u.unmapped.map((x) => x.code)])).toEqual([
      ['xa-an-binh', '-2.5', ['2.4']],
      ['xa-binh-minh', '-2.5', ['2.4']],
    ])
    expect(j.before).toBeUndefined()
  })

  it('finds the mapping shipped with the Vietnamese packs, and says it is reconstructed', async () => {
    const sample = generateSampleProvince({ seed: 2025, years: [2024] })
    const communes = sample.years[0]!.packs.find((p) => p.family === 'vn-cchc/commune')!
    const p = await loadPack('vn-cchc/commune-2019')
    if (!p.ok) throw new Error('no pack')
    await mkdir(join(dir, 'xa-2024'))
    for (const a of communes.assessments.slice(0, 3)) await writeFile(join(dir, 'xa-2024', `${a.unitId}.xlsx`), await writeFilledWorkbook(p.pack, a))
    const r = await chiso(['impact', '--from', 'vn-cchc/commune', '--year', '2024', '--to', 'vn-cchc/commune-2025', '--in', 'xa-2024'], dir)
    expect(r.code, r.stderr).toBe(0)
    // both editions, each with what in it is reconstructed, the mapping's own mark, the sample mark
    expect(r.stdout.split('\n').slice(1, 8)).toEqual([
      expect.stringMatching(/^Bộ chỉ số cũ: .+ \(vn-cchc\/commune-2019@/),
      expect.stringMatching(/^Lưu ý: .*63\/63 tiêu chí chấm điểm là nội dung tái dựng/),
      expect.stringMatching(/^Bộ chỉ số mới: .+ \(vn-cchc\/commune-2025@/),
      expect.stringMatching(/^Lưu ý: .*73\/73 tiêu chí chấm điểm là nội dung tái dựng/),
      'Bảng chuyển đổi giữa hai bộ là bản tái dựng: các tương ứng là giả định, không phải văn bản chính thức.',
      'DỮ LIỆU MẪU: tên đơn vị và số liệu là giả định, không phải kết quả thật',
      '',
    ])
    // the old edition from the forms' own period, the new one a family's newest: the same report
    const family = await chiso(['impact', '--from', 'vn-cchc/commune', '--to', 'vn-cchc/commune', '--in', 'xa-2024'], dir)
    expect(family.code, family.stderr).toBe(0)
    expect(family.stdout).toBe(r.stdout)
    const en = await chiso(['impact', '--from', 'vn-cchc/commune', '--to', 'vn-cchc/commune-2025', '--in', 'xa-2024', '--lang', 'en'], dir)
    expect(en.stdout).toContain('The mapping between the two editions is reconstructed: its correspondences are assumptions, not an official text.')
    expect(en.stdout).toMatch(/^Unit\s+Old index\s+New index\s+Change\s+w\/o new\s+Old rank\s+New rank\s+Band$/m)
    expect(en.stdout).toContain('  1.6 PAR inspection of subordinate units (1.00 points)')
    expect(r.stdout).toMatch(/^\d{2}\/03 xã, phường, thị trấn đổi loại|^\d{2}\/03 (xã|phường)|^Không có .+ nào đổi loại/m)
    expect(r.stdout).toContain('  1.6 Kiểm tra CCHC đối với các bộ phận, đơn vị trực thuộc (1,00 điểm)')
  })

  it('a pair with no mapping is a usage error; a bad mapping lists its problems (exit 1)', async () => {
    const none = await chiso(['impact', '--from', 'pack.json', '--to', 'pack-b.json', '--in', 'good'], dir)
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Không có bảng chuyển đổi đi kèm từ test/commune sang test/commune-b')
    const bad = await chiso(['impact', '--from', 'pack.json', '--to', 'pack-b.json', '--mapping', 'bad-mapping.json', '--in', 'good'], dir)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('bad-mapping.json: criteria[0].from: Bảng chuyển đổi nêu tiêu chí "9.9" không có trong bộ chỉ số test/commune@1.0.0')
    expect(bad.stderr).toContain('[mapping_not_a_leaf]')
    expect((await chiso(['impact', '--from', 'pack.json', '--to', 'pack-b.json', '--mapping', 'khong-co.json', '--in', 'good'], dir)).code).toBe(2)
  })
})
