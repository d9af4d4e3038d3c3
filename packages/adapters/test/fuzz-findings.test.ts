// Problems the fuzz harness (scripts/fuzz.mjs, docs/fuzz.md) found in the readers, each
// kept here as the smallest input that showed it.
import { vnCchc } from '@chiso/rules-vn-cchc'
import { describe, expect, it } from 'vitest'
import { csvGrid, parseCsv, readFactsGrid } from '../src/csv/index.js'
import { nearestFact } from '../src/xlsx/index.js'

const pack = vnCchc.compile('vn-cchc/commune-2025')

describe('facts table: a fact name of a million characters', () => {
  // fuzz seed 7, case 1258: the nearest-fact suggestion built an edit-distance table of
  // 1,000,000 × (length of each known fact) for every fact the pack reads, and ran for
  // minutes at 1.2 GB; before the fix this test does not finish
  const long = '9'.repeat(1_000_000)

  it('is an unknown fact with no suggestion', () => {
    expect(nearestFact(pack, long)).toBeUndefined()
    const text = `Mã đơn vị;Dữ kiện;Giá trị\nxa-a;${long};1\nxa-a;planIssud;on-time\n`
    const t = readFactsGrid(csvGrid(parseCsv(text), 'du-kien.csv'), pack, 'du-kien.csv')
    expect(t.issues.map((i) => [i.code, i.cell])).toEqual([['unknown_fact', 'B2'], ['unknown_fact', 'B3']])
    expect(t.issues[0]!.message.en).not.toContain('did you mean')
    expect(t.issues[1]!.message.vi).toContain('có phải "planIssued"?')
  })

  it('a typo is still matched to the fact it means, within a third of its length', () => {
    expect(nearestFact(pack, 'planIssud')).toBe('planIssued')
    expect(nearestFact(pack, 'planIssuedXYZW')).toBe('planIssued')
    expect(nearestFact(pack, 'planIssuedXYZWV')).toBeUndefined()
  })
})
