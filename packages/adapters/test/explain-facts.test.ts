// `chiso explain` names the facts a leaf read as the reports name things, by their titles in
// the output language, never by the pack's fact ids ("planIssued = có"); a ratio's numerator
// and denominator, which share the criterion's title, said as "tử số" / "mẫu số"; values
// with the decimal comma in Vietnamese; a fact the pack does not know by its id, quoted.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compilePack, evaluate, type NodeTrace } from '@chiso/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { leafLines } from '../src/cli/explain.js'
import { sampleAssessments, type SamplePart } from '../src/cli/index.js'
import { writeFilledWorkbook } from '../src/xlsx/index.js'
import { chiso } from './helpers.js'

/** A "dữ kiện: …" / "facts: …" part naming a fact by a bare id (a camelCase word) before " = ". */
const BARE_ID = /(?:dữ kiện: |facts: |; )[a-z]+[A-Z][A-Za-z0-9]* = /

/** The line under a node of the tree: the first "·" line after the node's row. */
function lineUnder(out: string, code: string): string {
  const lines = out.split('\n')
  const at = lines.findIndex((l) => new RegExp(`[├└]─ ${code.replace(/\./g, '\\.')} `).test(l))
  expect(at, `no row ${code}`).toBeGreaterThanOrEqual(0)
  return lines[at + 1]!
}

describe('explain on the sample data: facts by their titles', () => {
  let dir: string
  let part: SamplePart

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-explain-facts-'))
    const s = await sampleAssessments({ year: 2024, kind: 'commune' })
    if (!s.ok) throw new Error(s.message.en)
    part = s.parts[0]!
    await mkdir(join(dir, 'nop'))
    const a = part.assessments.find((x) => x.unitId === 'xa-nhan-quang')!
    await writeFile(join(dir, 'nop', 'xa-nhan-quang.xlsx'), await writeFilledWorkbook(part.pack, a))
  }, 60_000)

  it('Vietnamese: each fact by the criterion title, a ratio as tử số / mẫu số, a choice by its label, no fact id', async () => {
    const r = await chiso(['explain', 'xa-nhan-quang', '--pack', 'vn-cchc/commune', '--in', 'nop'], dir)
    expect(r.code, r.stderr).toBe(0)
    const out = r.stdout
    expect(lineUnder(out, '1.1.3')).toContain('· quy tắc bậc thang — dữ kiện: Mức độ hoàn thành kế hoạch CCHC = 93,4: > 90 → 2')
    expect(lineUnder(out, '1.1.2')).toContain('· quy tắc có / không — dữ kiện: Xác định đầy đủ nhiệm vụ, kinh phí thực hiện = có: có → 1')
    // a choice's value by its label, as the branch says it
    expect(lineUnder(out, '1.1.1')).toContain('· quy tắc lựa chọn — dữ kiện: Ban hành kế hoạch CCHC năm đúng thời hạn = Ban hành đúng hạn: Ban hành đúng hạn ("on-time") → 1')
    // a ratio: the two facts share the criterion's title, worded by their parts of the ratio
    expect(lineUnder(out, '3.2.1')).toContain('· quy tắc tỉ lệ — dữ kiện: tử số của «Tỷ lệ hồ sơ giải quyết đúng hạn» = 2.352; mẫu số = 2.399: 2352/2399 × 3')
    // dossiersTotal is read first by 3.2.1: under 7.3 it is 7.3's denominator, not 3.2.1's title
    const l73 = lineUnder(out, '7.3')
    expect(l73).toContain('· quy tắc tỉ lệ — dữ kiện: tử số của «Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa» = 1.856; mẫu số = 2.399: 1856/2399 × 2')
    expect(l73).not.toContain('hồ sơ giải quyết đúng hạn')
    // two facts of one criterion the pack names alike: the title, then which figure
    expect(lineUnder(out, '1.5')).toContain(
      '· quy tắc điều kiện — dữ kiện: Sáng kiến, giải pháp mới trong cải cách hành chính ("initiatives") = 2; Sáng kiến, giải pháp mới trong cải cách hành chính ("initiativeRecognised") = có: ',
    )
    const factLines = out.split('\n').filter((l) => l.includes('dữ kiện: '))
    expect(factLines.length).toBeGreaterThan(30)
    expect(factLines.filter((l) => BARE_ID.test(l))).toEqual([])
  })

  it('English: the English titles, numerator / denominator, a decimal point', async () => {
    const r = await chiso(['explain', 'xa-nhan-quang', '--pack', 'vn-cchc/commune', '--in', 'nop', '--lang', 'en'], dir)
    expect(r.code, r.stderr).toBe(0)
    const out = r.stdout
    const title113 = part.pack.node('1.1.3')!.title.en!
    expect(lineUnder(out, '1.1.3')).toContain(`· rule steps — facts: ${title113} = 93.4: > 90 → 2`)
    expect(lineUnder(out, '3.2.1')).toContain('· rule ratio — facts: numerator of "On-time ratio of processed dossiers" = 2,352; denominator = 2,399: 2352/2399 × 3')
    const factLines = out.split('\n').filter((l) => l.includes('facts: '))
    expect(factLines.length).toBeGreaterThan(30)
    expect(factLines.filter((l) => BARE_ID.test(l))).toEqual([])
  })

  it('--json keeps the trace’s fact ids (machine-readable); its explanation lines name the facts', async () => {
    const j = JSON.parse((await chiso(['explain', 'xa-nhan-quang', '--pack', 'vn-cchc/commune', '--in', 'nop', '--json'], dir)).stdout)
    const t321 = (j.trace as { code: string; facts: Record<string, unknown> }[]).find((t) => t.code === '3.2.1')!
    expect(t321.facts).toEqual({ dossiersOnTime: 2352, dossiersTotal: 2399 })
    expect((j.explanation as string[]).some((l) => l.endsWith('· quy tắc tỉ lệ — dữ kiện: tử số của «Tỷ lệ hồ sơ giải quyết đúng hạn» = 2.352; mẫu số = 2.399: 2352/2399 × 3'))).toBe(true)
  })
})

/** A pack with ratio criteria: one over a denominator fact, one over a constant, one whose numerator a deduction also reads. */
const RATIO_PACK = {
  id: 'test/ratio',
  version: '1.0.0',
  title: { vi: 'Bộ chỉ số kiểm thử tỉ lệ', en: 'Ratio test pack' },
  appliesTo: ['commune'],
  scale: 10,
  criteria: [
    {
      code: '1',
      title: { vi: 'Giải quyết thủ tục hành chính', en: 'Procedures' },
      maxPoints: 10,
      children: [
        {
          code: '1.1',
          title: { vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn', en: 'Share of dossiers processed on time' },
          maxPoints: 4,
          rule: { kind: 'ratio', numerator: 'onTime', denominator: 'dossiers' },
        },
        { code: '1.2', title: { vi: 'Tỷ lệ hồ sơ trực tuyến' }, maxPoints: 3, rule: { kind: 'ratio', numerator: 'online', denominator: 'dossiers' } },
        { code: '1.3', title: { vi: 'Số cuộc họp giao ban', en: 'Briefing meetings' }, maxPoints: 1, rule: { kind: 'ratio', numerator: 'meetings', of: 12 } },
        {
          code: '1.4',
          title: { vi: 'Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi', en: 'Share of late dossiers with an apology' },
          maxPoints: 2,
          rule: { kind: 'ratio', numerator: 'apologies', denominator: 'late' },
        },
      ],
    },
  ],
  adjustments: [
    {
      id: 'tru-tre-han',
      type: 'deduction',
      title: { vi: 'Hồ sơ trễ hạn', en: 'Late dossiers' },
      amount: { kind: 'per', fact: 'late', points: 0.25 },
      cap: 1,
    },
  ],
}

describe('explain on a ratio criterion', () => {
  let dir: string
  const pack = compilePack(RATIO_PACK)

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-explain-ratio-'))
    await writeFile(join(dir, 'pack.json'), JSON.stringify(RATIO_PACK))
    await mkdir(join(dir, 'in'))
    // the unit's form, its facts on the form's facts sheet
    const facts = { onTime: 45, dossiers: 50, online: 12.5, meetings: 9, apologies: 1, late: 4 }
    await writeFile(join(dir, 'in', 'xa-a.xlsx'), await writeFilledWorkbook(pack, { unitId: 'xa-a', period: '2024', unit: { id: 'xa-a', name: 'Xã A', kind: 'commune' }, facts }))
  }, 30_000)

  it('Vietnamese: tử số of the criterion, mẫu số; the decimal comma', async () => {
    const r = await chiso(['explain', 'xa-a', '--pack', 'pack.json', '--in', 'in'], dir)
    expect(r.code, r.stderr).toBe(0)
    expect(lineUnder(r.stdout, '1.1')).toContain('· quy tắc tỉ lệ — dữ kiện: tử số của «Tỷ lệ hồ sơ giải quyết đúng hạn» = 45; mẫu số = 50: 45/50 × 4')
    expect(lineUnder(r.stdout, '1.2')).toContain('dữ kiện: tử số của «Tỷ lệ hồ sơ trực tuyến» = 12,5; mẫu số = 50: ')
    // over a constant: one fact, the criterion's own figure
    expect(lineUnder(r.stdout, '1.3')).toContain('dữ kiện: Số cuộc họp giao ban = 9: ')
    // the denominator a deduction reads too is, under the criterion, the criterion's figure
    expect(lineUnder(r.stdout, '1.4')).toContain('dữ kiện: tử số của «Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi» = 1; mẫu số = 4: 1/4 × 2')
    expect(r.stdout).not.toMatch(/\b(onTime|dossiers|online|meetings|apologies|late) = /)
  })

  it('English: numerator / denominator by the English title, a Vietnamese-only title as written', async () => {
    const r = await chiso(['explain', 'xa-a', '--pack', 'pack.json', '--in', 'in', '--lang', 'en'], dir)
    expect(r.code, r.stderr).toBe(0)
    expect(lineUnder(r.stdout, '1.1')).toContain('· rule ratio — facts: numerator of "Share of dossiers processed on time" = 45; denominator = 50: 45/50 × 4')
    expect(lineUnder(r.stdout, '1.2')).toContain('facts: numerator of "Tỷ lệ hồ sơ trực tuyến" = 12.5; denominator = 50: ')
    expect(lineUnder(r.stdout, '1.3')).toContain('facts: Briefing meetings = 9: ')
    expect(lineUnder(r.stdout, '1.4')).toContain('facts: numerator of "Share of late dossiers with an apology" = 1; denominator = 4: 1/4 × 2')
  })

  it('a fact the pack does not know keeps its id, quoted', () => {
    const result = evaluate(pack, { unitId: 'xa-a', period: '2024', facts: { meetings: 9 } }, { trace: true })
    const t = result.node('1.3')!.trace!
    const odd = { ...t, facts: { meetings: 9, pluginCount: 3 } } as unknown as NodeTrace
    expect(leafLines(result, '1.3', odd, 'vi')[0]).toContain('dữ kiện: Số cuộc họp giao ban = 9; "pluginCount" = 3: ')
    expect(leafLines(result, '1.3', odd, 'en')[0]).toContain('facts: Briefing meetings = 9; "pluginCount" = 3: ')
  })
})
