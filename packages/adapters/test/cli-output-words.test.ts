// Small wording items of the journey report (14): an unchanged mean said in words, an
// evidence document named once.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chiso, filledWorkbook, fixture, GOOD, testPack } from './helpers.js'

const pack = testPack()

describe('wording', () => {
  it('a mean index unchanged since last year is said so, not "tăng 0,00 điểm phần trăm"; evidence named once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-words-'))
    await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
    for (const y of ['2023', '2024']) {
      await mkdir(join(dir, 'ho-so', y), { recursive: true })
      await writeFile(join(dir, 'ho-so', y, 'xa-a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', period: y, scores: GOOD, evidence: { '2.2': '20/KH-UBND' } }))
    }
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so', '--years', '2023..2024'], dir)
    expect(r.stdout).toContain('chỉ số bình quân không đổi')
    expect(r.stdout).not.toContain('0,00 điểm phần trăm')
    const en = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so', '--years', '2023..2024', '--lang', 'en'], dir)
    expect(en.stdout).toContain('mean index unchanged')
    const ex = await chiso(['explain', 'xa-a', '--pack', 'pack.json', '--in', 'ho-so/2024'], dir)
    expect(ex.stdout).toContain('tài liệu kiểm chứng: 20/KH-UBND\n')
    expect(ex.stdout).not.toContain('20/KH-UBND — 20/KH-UBND')
  })
})

describe('dates in messages', () => {
  it('a pack out of force for the forms names its dates as Vietnamese documents write them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-dates-'))
    const { readFile } = await import('node:fs/promises')
    const json = JSON.parse(await readFile(fixture('pack-commune.json'), 'utf8'))
    await writeFile(join(dir, 'pack.json'), JSON.stringify({ ...json, effective: { from: '2024-01-01', to: '2024-12-31' } }))
    await mkdir(join(dir, 'in'))
    await writeFile(join(dir, 'in', 'xa-a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', period: '2023', scores: GOOD }))
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'in'], dir)
    expect(r.stderr).toContain('có hiệu lực từ ngày 01/01/2024 đến ngày 31/12/2024')
    expect(r.stderr).not.toMatch(/\d{4}-\d{2}-\d{2}/)
  })
})
