import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { compilePack, type CompiledPack } from '@chiso/core'

export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
export const testPack = (): CompiledPack => compilePack(JSON.parse(readFileSync(fixture('pack-commune.json'), 'utf8')))

import ExcelJS from 'exceljs'
import { templateLayout, writeTemplateWorkbook } from '../src/xlsx/index.js'

/** Loads bytes into an exceljs workbook. */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  return wb
}

/** Saves an exceljs workbook to bytes. */
export async function saveWorkbook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

/** The template filled in the way a unit would: name, code, scores (by code), evidence. */
export async function filledWorkbook(
  pack: CompiledPack,
  o: {
    unitId: string
    name: string
    period?: string
    scores: Record<string, number | string>
    evidence?: Record<string, string>
    mutate?: (ws: ExcelJS.Worksheet, rowOf: (code: string) => number) => void
  },
): Promise<Uint8Array> {
  const layout = templateLayout(pack)
  const wb = await loadWorkbook(await writeTemplateWorkbook(pack, { period: o.period ?? '2024' }))
  const ws = wb.getWorksheet(layout.sheet)!
  ws.getCell(layout.cells.unitName).value = o.name
  ws.getCell(layout.cells.unitId).value = o.unitId
  const rowOf = (code: string): number =>
    layout.rows.get(code) ??
    (() => {
      throw new Error(`no row ${code}`)
    })()
  for (const [code, v] of Object.entries(o.scores)) ws.getCell(rowOf(code), layout.columns.self).value = v
  for (const [code, v] of Object.entries(o.evidence ?? {})) ws.getCell(rowOf(code), layout.columns.evidence).value = v
  o.mutate?.(ws, rowOf)
  return saveWorkbook(wb)
}

/** Good scores for the test pack (a commune that did well). */
export const GOOD: Record<string, number | string> = { '1.1': 1, '1.2': 2, '1.3': 1, '1.4.1': 0.5, '1.4.2': 1.25, '2.1': 3.5, '2.2': 2.5, '2.3': 1.5 }

/** The survey team's table for some units of a sample part: unit, criterion, respondents per answer. */
export function sampleSurveyCsv(part: import('../src/cli/index.js').SamplePart, units: readonly string[]): string {
  const rows = part.surveyResults.filter((r) => units.includes(r.unitId))
  return ['Mã đơn vị,Mã tiêu chí,A,B,C,D', ...rows.map((r) => [r.unitId, r.code, r.answers.A ?? 0, r.answers.B ?? 0, r.answers.C ?? 0, r.answers.D ?? 0].join(','))].join('\n') + '\n'
}

/**
 * Runs the CLI in-process in folder `cwd`, as a user's terminal would not be (no TTY: no
 * progress bar), and returns its exit code and what it printed.
 */
export async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { run } = await import('../src/cli/index.js')
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (t: string) => (stdout += t), isTTY: false, columns: 120 }, stderr: { write: (t: string) => (stderr += t), isTTY: false } })
  return { code, stdout, stderr }
}
