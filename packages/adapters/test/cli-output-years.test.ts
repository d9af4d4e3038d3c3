import { mkdir, mkdtemp, writeFile, copyFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPack } from '../src/cli/packs.js'
import { chiso, filledWorkbook, fixture, GOOD, testPack } from './helpers.js'

const pack = testPack()

const UNITS = [
  { unitId: 'xa-a', name: 'Xã A', scores: GOOD },
  { unitId: 'xa-b', name: 'Xã B', scores: { ...GOOD, '1.1': 0.5, '2.1': 2 } },
]

async function setup(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chiso-years-'))
  await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  for (const y of ['2023', '2024']) await mkdir(join(dir, 'ho-so', y), { recursive: true })
  for (const [k, u] of UNITS.entries()) {
    // 2024: A leads; 2023: B led
    const now = await filledWorkbook(pack, { ...u, period: '2024', evidence: { '2.2': 'TB 5/TB-UBND' } })
    await writeFile(join(dir, 'ho-so', '2024', `${u.unitId}.xlsx`), now)
    const then = await filledWorkbook(pack, { ...UNITS[1 - k]!, unitId: u.unitId, name: u.name, period: '2023', evidence: { '2.2': 'TB 5/TB-UBND' } })
    await writeFile(join(dir, 'ho-so', '2023', `${u.unitId}.xlsx`), then)
  }
  return dir
}

describe('year over year is never dropped without a word', () => {
  it('--history without --years compares with the years its records hold', async () => {
    const dir = await setup()
    const saved = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so/2023', '--save', 'ket-qua-2023.json'], dir)
    expect(saved.code).toBe(0)
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so/2024', '--history', 'ket-qua-2023.json', '--json'], dir)
    const j = JSON.parse(r.stdout)
    expect(j.years?.compared).toEqual(['2023'])
    const a = j.years.units.find((u: { unitId: string }) => u.unitId === 'xa-a')
    expect(a.changes[0]).toMatchObject({ from: '2023', to: '2024', rankChange: 1 })
    const t = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so/2024', '--history', 'ket-qua-2023.json'], dir)
    expect(t.stdout).toContain('So với 2023')
    expect(t.stderr).toContain('So sánh với năm 2023 trong --history')
    const en = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so/2024', '--history', 'ket-qua-2023.json', '--lang', 'en'], dir)
    expect(en.stderr).toContain('Comparing with 2023 from --history')
  })

  it('an earlier year whose forms all fail says which year, folder and first error, in either language', async () => {
    const dir = await setup()
    for (const u of UNITS) {
      await writeFile(join(dir, 'ho-so', '2023', `${u.unitId}.xlsx`), await filledWorkbook(pack, { ...u, period: '2023', scores: { ...u.scores, '1.4.2': 'abc' } }))
    }
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so', '--years', '2023..2024'], dir)
    expect(r.stderr).toMatch(/Không so sánh được với năm 2023: không biểu nào trong ho-so\/2023 chấm được \(2 biểu có lỗi\); lỗi đầu tiên: ho-so\/2023\/xa-a\.xlsx › D\d+/)
    const en = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so', '--years', '2023..2024', '--lang', 'en'], dir)
    expect(en.stderr).toContain('No comparison with 2023: no form in ho-so/2023 could be scored')
  })

  it('an earlier year whose forms were made under another pack is scored under the pack the forms name', async () => {
    const dir = await setup()
    const national = await loadPack('vn-cchc/commune-2019', { year: '2023' })
    if (!national.ok) throw new Error('no shipped pack')
    const leaf = national.pack.nodes.find((n) => n.isLeaf && n.source !== 'survey')!
    for (const [k, u] of UNITS.entries()) {
      const bytes = await filledWorkbook(national.pack, { unitId: u.unitId, name: u.name, period: '2023', scores: { [leaf.code]: k === 0 ? 0 : Number(leaf.maxPoints.toString()) } })
      await writeFile(join(dir, 'ho-so', '2023', `${u.unitId}.xlsx`), bytes)
    }
    // the 2023 folder holds its survey table too: found, used and said once, though the folder is read twice
    const surveyLeaf = national.pack.nodes.find((n) => n.isLeaf && n.source === 'survey')!
    await writeFile(
      join(dir, 'ho-so', '2023', 'dieu-tra-2023.csv'),
      `Mã đơn vị,Tên đơn vị,Mã tiêu chí,Số người được hỏi,A,B,C,D\n${UNITS.map((u) => `${u.unitId},${u.name},${surveyLeaf.code},100,50,30,10,10`).join('\n')}\n`,
    )
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so', '--years', '2023..2024', '--json'], dir)
    const j = JSON.parse(r.stdout)
    expect(j.years?.compared).toEqual(['2023'])
    expect(r.stderr).toContain(`Năm 2023: các biểu được lập theo bộ chỉ số ${national.pack.id}@${national.pack.version}`)
    expect(r.stderr.split('Dùng kết quả điều tra xã hội học trong').length - 1, r.stderr).toBe(1)
  })
})
