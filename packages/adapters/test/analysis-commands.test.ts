/**
 * The analysis commands (issue #15, parts 3–5): `chiso test`, `diff`, `compare`,
 * `sensitivity` — their help, text and JSON output, files written, and exit codes.
 */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compareYears, createUnitRegistry, evaluateBatch, type BatchResult } from '@chiso/core'
import { analyseSensitivity, diffPacks, runPackTests } from '@chiso/core/analysis'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { parsePackTestText } from '../src/cli/pack-test-files.js'
import { fixture, loadWorkbook } from './helpers.js'

const packsDir = fileURLToPath(new URL('../../rules-vn-cchc/packs/', import.meta.url))
const guideDir = fileURLToPath(new URL('../../../docs/guides/examples/', import.meta.url))

async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (s: string) => (stdout += s), isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: false } })
  return { code, stdout, stderr }
}

let dir: string
/** the sample province's commune batches, 2023–2025 (the 2025-07-01 merger between the last two) */
const batches: Record<string, BatchResult> = {}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-analysis-'))
  const sample = generateSampleProvince({ seed: 11, years: [2023, 2024, 2025] })
  for (const y of sample.years) {
    const p = y.packs.find((x) => x.family === 'vn-cchc/commune')!
    const batch = evaluateBatch(vnCchc.compile(p.packId), p.assessments)
    batches[String(y.year)] = batch
    await writeFile(join(dir, `ket-qua-${y.year}.json`), JSON.stringify({ kind: 'chiso.result-records', records: batch.units.map((u) => u.result.toJSON()) }))
  }
})

describe('help', () => {
  it('the program lists the four commands, each with a Vietnamese and an English description', async () => {
    const top = await chiso(['--help'], dir)
    expect(top.code).toBe(0)
    for (const [c, vi, en] of [
      ['test', 'chạy các tệp kiểm thử bộ chỉ số', 'run the pack tests'],
      ['diff', 'so sánh hai bộ chỉ số', 'what changed between two packs'],
      ['compare', 'so sánh kết quả qua các năm', 'compare results year over year'],
      ['sensitivity', 'độ nhạy thứ hạng', 'ranking sensitivity'],
    ] as const) {
      expect(top.stdout).toMatch(new RegExp(`\\n  ${c} `))
      const h = await chiso([c, '--help'], dir)
      expect(h.code, c).toBe(0)
      expect(h.stdout, c).toContain(`Usage: chiso ${c}`)
      expect(h.stdout, c).toContain(vi)
      expect(h.stdout, c).toContain(en)
      expect(h.stdout, c).toContain('--json')
    }
  })
})

describe('chiso test', () => {
  it('runs the shipped packs’ tests: every case passes, exit 0', async () => {
    const r = await chiso(['test', packsDir], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('vn-cchc.commune-2019.test.yaml — vn-cchc/commune-2019@1.1.0 (4 trường hợp)')
    expect(r.stdout).toMatch(/15 tệp, 20 trường hợp: 20 đạt, 0 không đạt \(\d+ phép so sánh\)/)
  })

  it('prints each failure with the node, expected and got, and the trace where the difference starts; exit 1', async () => {
    const d = join(dir, 'failing')
    await mkdir(d, { recursive: true })
    const text = (await readFile(join(packsDir, 'vn-cchc.commune-2019.test.yaml'), 'utf8')).replace('"3.2.1": 2,9675', '"3.2.1": 2,9676').replace('band: Yếu', 'band: Khá')
    await writeFile(join(d, 'vn-cchc.commune-2019.test.yaml'), text)
    const r = await chiso(['test', 'failing'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('✗ Dữ kiện, thẩm định, tài liệu kiểm chứng, điểm thưởng và điểm trừ có mức trần')
    expect(r.stdout).toContain('- tiêu chí 3.2.1, điểm: mong đợi 2,9676, nhận được 2,9675  [cases[0].expect.nodes["3.2.1"]]')
    expect(r.stdout).toContain('- xếp loại: mong đợi Khá, nhận được Yếu  [cases[0].expect.band]')
    // the differing leaf's trace, and the whole index's areas for the band; not the areas' subtrees
    expect(r.stdout).toContain('diễn giải tiêu chí 3.2.1:')
    expect(r.stdout).toMatch(/└─ 3\.2\.1 .*: 2,97\/3,00 \[tái dựng\]\n\s+· quy tắc tỉ lệ — dữ kiện: tử số của «Tỷ lệ hồ sơ giải quyết đúng hạn» = 1\.187; mẫu số = 1\.200: 1187\/1200 × 3/)
    expect(r.stdout).toContain('diễn giải toàn bộ chỉ số:')
    expect(r.stdout).toContain('1 tệp, 4 trường hợp: 3 đạt, 1 không đạt')
    const en = await chiso(['test', 'failing', '--lang', 'en'], dir)
    expect(en.stdout).toContain('- criterion 3.2.1, points: expected 2,9676, got 2.9675')
    expect(en.stdout).toContain('1 file, 4 cases: 3 passed, 1 failed')
    const j = await chiso(['test', 'failing', '--json'], dir)
    expect(j.code).toBe(1)
    const report = JSON.parse(j.stdout) as {
      failed: number
      files: { cases: { ok: boolean; failures: { node: string | null; field: string; expected: string; got: string; path: string; trace?: { steps: string[] } }[] }[] }[]
    }
    expect(report.failed).toBe(1)
    const f = report.files[0]!.cases[0]!.failures
    expect(f.map((x) => [x.node, x.field, x.expected, x.got, x.path])).toEqual([
      ['3.2.1', 'points', '2,9676', '2.9675', 'cases[0].expect.nodes["3.2.1"]'],
      [null, 'band', 'Khá', 'Yếu', 'cases[0].expect.band'],
    ])
    expect(f[0]!.trace?.steps.join(' ')).toContain('1187/1200')
    // the failure docs/pack-tests.md shows is the one printed here, line for line
    const docs = await readFile(fileURLToPath(new URL('../../../docs/pack-tests.md', import.meta.url)), 'utf8')
    const shown = /```\n( {2}✗ Dữ kiện[\s\S]*?)```/.exec(docs)![1]!.trimEnd().split('\n')
    for (const line of shown) expect(r.stdout.split('\n')).toContain(line)
  })

  it('the example of docs/pack-tests.md runs and passes', async () => {
    const docs = await readFile(fileURLToPath(new URL('../../../docs/pack-tests.md', import.meta.url)), 'utf8')
    const yaml = /```yaml\n([\s\S]*?)```/.exec(docs)![1]!
    const parsed = parsePackTestText(yaml, 'docs.test.yaml')
    expect(parsed.issues).toEqual([])
    const report = runPackTests(vnCchc.compile('vn-cchc/commune-2019'), parsed.data)
    expect(report.cases[0]!.failures).toEqual([])
    // 1.1.1, 1.1.3, 1.3.2 points and maximum, total, band
    expect(report.checks).toBe(6)
  })

  it('a province’s own pack beside its tests, named by a path, in JSON', async () => {
    const d = join(dir, 'province')
    await mkdir(d, { recursive: true })
    await copyFile(fixture('pack-commune.json'), join(d, 'pack-commune.json'))
    const cases = { pack: './pack-commune.json', cases: [{ name: 'điểm tự chấm', assessment: { selfScores: { '1.1': 1, '1.2': 2 } }, expect: { total: 3 } }] }
    await writeFile(join(d, 'pack-commune.test.json'), JSON.stringify(cases))
    const r = await chiso(['test', 'province', '--json'], dir)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ passed: 1, failed: 0, files: [{ pack: { id: 'test/commune' }, ok: true }] })
    // and by id, found among the packs in the folder
    await writeFile(join(d, 'pack-commune.test.json'), JSON.stringify({ ...cases, pack: 'test/commune' }))
    expect((await chiso(['test', 'province'], dir)).code).toBe(0)
  })

  it('a broken file, a case file with problems, a pack not found: each reported, the others still run; exit 1', async () => {
    const d = join(dir, 'broken')
    await mkdir(d, { recursive: true })
    await copyFile(join(packsDir, 'vn-cchc.commune-2025.test.yaml'), join(d, 'vn-cchc.commune-2025.test.yaml'))
    await writeFile(join(d, 'a.test.yaml'), 'pack: vn-cchc/commune-2019\ncases:\n  - name: x\n    expect: { total: [1, 2\n')
    await writeFile(join(d, 'b.test.yaml'), 'pack: vn-cchc/commune-2019\ncases:\n  - name: x\n    assessment: {}\n    expect: { total: năm }\n')
    await writeFile(join(d, 'c.test.yaml'), 'pack: vn-cchc/khong-co\ncases:\n  - { name: x, assessment: {}, expect: { total: 1 } }\n')
    const r = await chiso(['test', 'broken'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/a\.test\.yaml \(dòng \d+, cột \d+\): YAML không hợp lệ/)
    expect(r.stdout).toContain('cases[0].expect.total: Giá trị mong đợi "năm" không phải số')
    expect(r.stdout).toContain('Không có bộ chỉ số "vn-cchc/khong-co"')
    expect(r.stdout).toContain('✓ Ngưỡng dịch vụ công trực tuyến mới')
    expect(r.stdout).toContain('4 tệp, 1 trường hợp: 1 đạt, 0 không đạt, 3 tệp có lỗi')
  })

  it('no test files, or a path that does not exist: a usage error (exit 2)', async () => {
    await mkdir(join(dir, 'empty'), { recursive: true })
    expect((await chiso(['test', 'empty'], dir)).code).toBe(2)
    expect((await chiso(['test', 'khong-co'], dir)).code).toBe(2)
  })

  it('YAML keys are the codes written (1.10 is not 1.1) and expected numbers the text written', () => {
    const r = parsePackTestText(
      'pack: x\ncases:\n  - name: a\n    assessment: { selfScores: { 1.10: 0.5 } }\n    expect:\n      nodes: { 1.10: 0.50, 2: 1 }\n      total: 0.10\n      rank: 1\n',
      'x.test.yaml',
    )
    expect(r.issues).toEqual([])
    const c = (r.data as { cases: { assessment: { selfScores: Record<string, unknown> }; expect: Record<string, unknown> }[] }).cases[0]!
    expect(c.assessment.selfScores).toEqual({ '1.10': 0.5 })
    expect(c.expect).toEqual({ nodes: { '1.10': '0.50', '2': '1' }, total: '0.10', rank: 1 })
  })
})

describe('chiso diff', () => {
  it('two packs: changes to scoring, other changes, annotations counted; exit 0', async () => {
    const r = await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025'], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('So sánh bộ chỉ số vn-cchc/commune-2019@1.1.0 → vn-cchc/commune-2025@1.1.0')
    expect(r.stdout).toMatch(/Thay đổi về chấm điểm \(\d+\):/)
    expect(r.stdout).toContain('  ~ Quy tắc chấm tiêu chí 7.2.1, steps[0].min: 50 → 80')
    expect(r.stdout).toContain('  + Thêm tiêu chí 3.5 "Bố trí cán bộ đầu mối kiểm soát TTHC" (1 điểm) vào tiêu chí 3')
    expect(r.stdout).toContain('  ~ Bộ chỉ số, hiệu lực từ ngày: "2019-10-08" → "2025-07-01"')
    expect(r.stdout).toMatch(/\d+ thay đổi ở ghi chú, căn cứ, tình trạng, mô tả \(dùng --all để xem\)/)
    expect(r.stdout).not.toContain(', ghi chú:')
    const all = await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025', '--all'], dir)
    expect(all.stdout).toContain('Tiêu chí 1.1.1, ghi chú: đổi (ghi chú không có bản tiếng Việt)')
    expect(all.stdout).not.toMatch(/, (note|basis|status):/)
    const en = await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025', '--lang', 'en'], dir)
    expect(en.stdout).toContain('  ~ Scoring rule of criterion 7.2.1, steps[0].min: 50 → 80')
    expect(en.stdout).not.toMatch(/Thay đổi|Tiêu chí/)
  })

  it('--json is the core diff, change for change', async () => {
    const r = await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025', '--json'], dir)
    const d = JSON.parse(r.stdout) as { from: { id: string }; changes: { kind: string; target: string; field?: string }[] }
    const core = diffPacks(vnCchc.compile('vn-cchc/commune-2019'), vnCchc.compile('vn-cchc/commune-2025'))
    expect(d.from.id).toBe('vn-cchc/commune-2019')
    expect(d.changes.map((c) => `${c.kind} ${c.target} ${c.field ?? ''}`)).toEqual(core.changes.map((c) => `${c.kind} ${c.target} ${c.field ?? ''}`))
  })

  it('--out writes a workbook, one row per change', async () => {
    const r = await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025', '-o', 'thay-doi.xlsx'], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Đã ghi: thay-doi.xlsx')
    const wb = await loadWorkbook(new Uint8Array(await readFile(join(dir, 'thay-doi.xlsx'))))
    const ws = wb.getWorksheet('Thay đổi')!
    const core = diffPacks(vnCchc.compile('vn-cchc/commune-2019'), vnCchc.compile('vn-cchc/commune-2025'))
    expect(ws.rowCount).toBe(core.changes.length + 1)
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1)
    const rule = core.changes.findIndex((c) => c.target === '7.2.1' && c.field === 'rule.steps[0].min')
    expect(row(rule + 2)).toEqual([
      rule + 1,
      'Đổi quy tắc chấm',
      '7.2.1',
      'rule.steps[0].min',
      '50',
      '80',
      'Có',
      'Quy tắc chấm tiêu chí 7.2.1, steps[0].min: 50 → 80',
      'Scoring rule of criterion 7.2.1, steps[0].min: 50 → 80',
    ])
    expect(wb.getWorksheet('Thông tin')!.getCell('B2').value).toBe('vn-cchc/commune-2019@1.1.0')
    expect(wb.keywords).toBe('chiso-result')
  })

  it('--patches: each patch of a province pack and what it does to its base', async () => {
    const d = join(dir, 'guide')
    await mkdir(d, { recursive: true })
    for (const f of ['national-commune.json', 'province-commune.json']) await copyFile(join(guideDir, f), join(d, f))
    // the guide's base is not a shipped pack: without its file (given, or beside the pack), a problem naming it and the way out (exit 1)
    await mkdir(join(dir, 'guide-alone'), { recursive: true })
    await copyFile(join(guideDir, 'province-commune.json'), join(dir, 'guide-alone', 'province-commune.json'))
    const missing = await chiso(['diff', '--patches', 'guide-alone/province-commune.json'], dir)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('Không tìm thấy bộ chỉ số gốc guide/national-commune@1.0.0')
    expect(missing.stderr).toContain('--base <tệp.json>')
    const r = await chiso(['diff', '--patches', 'guide/province-commune.json', '--base', 'guide/national-commune.json'], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('guide/hong-lam-commune@1.0.0 kế thừa guide/national-commune@1.0.0; từng thao tác sửa đổi và tác động của nó:')
    expect(r.stdout).toContain('  ~ Bộ chỉ số, thang điểm: 30 → 31')
    expect(r.stdout).toContain('patches[0] add 2.3 → 2:\n  + Thêm tiêu chí 2.3 "Tiếp nhận hồ sơ trực tuyến" (1 điểm) vào tiêu chí 2')
    expect(r.stdout).toContain('patches[2] setRule 2.2:\n  ~ Quy tắc chấm tiêu chí 2.2, step: 0,25 → 0,5')
    expect(r.stdout).toContain('patches[3] neutralise 1.3:\n  ∅ Tiêu chí 1.3 không áp dụng (loại khỏi điểm tối đa áp dụng của mọi đơn vị)')
    const j = JSON.parse((await chiso(['diff', '--patches', 'guide/province-commune.json', '--base', 'guide/national-commune.json', '--json'], dir)).stdout) as { patches: { op: string }[] }
    expect(j.patches.map((p) => p.op)).toEqual(['add', 'setMaxPoints', 'setRule', 'neutralise', 'setBands'])
    const x = await chiso(['diff', '--patches', 'guide/province-commune.json', '--base', 'guide/national-commune.json', '-o', 'thao-tac.xlsx'], dir)
    expect(x.code).toBe(0)
    const ws = (await loadWorkbook(new Uint8Array(await readFile(join(dir, 'thao-tac.xlsx'))))).getWorksheet('Thay đổi')!
    expect(ws.getCell('A1').value).toBe('Thao tác sửa đổi / patch')
    expect((ws.getColumn(1).values as unknown[]).filter((v) => typeof v === 'string' && v.startsWith('patches[')).length).toBeGreaterThanOrEqual(5)
  })
})

describe('chiso compare', () => {
  it('ranks each year from its records and compares, across the merger; JSON equals core compareYears', async () => {
    const r = await chiso(['compare', 'ket-qua-2023.json', 'ket-qua-2024.json', 'ket-qua-2025.json', '--json'], dir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      comparisons: { family: string; years: string[]; units: { unitId: string; name: string; changes: { text: { vi: string } }[]; years: { rank: number | null; from: string[] }[] }[] }[]
    }
    expect(out.comparisons.map((c) => [c.family, c.years])).toEqual([['vn-cchc/commune', ['2023', '2024', '2025']]])
    const units = createUnitRegistry(generateSampleProvince({ seed: 11, years: [2025] }).units)
    const core = compareYears(batches, { units })
    expect(out.comparisons[0]!.units.map((u) => [u.unitId, u.changes.map((c) => c.text.vi)])).toEqual(core.map((u) => [u.unitId, u.changes.map((c) => c.text.vi)]))
    // a ward made by the merger stands on its predecessors before 2025
    const merged = out.comparisons[0]!.units.find((u) => u.years[0]!.from.length > 1)!
    expect(merged.years[0]!.rank).toBeNull()
    expect(merged.years.at(-1)!.rank).toBeGreaterThan(0)
  })

  it('text: a table per group with each year, the last change ("tăng 2 bậc …") and streaks', async () => {
    const r = await chiso(['compare', 'ket-qua-2023.json', 'ket-qua-2024.json', '--unit', ...batches['2024']!.units.slice(0, 3).map((u) => u.unitId)], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('So sánh qua các năm — vn-cchc/commune (2023, 2024; bộ chỉ số vn-cchc/commune-2019@1.1.0)')
    const core = compareYears({ '2023': batches['2023']!, '2024': batches['2024']! })
    for (const u of batches['2024']!.units.slice(0, 3)) {
      const h = core.find((x) => x.unitId === u.unitId)!
      const line = r.stdout.split('\n').find((l) => l.startsWith(u.result.assessment.unit!.name.slice(0, 20)))!
      expect(line).toContain(`${u.rank}/${u.groupSize} · `)
      expect(line).toContain(h.changes[0]!.text.vi)
    }
    expect(r.stdout).toMatch(/(tăng|giảm) \d+ bậc so với năm 2023|giữ nguyên thứ hạng so với năm 2023/)
  })

  it('--years picks years; a record that no longer reproduces is reported (exit 1) and recalculated', async () => {
    const two = await chiso(['compare', 'ket-qua-2023.json', 'ket-qua-2024.json', 'ket-qua-2025.json', '--years', '2024..2025', '--json'], dir)
    expect((JSON.parse(two.stdout) as { comparisons: { years: string[] }[] }).comparisons[0]!.years).toEqual(['2024', '2025'])
    const data = JSON.parse(await readFile(join(dir, 'ket-qua-2024.json'), 'utf8')) as { records: { total: string }[] }
    data.records[0]!.total = '99'
    await writeFile(join(dir, 'sua-tay.json'), JSON.stringify(data))
    const r = await chiso(['compare', 'ket-qua-2023.json', 'sua-tay.json'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('tính lại không khớp bản ghi')
    expect((await chiso(['compare', 'ket-qua-2023.json', '--years', '2020..2019'], dir)).code).toBe(2)
  })
})

describe('chiso sensitivity', () => {
  it('rank intervals from saved records, the same as core analyseSensitivity with the same seed', async () => {
    const r = await chiso(['sensitivity', '--records', 'ket-qua-2024.json', '--draws', '200', '--seed', '7', '--spread', '0,2', '--json'], dir)
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      analyses: { pack: { id: string }; draws: number; units: { unitId: string; rank: number; low: number; high: number; p5: number; p95: number; stable: boolean }[] }[]
    }
    const core = analyseSensitivity(
      batches['2024']!.pack,
      batches['2024']!.units.map((u) => u.result.assessment),
      { draws: 200, seed: 7, weights: { spread: '0.2' } },
    )
    expect(out.analyses).toHaveLength(1)
    expect(out.analyses[0]!.units.map(({ unitId, rank, low, high, p5, p95 }) => ({ unitId, rank, low, high, p5, p95 }))).toEqual(
      core.units.map(({ unitId, rank, low, high, p5, p95 }) => ({ unitId, rank, low, high, p5, p95 })),
    )
    // a wider spread moves someone (not a vacuous run), and every interval holds the rank
    expect(out.analyses[0]!.units.some((u) => !u.stable)).toBe(true)
    for (const u of out.analyses[0]!.units) expect(u.low <= u.rank && u.rank <= u.high).toBe(true)
  })

  it('text: one table per group, intervals, and how many units keep their rank', async () => {
    const r = await chiso(['sensitivity', '--records', 'ket-qua-2024.json', '--draws', '100', '--range', '9=0.5..1.5'], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('100 lần rút, trọng số mỗi lĩnh vực trong [0,9; 1,1] (±10%), riêng LV9 [0,5; 1,5], hạt giống 1; khoảng thứ hạng: phân vị 5–95')
    expect(r.stdout).toMatch(/Hạng {2}Đơn vị +Khoảng 5–95% +Tốt nhất–kém nhất/)
    expect(r.stdout).toMatch(/\d{2}\/\d{2} đơn vị giữ nguyên thứ hạng trong khoảng phân vị 5–95/)
  })

  it('usage errors: both inputs or none, a bad number, an unknown area', async () => {
    expect((await chiso(['sensitivity'], dir)).code).toBe(2)
    expect((await chiso(['sensitivity', '--records', 'ket-qua-2024.json', '--draws', 'nhieu'], dir)).code).toBe(2)
    const area = await chiso(['sensitivity', '--records', 'ket-qua-2024.json', '--range', '42=0.5..1'], dir)
    expect(area.code).toBe(2)
    expect(area.stderr).toContain('--range 42: không phải lĩnh vực của vn-cchc/commune-2019')
  })
})
