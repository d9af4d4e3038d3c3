import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { readAssessmentWorkbook } from '../src/xlsx/index.js'
import { filledWorkbook, fixture, GOOD, loadWorkbook, testPack } from './helpers.js'

const pack = testPack()

interface Captured {
  code: number
  stdout: string
  stderr: string
}

async function chiso(args: string[], cwd: string, tty = false): Promise<Captured> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    cwd,
    stdout: { write: (s: string) => (stdout += s), isTTY: tty, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: tty },
  })
  return { code, stdout, stderr }
}

let dir: string
let good: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-cli-'))
  await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  const sub = join(dir, 'submissions')
  good = join(dir, 'good')
  const { mkdir } = await import('node:fs/promises')
  await mkdir(sub)
  await mkdir(good)
  const a = await filledWorkbook(pack, { unitId: 'xa-mau-don', name: 'Xã Mẫu Đơn', scores: GOOD, evidence: { '2.2': 'Thông báo 5/TB-UBND' } })
  const b = await filledWorkbook(pack, { unitId: 'xa-cam-chuong', name: 'Xã Cẩm Chướng', scores: { ...GOOD, '1.1': 0.5, '2.1': 2 } })
  await writeFile(join(sub, 'xa-mau-don.xlsx'), a)
  await writeFile(join(sub, 'xa-cam-chuong.xlsx'), b)
  await writeFile(join(good, 'xa-mau-don.xlsx'), a)
  await writeFile(join(good, 'xa-cam-chuong.xlsx'), b)
  await writeFile(join(sub, 'xa-loi.xlsx'), await filledWorkbook(pack, { unitId: 'xa-loi', name: 'Xã Lỗi', scores: { ...GOOD, '2.3': 2, '1.4.2': 'abc' } }))
  await writeFile(join(sub, 'khong-phai-excel.xlsx'), 'hello')
})

describe('chiso: help and usage errors', () => {
  it('--help for the program and every command exits 0', async () => {
    const top = await chiso(['--help'], dir)
    expect(top.code).toBe(0)
    expect(top.stdout).toContain('Usage: chiso')
    for (const c of ['validate', 'template', 'score', 'rank', 'explain', 'recalc', 'sample']) {
      const r = await chiso([c, '--help'], dir)
      expect(r.code, c).toBe(0)
      expect(r.stdout, c).toContain(`Usage: chiso ${c}`)
    }
    expect((await chiso(['--version'], dir)).stdout.trim()).toBe('0.1.0')
  })

  it('usage errors exit 2', async () => {
    expect((await chiso([], dir)).code).toBe(2)
    expect((await chiso(['bogus'], dir)).code).toBe(2)
    expect((await chiso(['score', '--in', 'submissions'], dir)).code).toBe(2) // no --pack
    const unknown = await chiso(['score', '--pack', 'vn-cchc/khong-co', '--in', 'submissions'], dir)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Không có bộ chỉ số "vn-cchc/khong-co"')
    const missing = await chiso(['score', '--pack', 'pack.json', '--in', 'khong-co-thu-muc'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('khong-co-thu-muc')
  })
})

describe('chiso validate / template', () => {
  it('validates a good pack (0) and lists every problem of a bad one (1)', async () => {
    const ok = await chiso(['validate', 'pack.json'], dir)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('test/commune@1.0.0 hợp lệ — 3 lĩnh vực, 14 tiêu chí (10 tiêu chí thành phần), thang điểm 20,00')
    const bad = JSON.parse(await readFile(join(dir, 'pack.json'), 'utf8'))
    bad.criteria[0].maxPoints = 7
    bad.criteria[1].children[0].rule = { kind: 'nope' }
    await writeFile(join(dir, 'bad-pack.json'), JSON.stringify(bad))
    const r = await chiso(['validate', 'bad-pack.json'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('[children_sum_mismatch]')
    expect(r.stdout).toContain('[unknown_rule_kind]')
    const j = await chiso(['validate', 'bad-pack.json', '--json'], dir)
    expect(JSON.parse(j.stdout)[0].issues.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['children_sum_mismatch', 'unknown_rule_kind']))
  })

  it('validates a pack of the registry by id and by family', async () => {
    const id = await chiso(['validate', 'vn-cchc/commune-2019'], dir)
    expect(id.code, id.stderr).toBe(0)
    expect(id.stdout).toMatch(/✓ vn-cchc\/commune-2019: vn-cchc\/commune-2019@\d+\.\d+\.\d+ hợp lệ — 9 lĩnh vực/)
    const fam = await chiso(['validate', 'vn-cchc/commune', '--year', '2025'], dir)
    expect(fam.stdout).toContain('vn-cchc/commune-2025@')
  })

  it('validates submitted workbooks against a pack', async () => {
    const r = await chiso(['validate', 'submissions', '--pack', 'pack.json', '--year', '2024'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('4 tệp: 2 hợp lệ, 2 có lỗi')
  })

  it('writes the blank form, from a file or from the registry by family and year', async () => {
    const r = await chiso(['template', 'pack.json', '-o', 'out/bieu.xlsx', '--year', '2024'], dir)
    expect(r.code).toBe(0)
    const read = await readAssessmentWorkbook(join(dir, 'out/bieu.xlsx'), pack, { period: '2024', unitId: 'x' })
    expect(read.ok).toBe(true)
    const fam = await chiso(['template', 'vn-cchc/commune', '--year', '2024', '-o', 'bieu-xa.xlsx'], dir)
    expect(fam.code, fam.stderr).toBe(0)
    expect(fam.stdout).toContain('vn-cchc/commune-2019@')
    // a ward's form read under the commune family pack: the kind comes from the name
    const { loadPack } = await import('../src/cli/index.js')
    const p = await loadPack('vn-cchc/commune', { year: '2024' })
    if (!p.ok) throw new Error('no pack')
    const { writeFilledWorkbook } = await import('../src/xlsx/index.js')
    const ward = await readAssessmentWorkbook(await writeFilledWorkbook(p.pack, { unitId: 'p-1', period: '2024', unit: { id: 'p-1', name: 'Phường Mẫu Thử', kind: 'ward' } }), p.pack, {
      period: '2024',
    })
    expect(ward.ok && ward.value.unit?.kind).toBe('ward')
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'bieu-xa.xlsx'))))
    expect(String(wb.worksheets[0]!.getCell('B7').value)).toMatch(/^vn-cchc\/commune-2019@/)
  })
})

describe('chiso score', () => {
  it('scores the good files, writes the result workbook, lists every problem, exits 1', async () => {
    const r = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'submissions/', '--out', 'ket-qua-2024.xlsx'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/Hạng\s+Đơn vị\s+Điểm\s+Chỉ số\s+Xếp loại/)
    expect(r.stdout).toMatch(/1\s+Xã Mẫu Đơn\s+\d+,\d\d\s+\d+,\d\d/)
    expect(r.stdout).toContain('Đã đọc 4 tệp: chấm 2, không chấm được 2')
    expect(r.stderr).toContain('khong-phai-excel.xlsx: Không phải tệp Excel (.xlsx) đọc được')
    expect(r.stderr).toContain('xa-loi.xlsx › Tự đánh giá › D19: Ô điểm chứa chữ, không phải số: "abc" [invalid_number]')
    // decimals in Vietnamese with a comma; the criterion code stays as it is
    expect(r.stderr).toContain('xa-loi.xlsx › Tự đánh giá › D23: Điểm 2 của "2.3" vượt điểm tối đa 1,5 [score_above_max]')
    // no progress bar, no control characters when not a terminal
    expect(r.stdout + r.stderr).not.toMatch(/[\r\x1b]/)
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'ket-qua-2024.xlsx'))))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Xếp hạng', 'Tổng hợp', 'Xã Mẫu Đơn', 'Xã Cẩm Chướng', 'Lỗi nhập liệu'])
    expect(wb.getWorksheet('Lỗi nhập liệu')!.rowCount).toBe(1 + 3)
  })

  it('exits 0 when every file is fine; --json for scripts', async () => {
    const r = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'good', '--json'], dir)
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.pack.id).toBe('test/commune')
    expect(j.files).toBe(2)
    expect(j.ranking.map((u: { unitId: string; rank: number }) => [u.rank, u.unitId])).toEqual([
      [1, 'xa-mau-don'],
      [2, 'xa-cam-chuong'],
    ])
    expect(j.ranking[0].index).toMatch(/^\d+(\.\d+)?$/)
    expect(j.ranking[0].indexVi).toMatch(/^\d+,\d\d$/)
    expect(j.issues).toEqual([])
  })

  it('draws a progress bar only on a terminal', async () => {
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'good', '--year', '2024'], dir, true)
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('\r\x1b[2K')
    expect(r.stderr).toContain('Đọc biểu [')
    expect(r.stdout).not.toContain('\x1b')
  })

  it('rank prints the table; explain prints the trace tree', async () => {
    const rank = await chiso(['rank', '--pack', 'pack.json', '--in', 'good', '--year', '2024'], dir)
    expect(rank.code).toBe(0)
    expect(rank.stdout).toMatch(/^\s+Hạng\s+Đơn vị/m)
    expect(rank.stdout).toContain('xã đạt')
    const ex = await chiso(['explain', 'xa-cam-chuong', '--pack', 'pack.json', '--in', 'good', '--year', '2024'], dir)
    expect(ex.code, ex.stderr).toBe(0)
    expect(ex.stdout).toMatch(/^Xã Cẩm Chướng \(xa-cam-chuong\) — 2024: \d+,\d\d\/20,00 điểm, chỉ số \d+,\d\d%, xếp thứ 2\/2/)
    expect(ex.stdout).toContain('├─ 1 Công tác chỉ đạo, điều hành CCHC')
    expect(ex.stdout).toContain('│  ├─ 1.1 Ban hành kế hoạch CCHC năm: 0,50/1,00')
    expect(ex.stdout).toContain('│  │      · điểm tự chấm: 0,5')
    expect(ex.stdout).toContain('! 3.1: chưa có kết quả điều tra, tính 0 điểm')
    const byName = await chiso(['explain', 'Xã Mẫu Đơn', '--pack', 'pack.json', '--in', 'good'], dir)
    expect(byName.code).toBe(0)
    const none = await chiso(['explain', 'xa-khong-co', '--pack', 'pack.json', '--in', 'good'], dir)
    expect(none.code).toBe(2)
  })
})

describe('chiso recalc', () => {
  it('stored records recalculate identically; a tampered record reports its differences', async () => {
    const s = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'good', '--save', 'records.json'], dir)
    expect(s.code).toBe(0)
    expect(existsSync(join(dir, 'records.json'))).toBe(true)
    const same = await chiso(['recalc', 'records.json', '--pack', 'pack.json'], dir)
    expect(same.code, same.stdout + same.stderr).toBe(0)
    expect(same.stdout).toContain('2/2 bản ghi trùng khớp')
    const data = JSON.parse(await readFile(join(dir, 'records.json'), 'utf8'))
    data.records[0].total = '19'
    data.records[0].nodes[0].points = '19'
    await writeFile(join(dir, 'tampered.json'), JSON.stringify(data))
    const diff = await chiso(['recalc', 'tampered.json', '--pack', 'pack.json', '--json'], dir)
    expect(diff.code).toBe(1)
    const j = JSON.parse(diff.stdout)
    expect(j.identical).toBe(1)
    expect(j.reports[0].status).toBe('different')
    expect(j.reports[0].differences).toContainEqual(expect.objectContaining({ code: 'total', field: 'points', stored: '19' }))
    expect(j.reports[0].differences).toContainEqual(expect.objectContaining({ code: null, field: 'total', stored: '19' }))
  })

  it('a record whose unit, period, total and index were edited is not "identical": each field is named, stored → recalculated, exit 1', async () => {
    expect((await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'good', '--save', 'to-forge.json'], dir)).code).toBe(0)
    const data = JSON.parse(await readFile(join(dir, 'to-forge.json'), 'utf8'))
    const rec = data.records[0]
    const truth = { unitId: rec.unitId, period: rec.period, total: rec.total, index: rec.index }
    Object.assign(rec, { unitId: 'xa-forged', period: '1999', total: '99', index: '99' })
    await writeFile(join(dir, 'forged.json'), JSON.stringify(rec))
    const r = await chiso(['recalc', 'forged.json', '--pack', 'pack.json'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).not.toContain('trùng khớp / identical\n')
    expect(r.stdout).toMatch(/≠ (\S.* \()?xa-forged\)? 1999: 4 khác biệt/)
    // in the words and numbers of the reports: 2 decimals, decimal comma, a true minus
    const vi = (v: string): string => Number(v).toFixed(2).replace('.', ',')
    expect(r.stdout).toContain(`    mã đơn vị: xa-forged → ${truth.unitId}\n`)
    expect(r.stdout).toContain(`    kỳ đánh giá: 1999 → ${truth.period}\n`)
    expect(r.stdout).toMatch(new RegExp(`    tổng điểm: 99,00 → ${vi(truth.total)} \\(−[0-9,]+\\)\n`))
    expect(r.stdout).toMatch(new RegExp(`    chỉ số: 99,00 → ${vi(truth.index)} \\(−[0-9,]+\\)\n`))
    expect(r.stdout).toContain('0/1 bản ghi trùng khớp')
  })
})

describe('chiso sample', () => {
  it('generates the sample province, scores it and prints the ranking', async () => {
    const r = await chiso(['sample', '--year', '2024'], dir)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('UBND cấp xã')
    expect(r.stdout).toMatch(/^\s+Hạng\s+Đơn vị\s+Điểm\s+Chỉ số\s+Xếp loại/m)
    expect(r.stdout).toMatch(/\d\d\/\d+ xã đạt/)
    const j = await chiso(['sample', '--year', '2024', '--kind', 'commune', '--json'], dir)
    expect(j.code).toBe(0)
    const parsed = JSON.parse(j.stdout)
    expect(parsed.results).toHaveLength(1)
    expect(parsed.results[0].ranking.length).toBeGreaterThan(10)
    expect((await chiso(['sample', '--year', 'hai-nghin'], dir)).code).toBe(2)
  })
})
