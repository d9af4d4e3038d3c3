// A criterion a province's pack neutralises is marked "không áp dụng" with its reason in the
// form, and a score a unit writes on it anyway is a warning at its cell, never dropped silently.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPack } from '../src/cli/packs.js'
import { readAssessmentWorkbook, templateLayout, writeTemplateWorkbook } from '../src/xlsx/index.js'
import { loadWorkbook, saveWorkbook } from './helpers.js'

const REASON = 'Tỉnh không chấm tiêu chí này năm 2024'
const dir = mkdtempSync(join(tmpdir(), 'chiso-neutral-'))
writeFileSync(
  join(dir, 'tinh.json'),
  JSON.stringify({
    id: 'tinh-thu/commune-2024',
    version: '1.0.0',
    title: { vi: 'Bộ chỉ số cấp xã tỉnh Thử năm 2024', en: 'Test province commune index 2024' },
    status: 'reconstructed',
    effective: { from: '2024-01-01', to: '2024-12-31' },
    extends: { id: 'vn-cchc/commune-2019', version: '1.1.0' },
    patches: [{ op: 'neutralise', code: '6.3.2', reason: REASON }],
  }),
)

describe('a neutralised criterion in the form', async () => {
  const loaded = await loadPack('tinh.json', { cwd: dir })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded))
  const pack = loaded.pack
  const layout = templateLayout(pack)
  const row = layout.rows.get('6.3.2')!
  const bytes = await writeTemplateWorkbook(pack, { period: '2024' })

  it('is not an input row: grey, no list of scores, "Không áp dụng" and the reason beside it', async () => {
    const ws = (await loadWorkbook(bytes)).getWorksheet(layout.sheet)!
    const self = ws.getCell(row, layout.columns.self)
    expect((self.fill as { fgColor?: { argb?: string } }).fgColor?.argb).not.toBe((ws.getCell(layout.rows.get('6.3.1')!, layout.columns.self).fill as { fgColor?: { argb?: string } }).fgColor?.argb)
    expect(self.dataValidation?.type).toBeUndefined()
    expect(String(self.note)).toContain(`Không áp dụng: ${REASON}`)
    expect(String(ws.getCell(row, layout.columns.source).value)).toContain(`Không áp dụng: ${REASON}`)
  })

  it('a score written on it is a warning at its cell with the reason, in both languages', async () => {
    const wb = await loadWorkbook(bytes)
    const ws = wb.getWorksheet(layout.sheet)!
    ws.getCell(layout.cells.unitName).value = 'Xã An Phú'
    ws.getCell(layout.cells.unitId).value = 'xa-an-phu'
    ws.getCell(row, layout.columns.self).value = 1
    ws.getCell(layout.rows.get('6.3.1')!, layout.columns.self).value = 1
    const r = await readAssessmentWorkbook(await saveWorkbook(wb), pack, { fileName: 'xa-an-phu.xlsx' })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const w = r.warnings.find((i) => i.code === 'score_not_applicable')
    expect(w).toBeDefined()
    expect(w!.cell).toBe(`D${row}`)
    expect(w!.message.vi).toBe(`"6.3.2" không áp dụng (${REASON}): điểm 1 ghi trong biểu không được tính`)
    expect(w!.message.en).toContain('is not applicable')
  })
})

describe('explain on a neutralised criterion', async () => {
  it('gives the reason the pack neutralises it', async () => {
    const { mkdirSync } = await import('node:fs')
    const { run } = await import('../src/cli/index.js')
    const loaded = await loadPack('tinh.json', { cwd: dir })
    if (!loaded.ok) throw new Error('pack')
    const layout = templateLayout(loaded.pack)
    const wb = await loadWorkbook(await writeTemplateWorkbook(loaded.pack, { period: '2024' }))
    const ws = wb.getWorksheet(layout.sheet)!
    ws.getCell(layout.cells.unitName).value = 'Xã An Phú'
    ws.getCell(layout.cells.unitId).value = 'xa-an-phu'
    ws.getCell(layout.rows.get('6.3.1')!, layout.columns.self).value = 1
    mkdirSync(join(dir, 'in'), { recursive: true })
    writeFileSync(join(dir, 'in', 'xa-an-phu.xlsx'), await saveWorkbook(wb))
    let stdout = ''
    await run(['explain', 'xa-an-phu', '--pack', 'tinh.json', '--in', 'in'], {
      cwd: dir,
      stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 120 },
      stderr: { write: () => {}, isTTY: false },
    })
    const at = stdout.indexOf('6.3.2 ')
    expect(at).toBeGreaterThan(0)
    expect(stdout.slice(at, at + 400)).toContain(`không áp dụng: bộ chỉ số không chấm tiêu chí này (${REASON})`)
  })
})
