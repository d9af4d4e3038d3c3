/**
 * Years and packs: `template` refuses a year its pack is not in force (core's rule,
 * packInForce, which `score` applies to the forms), and `compare` compares the
 * years scored under a province pack with those under the national pack it extends, or
 * says why it cannot — never a year dropped in silence.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRegistry, evaluateBatch, packInForce } from '@chiso/core'
import { generateSampleProvince, packs as shipped } from '@chiso/rules-vn-cchc'
import { beforeAll, describe, expect, it } from 'vitest'
import { chiso } from './helpers.js'

const P2024 = {
  id: 'hong-lam/commune-2024',
  version: '1.0.0',
  family: 'hong-lam/commune',
  title: { vi: 'Bộ chỉ số CCHC cấp xã tỉnh Hồng Lam năm 2024', en: 'Hong Lam commune PAR index 2024' },
  status: 'reconstructed',
  effective: { from: '2024-01-01', to: '2024-12-31' },
  extends: { id: 'vn-cchc/commune-2019', version: '1.1.0' },
  patches: [{ op: 'neutralise', code: '6.3.2', reason: 'Tỉnh không chấm tiêu chí này năm 2024' }],
}

let dir: string
const sample = generateSampleProvince({ seed: 7, years: [2023, 2024] })
const communes = (year: number) =>
  sample.years
    .find((y) => y.year === year)!
    .packs.find((p) => p.family === 'vn-cchc/commune')!
    .assessments.slice(0, 4)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-packs-years-'))
  await mkdir(join(dir, 'packs'))
  await mkdir(join(dir, 'other'))
  await writeFile(join(dir, 'packs', 'hong-lam.commune-2024.json'), JSON.stringify(P2024))
  const reg = createRegistry([...shipped, P2024])
  // the same criteria, composed, in a family of its own that extends nothing
  const { extends: _e, patches: _p, ...composed } = reg.compile('hong-lam/commune-2024').source as Record<string, unknown>
  const unrelated = { ...composed, id: 'khac/commune-2024', family: 'khac/commune' }
  const flat = createRegistry([...shipped, unrelated])
  await writeFile(join(dir, 'other', 'khac.commune-2024.json'), JSON.stringify(unrelated))
  const save = async (file: string, packId: string, year: number, r = reg): Promise<void> => {
    const batch = evaluateBatch(r.compile(packId), communes(year))
    await writeFile(join(dir, file), JSON.stringify({ kind: 'chiso.result-records', records: batch.units.map((u) => u.result.toJSON()) }))
  }
  await save('ket-qua-2023.json', 'vn-cchc/commune-2019', 2023)
  await save('ket-qua-2024.json', 'hong-lam/commune-2024', 2024)
  await save('khac-2024.json', 'khac/commune-2024', 2024, flat)
})

describe('template for a year its pack is not in force', () => {
  it('the in-force rule: a pack is in force for a year its effective period overlaps', () => {
    expect(packInForce({ source: { effective: { from: '2019-10-08', to: '2025-06-30' } } }, '2025')).toEqual({ inForce: true })
    expect(packInForce({ source: { effective: { from: '2019-10-08', to: '2025-06-30' } } }, '2026')).toEqual({ inForce: false, year: '2026', from: '2019-10-08', to: '2025-06-30' })
    expect(packInForce({ source: { effective: { from: '2024-01-01' } } }, '2023').inForce).toBe(false)
    expect(packInForce({ source: {} }, '1990').inForce).toBe(true)
  })

  it('is refused (exit 2, no file), naming the period in force and the edition of that year, in the language asked for', async () => {
    const vi = await chiso(['template', 'vn-cchc/commune-2019', '--year', '2026', '-o', 't26.xlsx'], dir)
    expect(vi.code).toBe(2)
    expect(existsSync(join(dir, 't26.xlsx'))).toBe(false)
    expect(vi.stderr).toContain('Bộ chỉ số vn-cchc/commune-2019@1.1.0 có hiệu lực từ 08/10/2019 đến 30/06/2025, không áp dụng cho năm 2026')
    expect(vi.stderr).toContain('Bộ chỉ số có hiệu lực năm 2026: vn-cchc/commune-2025 (chiso template vn-cchc/commune --year 2026)')
    expect(vi.stderr).not.toMatch(/in force/)
    const en = await chiso(['--lang', 'en', 'template', 'packs/hong-lam.commune-2024.json', '--year', '2023', '-o', 't23.xlsx'], dir)
    expect(en.code).toBe(2)
    expect(existsSync(join(dir, 't23.xlsx'))).toBe(false)
    expect(en.stderr).toContain('Pack hong-lam/commune-2024@1.0.0 is in force 2024-01-01 – 2024-12-31, not in 2023')
    expect(en.stderr).not.toContain('Bộ chỉ số')
    // a year it is in force, and no year at all, still write the form
    expect((await chiso(['template', 'packs/hong-lam.commune-2024.json', '--year', '2024', '-o', 't24.xlsx'], dir)).code).toBe(0)
    expect((await chiso(['template', 'vn-cchc/commune-2019', '-o', 't.xlsx'], dir)).code).toBe(0)
  })
})

describe('compare across years scored under different packs', () => {
  it('a province pack extending the national one: both years in one table, with what differs said', async () => {
    const r = await chiso(['compare', 'ket-qua-2023.json', 'ket-qua-2024.json', '--pack', 'packs/hong-lam.commune-2024.json'], dir)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('So sánh qua các năm — vn-cchc/commune → hong-lam/commune (2023, 2024; bộ chỉ số vn-cchc/commune-2019@1.1.0, hong-lam/commune-2024@1.0.0)')
    expect(r.stdout).toContain('bộ sau kế thừa bộ trước (extends)')
    expect(r.stdout).toMatch(/Đơn vị\s+2023\s+2024\s+Thay đổi/)
    expect(r.stdout).toMatch(/ [1-4]\/4 · [\d,]+ +[1-4]\/4 · [\d,]+ {2}(tăng|giảm|giữ nguyên)/)
    const j = JSON.parse((await chiso(['compare', 'ket-qua-2023.json', 'ket-qua-2024.json', '--pack', 'packs/hong-lam.commune-2024.json', '--json'], dir)).stdout)
    expect(j.comparisons).toHaveLength(1)
    expect(j.comparisons[0].years).toEqual(['2023', '2024'])
  })

  it('unrelated families: each its own table, and a note saying why and what to do', async () => {
    const r = await chiso(['compare', 'ket-qua-2023.json', 'khac-2024.json', '--pack', 'other/khac.commune-2024.json'], dir)
    expect(r.stderr).toContain('Các bản ghi thuộc 2 họ bộ chỉ số không so được với nhau: vn-cchc/commune (2023); khac/commune (2024)')
    expect(r.stderr).toContain('hãy ghi "extends"')
    const en = await chiso(['--lang', 'en', 'compare', 'ket-qua-2023.json', 'khac-2024.json', '--pack', 'other/khac.commune-2024.json'], dir)
    expect(en.stderr).toContain('The records belong to 2 pack families that do not compare: vn-cchc/commune (2023); khac/commune (2024)')
  })

  it('records under a pack chiso does not have: the year is not dropped in silence', async () => {
    const r = await chiso(['compare', 'ket-qua-2023.json', 'ket-qua-2024.json'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Thiếu bộ chỉ số hong-lam/commune-2024@1.0.0')
    expect(r.stderr).toContain('--pack <tệp>')
  })
})
