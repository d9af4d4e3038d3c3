// One language per output: the English dashboard and report data say everything in English
// (unit names stay as they are), the Vietnamese ones nothing in English; facts are shown by
// what they are called, not by their names in the pack; `chiso packs` and `chiso recalc`
// follow --lang.
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '@chiso/store'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { run } from '../src/cli/index.js'
import { buildReportData, largestGaps, renderReportHtml } from '../src/report/index.js'
import { heatmapSvg } from '../src/report/charts/heatmap.js'
import { unitAreasSvg } from '../src/report/charts/unit-areas.js'
import { actors, client, sampleDashboard, textOf, TOKENS } from './dashboard-helpers.js'
import { sampleYears } from './report-helpers.js'

/** Vietnamese letters with diacritics: none belongs in an English text but a proper name. */
const VI_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]/i

/** A reason without what people wrote into it (reviewers' names, their reasons, units' explanations): the engine's words only. */
const engineWords = (r: string): string =>
  r
    .replace(/(round \d+) \([^)]*\)/g, '$1')
    .replace(/ — .*$/s, '')
    .replace(/explanation: .*$/s, '')
    // place names in titles and bases are proper names
    .replace(/Hà Tĩnh|Cà Mau|Nội vụ|QĐ-UBND/g, '')

async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } })
  return { code, stdout, stderr }
}

let sampled: Promise<{ code: number; stdout: string; stderr: string; records: string }> | undefined
/**
 * `chiso sample --year 2024 --kind commune -o kq.json`, run once for the file (the same
 * command in the same words for every test that starts from it); each test checks its exit
 * code and works on a copy of kq.json in a folder of its own.
 */
async function sampleRecords(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  sampled ??= (async () => {
    const from = await mkdtemp(join(tmpdir(), 'chiso-en-'))
    const r = await chiso(['sample', '--year', '2024', '--kind', 'commune', '-o', 'kq.json'], from)
    return { ...r, records: join(from, 'kq.json') }
  })()
  const { records, ...r } = await sampled
  if (r.code === 0) await copyFile(records, join(dir, 'kq.json'))
  return r
}

/** The sample communes of 2023 and 2024, scored: built once, only read by the tests below. */
const y = sampleYears('commune')

describe('report data in a language', () => {
  const names = new Set(y.batch.units.map((u) => u.result.assessment.unit?.name ?? u.unitId))

  test('English data: titles, bands, reasons and numbers in English; unit names as they are', () => {
    const en = buildReportData(y.batch, { previous: { '2023': y.previous }, locale: 'en' })
    expect(en.locale).toBe('en')
    expect(en.title).not.toMatch(VI_LETTERS)
    expect(engineWords(en.pack.title)).not.toMatch(VI_LETTERS)
    expect(en.bands.map((b) => b.label)).toEqual(y.pack.bands.map((b) => b.label.en ?? b.label.vi))
    for (const b of en.bands) expect(b.label).not.toMatch(VI_LETTERS)
    for (const a of en.areas) expect(engineWords(a.title)).not.toMatch(VI_LETTERS)
    for (const g of en.groups) {
      expect(g.name).not.toMatch(VI_LETTERS)
      expect(g.summary).not.toMatch(VI_LETTERS)
    }
    const unit = en.units.find((u) => u.gaps.length > 0)!
    expect(names.has(unit.name)).toBe(true)
    // numbers with a decimal point
    const withDecimals = en.units.find((u) => !Number.isInteger(u.index.value))!
    expect(withDecimals.index.text).toMatch(/^\d+\.\d\d$/)
    for (const u of en.units) {
      for (const g of u.gaps) {
        expect(engineWords(g.title)).not.toMatch(VI_LETTERS)
        for (const r of g.reasons) expect(engineWords(r)).not.toMatch(VI_LETTERS)
      }
      if (u.change) expect(u.change.text).not.toMatch(VI_LETTERS)
    }
  })

  test('Vietnamese data keeps the decimal comma', () => {
    const vi = buildReportData(y.batch)
    const withDecimals = vi.units.find((u) => !Number.isInteger(u.index.value))!
    expect(withDecimals.index.text).toMatch(/^\d+,\d\d$/)
    expect(vi.title).toMatch(/^Báo cáo Chỉ số cải cách hành chính/)
  })

  test('a rule that read a fact shows what the fact is, not its name in the pack', () => {
    const factNames = new Set<string>()
    for (const u of y.batch.units) for (const k of Object.keys(u.result.assessment.facts ?? {})) factNames.add(k)
    let rules = 0
    for (const u of y.batch.units) {
      for (const locale of ['vi', 'en'] as const) {
        for (const g of largestGaps(u.result, 20, locale)) {
          for (const r of g.reasons) {
            if (!/^(Quy tắc chấm|Scoring rule): /.test(r)) continue
            rules++
            for (const f of factNames) expect(r, r).not.toMatch(new RegExp(`(^|: |, )${f} = `))
          }
        }
      }
    }
    expect(rules).toBeGreaterThan(0)
  })

  test('charts in English: legend, area heads, "not applicable"', () => {
    const svg = unitAreasSvg('u', [{ label: '1. Area', unit: null, mean: { value: 80, text: '80.00' } }], { width: 600, scale: 100, locale: 'en' })
    expect(svg).toContain('Group mean')
    expect(svg).toContain('>Unit<')
    expect(svg).not.toMatch(VI_LETTERS)
    const heat = heatmapSvg('h', [{ name: 'X', cells: [{ value: 90, text: '90.00' }] }], ['1'], { width: 600, locale: 'en' })
    expect(heat).toContain('>A1<')
    expect(heat).not.toMatch(VI_LETTERS)
    expect(unitAreasSvg('u', [{ label: '1. Lĩnh vực', unit: null, mean: null }], { width: 600, scale: 100 })).toContain('Bình quân nhóm')
  })
})

describe('the report document in one language', () => {
  /** The report's own words: names of units, reviewers' and units' texts and place names taken out. */
  const ownWords = (html: string, names: readonly string[]): string => {
    let t = html
      .replace(/<style>[\s\S]*?<\/style>/g, ' ')
      .replace(/<td class="who">[\s\S]*?<\/td>/g, ' ')
      .replace(/<td class="why">[\s\S]*?<\/td>/g, (m) => engineWords(textOf(m)))
      .replace(/<li><div class="clamp1">[\s\S]*?<\/li>/g, ' ')
    for (const n of [...names].sort((a, b) => b.length - a.length)) t = t.split(n).join(' ')
    return engineWords(textOf(t.replace(/<svg[\s\S]*?<\/svg>/g, (m) => m.replace(/<[^>]*>/g, ' '))))
  }

  test('--lang en: every heading, table head, band, mark and number of the report in English', () => {
    const data = buildReportData(y.batch, { previous: { '2023': y.previous }, locale: 'en', sample: true })
    const html = renderReportHtml(data, { embedFont: false })
    expect(html).toMatch(/<html lang="en">/)
    expect(html).toContain('SAMPLE DATA')
    expect(html).toContain('Where the most points were lost')
    expect(html).toContain('<th class="num">Rank</th>')
    const names = [...data.units.map((u) => u.name), ...y.previous.units.map((u) => u.result.assessment.unit?.name ?? u.unitId)]
    const words = ownWords(html, names)
    const hit = VI_LETTERS.exec(words)
    expect(hit ? words.slice(Math.max(0, hit.index - 80), hit.index + 80) : null).toBeNull()
    expect(words).not.toMatch(/\b\d+,\d\d\b/)
  })

  test('Vietnamese report stays Vietnamese', () => {
    const html = renderReportHtml(buildReportData(y.batch, { sample: true }), { embedFont: false })
    expect(html).toMatch(/<html lang="vi">/)
    expect(html).toContain('DỮ LIỆU MẪU')
    expect(html).not.toMatch(/SAMPLE DATA|Where the most points|Scoring rule/)
  })

  test('chiso --lang en report: English lines and an English document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-en-'))
    expect((await sampleRecords(dir)).code).toBe(0)
    const r = await chiso(['report', '--records', 'kq.json', '--no-sensitivity', '--lang', 'en', '-o', 'r.html'], dir)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^\d+ units, \d+ groups?/m)
    expect(r.stdout).toMatch(/^Wrote r\.html/m)
    expect(r.stdout).not.toMatch(/đơn vị|Đã ghi|trang/)
    const html = await readFile(join(dir, 'r.html'), 'utf8')
    expect(html).toMatch(/<html lang="en">/)
    expect(html).toContain('SAMPLE DATA')
  }, 120_000)
})

describe('the dashboard in one language', () => {
  let store: Store
  let app: Hono
  let a: ReturnType<typeof actors>
  beforeAll(async () => {
    ;({ store, app, a } = await sampleDashboard())
  }, 300_000)
  afterAll(async () => {
    await store?.close()
  })

  test('English unit page: gaps, reasons, chart and numbers in English', async () => {
    const c = client(app)
    await c.signIn(TOKENS.admin)
    const r = await c.get(`/units/${a.unitId}?year=${a.period}&lang=en`)
    expect(r.status).toBe(200)
    const gaps = /<table class="gaps">[\s\S]*?<\/table>/.exec(r.html)
    expect(gaps).not.toBeNull()
    // every cell and every reason, without what people wrote into it, is English
    for (const piece of gaps![0].split(/<br>|<\/td>|<\/th>/)) expect(engineWords(textOf(piece)), piece).not.toMatch(VI_LETTERS)
    expect(textOf(gaps![0])).toMatch(/Scoring rule|Appraisal round|Self score/)
    const chart = /<div class="chart-box">[\s\S]*?<\/div>/.exec(r.html)![0]
    expect(chart).toContain('Group mean')
    expect(chart).not.toMatch(/Bình quân nhóm|Đơn vị/)
    expect(chart).not.toMatch(/\d,\d\d/)
    const facts = /<dl class="facts">[\s\S]*?<\/dl>/.exec(r.html)![0]
    expect(facts).not.toMatch(/\d,\d\d/)
  }, 120_000)

  test('Vietnamese unit page: reasons name facts by what they are, in Vietnamese', async () => {
    const c = client(app)
    await c.signIn(TOKENS.admin)
    const r = await c.get(`/units/${a.unitId}?year=${a.period}&lang=vi`)
    const gaps = textOf(/<table class="gaps">[\s\S]*?<\/table>/.exec(r.html)![0])
    expect(gaps).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]* = /)
    expect(gaps).not.toMatch(/\b(Scoring rule|Appraisal|round)\b/)
  }, 120_000)

  test('English overview: charts with English labels, decimal points and English band marks', async () => {
    const c = client(app)
    await c.signIn(TOKENS.admin)
    const r = await c.get(`/?year=${a.period}&lang=en`)
    expect(r.status).toBe(200)
    const charts = [...r.html.matchAll(/<div class="chart-box">([\s\S]*?)<\/svg><\/div>/g)].map((m) => m[1]!)
    expect(charts.length).toBeGreaterThan(1)
    for (const svg of charts) {
      // the chart's own words (unit names are proper names and stay)
      expect(svg).not.toMatch(/>LV ?\d|Chưa xếp loại|số đơn vị|Năm \d{4}|Biểu đồ|Bản đồ nhiệt/)
      expect(svg).not.toMatch(/>\d+,\d\d /)
    }
    expect(charts.join('')).not.toMatch(/XS ≥|\bTB ≥/)
  }, 120_000)
})

describe('CLI lines in one language', () => {
  test('chiso packs names the kinds of unit in Vietnamese (in English with --lang en)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-en-'))
    const vi = await chiso(['packs', '--family', 'vn-cchc/commune'], dir)
    expect(vi.code).toBe(0)
    expect(vi.stdout).toMatch(/xã, phường, thị trấn/)
    expect(vi.stdout).not.toMatch(/\b(commune|ward|township), /)
    const en = await chiso(['--lang', 'en', 'packs', '--family', 'vn-cchc/commune'], dir)
    expect(en.stdout).toMatch(/commune, ward, township/)
  })

  test('chiso recalc: one language per --lang, units by name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-en-'))
    const s = await sampleRecords(dir)
    expect(s.code, s.stderr).toBe(0)
    const vi = await chiso(['recalc', 'kq.json'], dir)
    expect(vi.code, vi.stderr).toBe(0)
    expect(vi.stdout).not.toMatch(/identical|records/)
    expect(vi.stdout).toMatch(/^✓ Xã [^\n]+ 2024: trùng khớp$/m)
    expect(vi.stdout).not.toMatch(/^✓ xa-/m)
    expect(vi.stdout).toMatch(/^\d+\/\d+ bản ghi trùng khớp$/m)
    const en = await chiso(['--lang', 'en', 'recalc', 'kq.json'], dir)
    expect(en.stdout).not.toMatch(/trùng khớp|bản ghi/)
    expect(en.stdout).toMatch(/^✓ Xã [^\n]+ 2024: identical$/m)
    expect(en.stdout).toMatch(/^\d+ of \d+ records identical$/m)
    await writeFile(join(dir, 'x'), '')
  }, 120_000)
})
