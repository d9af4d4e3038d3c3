// An index is printed the way its pack defines it: a percentage only when it is a ratio on a
// scale of 100 (the PAR index); points ("index": { "kind": "points" }) and ratios on another
// scale (10) print the number alone, labelled "điểm" / "thang 10" — in the CLI tables and
// summaries, explain, the year-over-year lines, the result workbook, the ranking CSV and the
// report.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compilePack, evaluateBatch, type BatchResult, type CompiledPack } from '@chiso/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { formatNumber } from '../src/shared/locale.js'
import { filledWorkbook, fixture, GOOD, loadWorkbook } from './helpers.js'
import { visibleText } from './report-helpers.js'

let dir: string

async function chiso(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } })
  return { code, stdout, stderr }
}

interface Variant {
  readonly name: string
  readonly index: { kind: 'ratio' | 'points'; scale?: number } | undefined
  readonly percent: boolean
  /** the index column's heading in the result workbook */
  readonly heading: { vi: string; en: string }
}

const VARIANTS: readonly Variant[] = [
  { name: 'percent', index: undefined, percent: true, heading: { vi: 'Chỉ số (%)', en: 'Index (%)' } },
  { name: 'points', index: { kind: 'points' }, percent: false, heading: { vi: 'Chỉ số (điểm)', en: 'Index (points)' } },
  { name: 'scale-10', index: { kind: 'ratio', scale: 10 }, percent: false, heading: { vi: 'Chỉ số (thang 10)', en: 'Index (scale of 10)' } },
]

const UNITS = [
  { unitId: 'xa-mau-don', name: 'Xã Mẫu Đơn', scores: GOOD },
  { unitId: 'xa-cam-chuong', name: 'Xã Cẩm Chướng', scores: { ...GOOD, '2.1': 2, '1.2': 1 } },
  { unitId: 'xa-hoa-lan', name: 'Xã Hoa Lan', scores: { ...GOOD, '2.1': 1, '1.4.2': 0.5 } },
]

const packs = new Map<string, CompiledPack>()
const batches = new Map<string, BatchResult>()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-index-kind-'))
  const base = JSON.parse(await readFile(fixture('pack-commune.json'), 'utf8'))
  for (const v of VARIANTS) {
    const json = { ...base, ...(v.index ? { index: v.index } : {}) }
    if (v.index?.kind === 'points') json.bands = base.bands.map((b: { min: number }) => ({ ...b, min: (b.min * 20) / 100 }))
    if (v.index?.scale === 10) json.bands = base.bands.map((b: { min: number }) => ({ ...b, min: b.min / 10 }))
    await writeFile(join(dir, `${v.name}.json`), JSON.stringify(json))
    const pack = compilePack(json)
    packs.set(v.name, pack)
    for (const year of ['2023', '2024']) {
      await mkdir(join(dir, v.name, year), { recursive: true })
      // the units change places between the years, so the year lines have something to say
      const order = year === '2023' ? [...UNITS].reverse() : UNITS
      for (const [k, u] of order.entries()) {
        // and every unit had half a point less in 2023, so the mean index moved ("không đổi" otherwise)
        const scores = year === '2023' ? { ...UNITS[k]!.scores, '1.1': 0.5 } : UNITS[k]!.scores
        await writeFile(join(dir, v.name, year, `${u.unitId}.xlsx`), await filledWorkbook(pack, { unitId: u.unitId, name: u.name, period: year, scores }))
      }
    }
    batches.set(
      v.name,
      evaluateBatch(
        pack,
        UNITS.map((u) => ({ unitId: u.unitId, period: '2024', selfScores: u.scores })),
      ),
    )
  }
}, 60_000)

/** Every unit's 2024 index as printed, in both languages. */
function indexTexts(v: Variant): { vi: string[]; en: string[] } {
  const b = batches.get(v.name)!
  return { vi: b.units.map((u) => formatNumber(u.result.index, 'vi')), en: b.units.map((u) => formatNumber(u.result.index, 'en')) }
}

/** The index values followed by "%" (or not), and no "(%)" heading unless a percentage. */
function checkText(text: string, v: Variant, lang: 'vi' | 'en', where: string): void {
  const values = indexTexts(v)[lang]
  const withPercent = values.filter((t) => text.includes(`${t}%`))
  if (v.percent) expect(withPercent.length, `${where}: an index with "%"`).toBeGreaterThan(0)
  else {
    expect(withPercent, `${where}: no index with "%"`).toEqual([])
    expect(text, where).not.toContain('(%)')
    expect(text, where).not.toMatch(/điểm phần trăm|percentage points/)
  }
}

describe.each(VARIANTS)('an index of kind $name', (v) => {
  const p = (year = '2024') => ['--pack', `${v.name}.json`, '--in', join(v.name, year)]

  it('score and rank (text, both languages), with the year-over-year lines', async () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const cmd of ['score', 'rank']) {
        const r = await chiso([cmd, '--pack', `${v.name}.json`, '--in', v.name, '--years', '2023..2024', '--lang', lang])
        expect(r.code, r.stderr).toBe(0)
        checkText(r.stdout, v, lang, `${cmd} ${lang}`)
        if (!v.percent) expect(r.stdout).toMatch(lang === 'vi' ? /chỉ số bình quân (tăng|giảm) \d+,\d\d điểm(?! phần trăm)/ : /mean index (up|down) \d+\.\d\d points/)
      }
    }
  })

  it('explain', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const r = await chiso(['explain', 'xa-mau-don', ...p(), '--lang', lang])
      expect(r.code, r.stderr).toBe(0)
      const idx = indexTexts(v)[lang][0]!
      expect(r.stdout).toContain(v.percent ? `${idx}%` : idx)
      if (!v.percent) {
        expect(r.stdout).not.toContain(`${idx}%`)
        // the areas' component indexes too
        expect(r.stdout).not.toMatch(/\(\d+[.,]\d\d%\)/)
      }
    }
  })

  it('the result workbook: the heading of the index column and the lines above the table', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const out = `ket-qua-${v.name}-${lang}.xlsx`
      const r = await chiso(['score', ...p(), '--out', out, '--lang', lang])
      expect(r.code, r.stderr).toBe(0)
      const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, out))))
      const texts: string[] = []
      for (const ws of wb.worksheets) ws.eachRow((row) => texts.push(...(row.values as unknown[]).slice(1).map((c) => String(c ?? ''))))
      const all = texts.join('\n')
      expect(texts).toContain(v.heading[lang])
      checkText(all, v, lang, `workbook ${lang}`)
    }
  })

  it('the ranking CSV: bare numbers under "Chỉ số", whatever the kind (a spreadsheet reads them as numbers)', async () => {
    const r = await chiso(['score', ...p(), '--out', `xep-hang-${v.name}.csv`])
    expect(r.code, r.stderr).toBe(0)
    const csv = await readFile(join(dir, `xep-hang-${v.name}.csv`), 'utf8')
    expect(csv).toMatch(/^Hạng;Mã đơn vị;Đơn vị;Nhóm;Điểm;Chỉ số;Xếp loại;/m)
    for (const t of indexTexts(v).vi) expect(csv).toMatch(new RegExp(`;${t};`))
    expect(csv).not.toContain('%')
  })

  it('the report (HTML)', async () => {
    const r = await chiso(['report', ...p(), '--no-sensitivity', '-o', `bao-cao-${v.name}.html`])
    expect(r.code, r.stderr).toBe(0)
    const text = visibleText(await readFile(join(dir, `bao-cao-${v.name}.html`), 'utf8'))
    checkText(text, v, 'vi', 'report')
    if (!v.percent) expect(text).toContain(v.heading.vi)
  })
})
