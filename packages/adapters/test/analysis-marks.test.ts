// `compare`, `sensitivity` and `diff` carry the marks every other command carries: the one
// line saying what in each pack is reconstructed (packMarkLine), the sample-data mark when
// the units are sample data (SAMPLE_MARK), in the same words, in text (vi and en), in --json
// (`pack.reconstruction`, `sample`) and in the workbook `diff -o` writes.
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluateBatch } from '@chiso/core'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { packMarkLine, SAMPLE_MARK } from '../src/shared/marks.js'
import { loadWorkbook } from './helpers.js'

const guideDir = fileURLToPath(new URL('../../../docs/guides/examples/', import.meta.url))

async function chiso(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd: dir, stdout: { write: (s: string) => (stdout += s), isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: false } })
  return { code, stdout, stderr }
}

let dir: string
const p2019 = vnCchc.compile('vn-cchc/commune-2019')
const p2025 = vnCchc.compile('vn-cchc/commune-2025')
const lines = (s: string): string[] => s.split('\n')

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-analysis-marks-'))
  const sample = generateSampleProvince({ seed: 5, years: [2023, 2024] })
  for (const y of sample.years) {
    const p = y.packs.find((x) => x.family === 'vn-cchc/commune')!
    const batch = evaluateBatch(vnCchc.compile(p.packId), p.assessments)
    const records = batch.units.map((u) => u.result.toJSON() as { assessment: { unit?: { attributes?: Record<string, unknown> } } })
    await writeFile(join(dir, `ket-qua-${y.year}.json`), JSON.stringify({ kind: 'chiso.result-records', records }))
    // the same units, not marked as sample data (a province's real records)
    for (const r of records) if (r.assessment.unit?.attributes) delete r.assessment.unit.attributes.sample
    await writeFile(join(dir, `that-${y.year}.json`), JSON.stringify({ kind: 'chiso.result-records', records }))
  }
})

/** `pack.reconstruction` as every --json gives it. */
const reconstructionJson = (pack: typeof p2019, lang: 'vi' | 'en') => {
  const text = packMarkLine(pack, lang).replace(/^(Lưu ý|Note): /, '')
  return expect.objectContaining({ standing: 'shaped-after', reconstructed: pack.nodes.filter((n) => n.isLeaf && !n.maxPoints.isZero()).length, text })
}

describe('chiso compare', () => {
  it('text: the pack line, its reconstruction mark and the sample mark, in both languages', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const r = await chiso(['compare', 'ket-qua-2023.json', 'ket-qua-2024.json', '--lang', lang])
      expect(r.code, r.stderr).toBe(0)
      expect(lines(r.stdout), lang).toContain(packMarkLine(p2019, lang))
      expect(lines(r.stdout), lang).toContain(SAMPLE_MARK[lang])
      // the marks head the table, before the first unit
      expect(r.stdout.indexOf(SAMPLE_MARK[lang])).toBeLessThan(r.stdout.indexOf(lang === 'vi' ? 'Đơn vị ' : 'Unit '))
    }
    const real = await chiso(['compare', 'that-2023.json', 'that-2024.json'])
    expect(lines(real.stdout)).toContain(packMarkLine(p2019, 'vi'))
    expect(real.stdout).not.toContain('DỮ LIỆU MẪU')
  })

  it('--json: sample, and each comparison’s pack with its reconstruction', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const j = JSON.parse((await chiso(['compare', 'ket-qua-2023.json', 'ket-qua-2024.json', '--json', '--lang', lang])).stdout)
      expect(j.sample).toBe(true)
      expect(j.comparisons).toHaveLength(1)
      const c = j.comparisons[0]
      expect(c.sample).toBe(true)
      expect(c.pack.id).toBe('vn-cchc/commune-2019')
      expect(c.pack.reconstruction).toEqual(reconstructionJson(p2019, lang))
      expect(c.editions.map((e: { id: string }) => e.id)).toEqual(['vn-cchc/commune-2019'])
      expect(c.units.length).toBeGreaterThan(0)
    }
    const real = JSON.parse((await chiso(['compare', 'that-2023.json', 'that-2024.json', '--json'])).stdout)
    expect(real.sample).toBe(false)
    expect(real.comparisons[0].sample).toBe(false)
  })
})

describe('chiso sensitivity', () => {
  it('text: the reconstruction mark and the sample mark, in both languages', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const r = await chiso(['sensitivity', '--records', 'ket-qua-2024.json', '--draws', '20', '--lang', lang])
      expect(r.code, r.stderr).toBe(0)
      expect(lines(r.stdout), lang).toContain(packMarkLine(p2019, lang))
      expect(lines(r.stdout), lang).toContain(SAMPLE_MARK[lang])
    }
    const real = await chiso(['sensitivity', '--records', 'that-2024.json', '--draws', '20'])
    expect(lines(real.stdout)).toContain(packMarkLine(p2019, 'vi'))
    expect(real.stdout).not.toContain('DỮ LIỆU MẪU')
  })

  it('--json: sample, and each analysis’s pack with its reconstruction', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const j = JSON.parse((await chiso(['sensitivity', '--records', 'ket-qua-2024.json', '--draws', '20', '--json', '--lang', lang])).stdout)
      expect(j.sample).toBe(true)
      const a = j.analyses[0]
      expect(a.sample).toBe(true)
      expect(a.pack).toMatchObject({ id: 'vn-cchc/commune-2019', version: p2019.version })
      expect(a.pack.reconstruction).toEqual(reconstructionJson(p2019, lang))
    }
    const real = JSON.parse((await chiso(['sensitivity', '--records', 'that-2024.json', '--draws', '20', '--json'])).stdout)
    expect(real.sample).toBe(false)
    expect(real.analyses[0].sample).toBe(false)
  })
})

describe('chiso diff', () => {
  it('text: each pack’s reconstruction mark, and the row mark on a change to a reconstructed criterion', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const r = await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025', '--lang', lang])
      expect(r.code, r.stderr).toBe(0)
      expect(lines(r.stdout), lang).toContain(packMarkLine(p2019, lang))
      expect(lines(r.stdout), lang).toContain(packMarkLine(p2025, lang))
      expect(lines(r.stdout), lang).toContain(lang === 'vi' ? '  ~ Điểm tối đa của tiêu chí 1: 10 → 12 [tái dựng]' : '  ~ Maximum of criterion 1: 10 → 12 [reconstructed]')
    }
  })

  it('--json and -o x.json: both packs with their reconstruction', async () => {
    const j = JSON.parse((await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025', '--json'])).stdout)
    expect(j.packs.from.reconstruction).toEqual(reconstructionJson(p2019, 'vi'))
    expect(j.packs.to.reconstruction).toEqual(reconstructionJson(p2025, 'vi'))
    expect(j.changes.length).toBeGreaterThan(0)
    expect((await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025', '-o', 'thay-doi.json', '--lang', 'en'])).code).toBe(0)
    const f = JSON.parse(await readFile(join(dir, 'thay-doi.json'), 'utf8'))
    expect(f.packs.to.reconstruction).toEqual(reconstructionJson(p2025, 'en'))
  })

  it('-o x.xlsx: the "Thông tin" sheet says what in each pack is reconstructed, in the language asked', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const file = `thay-doi-${lang}.xlsx`
      expect((await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025', '-o', file, '--lang', lang])).code).toBe(0)
      const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, file))))
      const cells: string[] = []
      wb.getWorksheet('Thông tin')!.eachRow((r) => cells.push(...(r.values as unknown[]).slice(1).map(String)))
      expect(cells, lang).toContain(packMarkLine(p2019, lang))
      expect(cells, lang).toContain(packMarkLine(p2025, lang))
    }
  })

  it('--patches: the base’s and the province pack’s marks, in text and in the workbook', async () => {
    const d = join(dir, 'guide')
    await mkdir(d, { recursive: true })
    for (const f of ['national-commune.json', 'province-commune.json']) await copyFile(join(guideDir, f), join(d, f))
    const args = ['diff', '--patches', 'guide/province-commune.json', '--base', 'guide/national-commune.json']
    const r = await chiso(args)
    expect(r.code, r.stderr).toBe(0)
    const marks = lines(r.stdout).filter((l) => /^Lưu ý: .*tiêu chí chấm điểm là nội dung tái dựng, không phải văn bản chính thức/.test(l))
    expect(marks).toHaveLength(2)
    const j = JSON.parse((await chiso([...args, '--json'])).stdout)
    expect(j.packs.from.id).toBe('guide/national-commune')
    expect(j.packs.to.id).toBe('guide/hong-lam-commune')
    expect(`Lưu ý: ${j.packs.to.reconstruction.text}`).toBe(marks[1])
    expect((await chiso([...args, '-o', 'thao-tac.xlsx'])).code).toBe(0)
    const cells: string[] = []
    ;(await loadWorkbook(new Uint8Array(await readFile(join(dir, 'thao-tac.xlsx'))))).getWorksheet('Thông tin')!.eachRow((row) => cells.push(...(row.values as unknown[]).slice(1).map(String)))
    expect(cells).toEqual(expect.arrayContaining(marks))
  })
})
