// Problems the fuzz harness (scripts/fuzz.mjs, docs/fuzz.md) found in the readers, each
// kept here as the smallest input that showed it.
import { vnCchc } from '@chiso/rules-vn-cchc'
import { describe, expect, it, vi } from 'vitest'
import { csvGrid, parseCsv, readAssessmentCsv, readFactsGrid, readSurveyGrid, writeTemplateCsv } from '../src/csv/index.js'
import { nearestFact } from '../src/xlsx/index.js'

const pack = vnCchc.compile('vn-cchc/commune-2025')

// how often the readers normalise a header text, counted (the function itself unchanged)
const counted = vi.hoisted(() => ({ normalizations: 0 }))
vi.mock('../src/shared/text.js', async (original) => {
  const actual = await original<typeof import('../src/shared/text.js')>()
  return {
    ...actual,
    normalizeHeader: (text: string): string => {
      counted.normalizations++
      return actual.normalizeHeader(text)
    },
  }
})

describe('facts table: a fact name of a million characters', () => {
  // fuzz seed 7, case 1258: the nearest-fact suggestion built an edit-distance table of
  // 1,000,000 × (length of each known fact) for every fact the pack reads, and ran for
  // minutes at 1.2 GB; before the fix this test does not finish
  const long = '9'.repeat(1_000_000)

  it('is an unknown fact with no suggestion', () => {
    expect(nearestFact(pack, long)).toBeUndefined()
    const text = `Mã đơn vị;Dữ kiện;Giá trị\nxa-a;${long};1\nxa-a;planIssud;on-time\n`
    const t = readFactsGrid(csvGrid(parseCsv(text), 'du-kien.csv'), pack, 'du-kien.csv')
    expect(t.issues.map((i) => [i.code, i.cell])).toEqual([
      ['unknown_fact', 'B2'],
      ['unknown_fact', 'B3'],
    ])
    expect(t.issues[0]!.message.en).not.toContain('did you mean')
    expect(t.issues[1]!.message.vi).toContain('có phải "planIssued"?')
  })

  it('a typo is still matched to the fact it means, within a third of its length', () => {
    expect(nearestFact(pack, 'planIssud')).toBe('planIssued')
    expect(nearestFact(pack, 'planIssuedXYZW')).toBe('planIssued')
    expect(nearestFact(pack, 'planIssuedXYZWV')).toBeUndefined()
  })
})

describe('CSV form: a row of 200,000 cells above the header', () => {
  // fuzz seed 7, case 205 (a row made 50,000 cells wider): looking for the header row
  // normalised every cell of the first rows three times, empty ones included, so a form at
  // the cell limit (200,000) took 8 s to read; each row is now normalised once, empty cells
  // never (counted here rather than timed)
  it('is read as the form it is, each header text normalised once', async () => {
    const rows = parseCsv(writeTemplateCsv(pack, { period: '2025' }))
    const filled = rows.reduce((s, r) => s + r.filter((c) => c !== '').length, 0)
    rows[1] = ['Mã đơn vị:', 'xa-a', ...Array.from({ length: 199_000 - rows.reduce((s, r) => s + r.length, 0) }, () => '')]
    const text = rows.map((r) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\n')
    counted.normalizations = 0
    const r = await readAssessmentCsv(new TextEncoder().encode(text), pack, { fileName: 'xa-a.csv' })
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.unitId).toBe('xa-a')
    expect(counted.normalizations).toBeGreaterThan(0)
    expect(counted.normalizations).toBeLessThan(2 * filled)
  })
})

describe('a score cell of a million digits', () => {
  // fuzz seed 5, case 832: the reader parsed the cell exactly (a BigInt of a million
  // digits) and wrote it back as text, 2.5 s of quadratic work, before the engine refused
  // it; a number longer than a decimal may be (100 characters) is now reported as that
  const formWith = (score: string): Uint8Array => {
    const rows = parseCsv(writeTemplateCsv(pack, { period: '2025' }))
    rows[1] = ['Mã đơn vị:', 'xa-a']
    const leaf = rows.findIndex((r) => pack.node(r[0]!)?.isLeaf === true && pack.node(r[0]!)?.source !== 'survey')
    rows[leaf]![3] = score
    return new TextEncoder().encode(rows.map((r) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\n'))
  }

  it('is reported with its length, not parsed', async () => {
    const r = await readAssessmentCsv(formWith('9'.repeat(1_000_000)), pack, { fileName: 'xa-a.csv' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.issues.map((i) => i.code)).toEqual(['number_too_long'])
    expect(r.issues[0]!.message.vi).toBe(`Ô điểm chứa số dài 1.000.000 ký tự (tối đa 100): "${'9'.repeat(40)}…"`)
    expect(r.issues[0]!.message.en).toBe(`A number of 1,000,000 characters in a score cell (at most 100): "${'9'.repeat(40)}…"`)
  })

  it('a number of 100 characters is still read, and the engine judges its digits', async () => {
    const r = await readAssessmentCsv(formWith(`0,${'0'.repeat(97)}1`), pack, { fileName: 'xa-a.csv' })
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['number_too_precise'])
    const t = await readAssessmentCsv(formWith(`0,${'0'.repeat(98)}1`), pack, { fileName: 'xa-a.csv' })
    expect(t.ok ? [] : t.issues.map((i) => i.code)).toEqual(['number_too_long'])
  })
})

describe('survey and facts tables: a row of 50,000 cells above the header', () => {
  // fuzz seed 2, case 12038: finding the header normalised every cell of the first 20
  // rows once per column sought, empty ones included (3 million normalisations for one
  // wide row; 7 s at the 200,000-cell limit); each cell is now normalised once
  const wide = (header: string[], rows: string[][]): string => [Array.from({ length: 50_000 }, () => ''), header, ...rows].map((r) => r.join(';')).join('\n')
  const leaf = pack.nodes.find((n) => n.source === 'survey')!

  it('a survey table is read, each header text normalised once', () => {
    counted.normalizations = 0
    const text = wide(['Mã đơn vị', 'Mã tiêu chí', 'A', 'B'], [['xa-a', leaf.code, '30', '10']])
    const t = readSurveyGrid(csvGrid(parseCsv(text), 'dieu-tra.csv'), pack, 'dieu-tra.csv')
    expect(t.issues).toEqual([])
    expect(t.byUnit.get('xa-a')).toEqual({ [leaf.code]: { answers: { A: 30, B: 10 } } })
    expect(counted.normalizations).toBeLessThan(20)
  })

  it('a facts table is read, each header text normalised once', () => {
    counted.normalizations = 0
    const text = wide(['Mã đơn vị', 'Dữ kiện', 'Giá trị'], [['xa-a', 'planIssued', 'on-time']])
    const t = readFactsGrid(csvGrid(parseCsv(text), 'du-kien.csv'), pack, 'du-kien.csv')
    expect(t.issues).toEqual([])
    expect(t.byUnit.get('xa-a')).toEqual({ planIssued: 'on-time' })
    expect(counted.normalizations).toBeLessThan(20)
  })
})
