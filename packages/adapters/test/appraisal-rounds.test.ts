// A form carries every appraisal round, not only the one that counts: `writeFilledWorkbook`
// writes the rounds on a sheet "Thẩm định", the reader takes them from there, and a
// "Điểm thẩm định" cell an appraiser changes is a new round. So `explain` on a form shows the
// appraisal history the assessment has, and a form passed back and forth keeps it.
import ExcelJS from 'exceljs'
import { evaluate, type AssessmentInput, type CompiledPack } from '@chiso/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { sampleAssessments, type SamplePart } from '../src/cli/index.js'
import { readAssessmentWorkbook, templateLayout, writeFilledWorkbook } from '../src/xlsx/index.js'

let part: SamplePart
let pack: CompiledPack

beforeAll(async () => {
  const s = await sampleAssessments({ year: 2024, kind: 'commune' })
  if (!s.ok) throw new Error(s.message.en)
  part = s.parts[0]!
  pack = part.pack
})

/** the rounds as the core reads them: numbers, reviewers, dates, each change's code, points (exact) and reason */
function rounds(a: AssessmentInput): unknown[] {
  return [...(a.appraisals ?? [])]
    .sort((x, y) => x.round - y.round)
    .map((r) => ({ round: r.round, reviewer: r.reviewer, at: r.at, changes: r.changes.map((c) => ({ code: c.code, points: Number(c.points), reason: c.reason })) }))
}

async function edit(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  change(wb)
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

/** a sample unit appraised in two rounds */
function twoRounds(): AssessmentInput {
  const a = part.assessments.find((x) => new Set((x.appraisals ?? []).map((r) => r.round)).size >= 2)
  if (!a) throw new Error('the sample has no unit appraised in two rounds')
  return a
}

describe('appraisal rounds through a form', () => {
  it('every sample unit’s rounds come back as they are: round, reviewer, date, each change and its reason', async () => {
    let multi = 0
    for (const a of part.assessments) {
      const r = await readAssessmentWorkbook(await writeFilledWorkbook(pack, a), pack, { fileName: `${a.unitId}.xlsx` })
      expect(r.ok, r.ok ? '' : JSON.stringify(r.issues.slice(0, 2))).toBe(true)
      if (!r.ok) return
      expect(rounds(r.value)).toEqual(rounds(a))
      if ((a.appraisals ?? []).length >= 2) multi++
    }
    // the sample has units appraised in more than one round: the history is what is tested
    expect(multi).toBeGreaterThan(5)
  }, 120_000)

  it('explain of a form shows each round, as explain of the assessment does', async () => {
    const a = twoRounds()
    const r = await readAssessmentWorkbook(await writeFilledWorkbook(pack, a), pack, { fileName: 'f.xlsx' })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const fromForm = evaluate(pack, r.value, { trace: true })
    const fromSample = evaluate(pack, a, { trace: true })
    const appraisalsOf = (res: typeof fromForm) =>
      (res.trace ?? []).filter((t) => t.appraisals.length > 0).map((t) => [t.code, t.appraisals.map((x) => [x.round, x.reviewer, x.at, x.from.toString(), x.to.toString()])])
    expect(appraisalsOf(fromForm)).toEqual(appraisalsOf(fromSample))
    // the unit's history has more than one round: explain shows them all
    expect(new Set(appraisalsOf(fromForm).flatMap(([, steps]) => (steps as unknown[][]).map((s) => s[0]))).size).toBeGreaterThanOrEqual(2)
  })

  it('a "Điểm thẩm định" cell changed in the form is a new round after those on record; the rest stay as they were', async () => {
    const a = twoRounds()
    const bytes = await writeFilledWorkbook(pack, a)
    const layout = templateLayout(pack)
    const leaf = pack.nodes.find((n) => n.isLeaf && n.source !== 'survey' && !(a.appraisals ?? []).some((r) => r.changes.some((c) => c.code === n.code)))!
    const edited = await edit(bytes, (wb) => {
      const ws = wb.worksheets[0]!
      const row = layout.rows.get(leaf.code)!
      // the appraisal columns follow the source column (see writeFilledWorkbook)
      ws.getCell(row, layout.columns.source + 1).value = 0
      ws.getCell(row, layout.columns.source + 2).value = 'Không có văn bản kiểm chứng'
    })
    const r = await readAssessmentWorkbook(edited, pack, { fileName: 'f.xlsx', reviewer: 'Sở Nội vụ' })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const before = rounds(a)
    const after = rounds(r.value)
    expect(after.slice(0, before.length)).toEqual(before)
    const last = Math.max(...(a.appraisals ?? []).map((x) => x.round))
    expect(after[before.length]).toEqual({ round: last + 1, reviewer: 'Sở Nội vụ', at: '2024', changes: [{ code: leaf.code, points: 0, reason: 'Không có văn bản kiểm chứng' }] })
    expect(evaluate(pack, r.value).node(leaf.code)!.points.toString()).toBe('0')
  })

  it('a cleared cell the record appraised is refused at that cell, naming the round and its row, in both languages', async () => {
    const a = twoRounds()
    const change = (a.appraisals ?? []).at(-1)!.changes[0]!
    const layout = templateLayout(pack)
    const row = layout.rows.get(change.code)!
    const edited = await edit(await writeFilledWorkbook(pack, a), (wb) => {
      wb.worksheets[0]!.getCell(row, layout.columns.source + 1).value = null
    })
    const r = await readAssessmentWorkbook(edited, pack, { fileName: 'f.xlsx' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    const cleared = r.issues.filter((i) => i.code === 'appraisal_cleared')
    expect(cleared).toHaveLength(1)
    const col = String.fromCharCode(64 + layout.columns.source + 1)
    expect(cleared[0]!.cell).toBe(`${col}${row}`)
    expect(cleared[0]!.message.vi).toMatch(new RegExp(`Tiêu chí "${change.code.replace(/\./g, '\\.')}" có điểm thẩm định .* ở vòng \\d+ \\(trang "Thẩm định", dòng \\d+\\)`))
    expect(cleared[0]!.message.en).toMatch(/was appraised at .* in round \d+ \(sheet "Thẩm định", row \d+\)/)
  })

  it('the appraisals sheet’s own problems are refused at their cells: a round that is no number, two reviewers in one round, points that are text', async () => {
    const a = twoRounds()
    const edited = await edit(await writeFilledWorkbook(pack, a), (wb) => {
      const ws = wb.getWorksheet('Thẩm định')!
      // the header row is the one with "Vòng"; the first rows of data follow it
      let head = 1
      while (ws.getCell(head, 1).value !== 'Vòng') head++
      ws.getCell(head + 1, 1).value = 'hai'
      ws.getCell(head + 2, 6).value = 'một'
      // the last two rows are of the last round: give the last a second reviewer
      const lastRow = ws.actualRowCount
      ws.getCell(lastRow, 1).value = ws.getCell(lastRow - 1, 1).value
      ws.getCell(lastRow, 2).value = 'Một tổ khác'
    })
    const r = await readAssessmentWorkbook(edited, pack, { fileName: 'f.xlsx' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    const own = r.issues.filter((i) => i.sheet === 'Thẩm định').map((i) => [i.code, i.cell])
    expect(own).toEqual(
      expect.arrayContaining([
        ['invalid_round', expect.stringMatching(/^A\d+$/)],
        ['invalid_number', expect.stringMatching(/^F\d+$/)],
        ['appraisal_round_mismatch', expect.stringMatching(/^B\d+$/)],
      ]),
    )
    const mismatch = r.issues.find((i) => i.code === 'appraisal_round_mismatch')!
    expect(mismatch.message.vi).toMatch(/^Vòng \d+ ghi cơ quan, người thẩm định "Một tổ khác", khác ".+" ở dòng \d+/)
    expect(mismatch.message.en).toMatch(/^Round \d+ gives the reviewer "Một tổ khác"/)
  })
})
