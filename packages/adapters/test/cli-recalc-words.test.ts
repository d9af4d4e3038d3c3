// `chiso recalc` reads like the reports, in one language: Vietnamese words for the figures,
// decimal comma, "−", why a record does not reproduce (the input changed, the pack's content
// is not the edition named, the edition not in force for the period), never raw fractions.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluateBatch } from '@chiso/core'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'
import { beforeAll, describe, expect, it } from 'vitest'
import { chiso } from './helpers.js'

let dir: string
type Rec = { index: string; pack: { id: string }; assessment: { selfScores?: Record<string, unknown> } }
let records: Rec[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-recalc-'))
  const y = generateSampleProvince({ years: [2024] }).years[0]!
  const p = y.packs.find((x) => x.family === 'vn-cchc/commune')!
  const batch = evaluateBatch(vnCchc.compile(p.packId), p.assessments.filter((a) => a.unit?.kind === 'commune').slice(0, 3))
  records = batch.units.map((u) => u.result.toJSON() as unknown as Rec)
})

async function tampered(name: string, change: (r: Rec) => void): Promise<string> {
  const copy = JSON.parse(JSON.stringify(records)) as Rec[]
  change(copy[0]!)
  await writeFile(join(dir, name), JSON.stringify({ kind: 'chiso.result-records', records: copy }))
  return name
}

describe('chiso recalc words', () => {
  it('a changed figure: Vietnamese field names, decimal comma, a true minus; English in English', async () => {
    const f = await tampered('t_index.json', (r) => {
      r.index = '99.99'
    })
    const r = await chiso(['recalc', f], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/\n {4}chỉ số: 99,99 → \d+,\d\d \(−\d+,\d\d\)\n/)
    expect(r.stdout).not.toMatch(/\bindex:/)
    const en = await chiso(['recalc', f, '--lang', 'en'], dir)
    expect(en.stdout).toMatch(/\n {4}index: 99\.99 → \d+\.\d\d \(−\d+\.\d\d\)\n/)
  })

  it('a record under another edition: the pack hash does not match it, it is not in force for the period; no fractions, no page of criteria', async () => {
    const f = await tampered('t_packid.json', (r) => {
      r.pack.id = 'vn-cchc/commune-2025'
    })
    const r = await chiso(['recalc', f], dir)
    expect(r.stdout).toContain('mã băm bộ chỉ số lưu trong bản ghi không khớp với phiên bản vn-cchc/commune-2025@1.1.0')
    expect(r.stdout).toContain('có hiệu lực từ 01/07/2025, không áp dụng cho kỳ đánh giá 2024')
    expect(r.stdout).not.toMatch(/\d{6,}\/\d{6,}/)
    expect(r.stdout).toMatch(/tổng điểm: \d+,\d\d → \d+,\d\d/)
    expect(r.stdout.split('\n').length).toBeLessThan(20)
    expect(r.stdout).not.toContain('nội dung bộ chỉ số đã thay đổi')
    const en = await chiso(['recalc', f, '--lang', 'en'], dir)
    expect(en.stdout).toContain('the pack hash stored in the record does not match the edition vn-cchc/commune-2025@1.1.0')
    expect(en.stdout).toContain('not for the period 2024')
  })

  it('changed input: said as such, flags in the chosen language only', async () => {
    const f = await tampered('t_assess.json', (r) => {
      const s = r.assessment.selfScores ?? {}
      const k = Object.keys(s)[0]!
      s[k] = 0
      r.assessment.selfScores = s
    })
    const r = await chiso(['recalc', f], dir)
    expect(r.stdout).toContain('dữ liệu đầu vào đã bị sửa (mã băm khác)')
    expect(r.stdout).not.toContain('"en"')
    expect(r.stdout).not.toContain('assessmentHash')
    const en = await chiso(['recalc', f, '--lang', 'en'], dir)
    expect(en.stdout).toContain('the input data was changed')
    expect(en.stdout).not.toContain('"vi"')
  })
})
