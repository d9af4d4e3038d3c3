// An analyst's journey through the CLI on the sample province's 2024 commune forms: plan and
// explain read like the reports (facts by their titles, dates day first, figures that add up
// or say they are rounded), sample speaks one language and names what it wrote, score says
// once that the forms are another pack's, and a survey CSV that is not UTF-8 says so.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { chiso } from './helpers.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-analyst-'))
  const r = await chiso(['sample', '--year', '2024', '--kind', 'commune', '--workbooks', 'hs2024'], dir)
  expect(r.code).toBe(0)
}, 120_000)

/** "68,69" → 6869 (hundredths) */
const cents = (s: string): number => Math.round(Number(s.replace(/\./g, '').replace(',', '.')) * 100)

describe('plan', () => {
  it('names the facts a rule read by their titles, never by their ids', async () => {
    const r = await chiso(['plan', 'Xã Diệp An', '--pack', 'vn-cchc/commune', '--in', 'hs2024'], dir)
    expect(r.code).toBe(0)
    expect(r.stdout).not.toMatch(/\b[a-z]+[A-Z]\w* = /)
    expect(r.stdout).toContain('Điểm bị mất: 1,00/1,00 — Xác định đầy đủ nhiệm vụ, kinh phí thực hiện = không → 0/1 điểm')
    const en = await chiso(['plan', 'Xã Diệp An', '--pack', 'vn-cchc/commune', '--in', 'hs2024', '--lang', 'en'], dir)
    expect(en.stdout).not.toMatch(/\b[a-z]+[A-Z]\w* = /)
  }, 60_000)

  it('the shown figures add up, or the plan says they are rounded', async () => {
    const r = await chiso(['plan', 'Xã Diệp An', '--pack', 'vn-cchc/commune', '--in', 'hs2024'], dir)
    const before = cents(/Hiện nay: ([\d.,]+)\//.exec(r.stdout)![1]!)
    const after = cents(/Sau khắc phục: ([\d.,]+)\//.exec(r.stdout)![1]!)
    const gained = cents(/Cộng: \d+ tiêu chí, tăng ([\d.,]+) điểm/.exec(r.stdout)![1]!)
    const areas = [...r.stdout.matchAll(/— tăng ([\d.,]+) điểm/g)].reduce((t, m) => t + cents(m[1]!), 0)
    const adds = before + gained === after && areas === gained
    // the sample's Diệp An: 68,69 + 1,30 shown, 70,00 after
    expect(adds).toBe(false)
    expect(r.stdout).toContain('Các số đã làm tròn đến hai chữ số thập phân')
    const en = await chiso(['plan', 'Xã Diệp An', '--pack', 'vn-cchc/commune', '--in', 'hs2024', '--lang', 'en'], dir)
    expect(en.stdout).toContain('Figures are rounded to two decimals')
  }, 60_000)
})

describe('explain', () => {
  it('dates day first in Vietnamese, ISO in English', async () => {
    const r = await chiso(['explain', 'Xã Diệp An', '--pack', 'vn-cchc/commune', '--in', 'hs2024'], dir)
    expect(r.stdout).toMatch(/thẩm định vòng 1 \([^)]*, \d{2}\/\d{2}\/\d{4}\)/)
    expect(r.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    const en = await chiso(['explain', 'Xã Diệp An', '--pack', 'vn-cchc/commune', '--in', 'hs2024', '--lang', 'en'], dir)
    expect(en.stdout).toMatch(/appraisal round 1 \([^)]*, \d{4}-\d{2}-\d{2}\)/)
  }, 60_000)
})

describe('sample', () => {
  it('a year out of range is said in one language, following --lang', async () => {
    const vi = await chiso(['sample', '--year', '2019'], dir)
    expect(vi.code).not.toBe(0)
    expect(vi.stderr).toContain('năm 2019 ngoài khoảng 2020–2030')
    expect(vi.stderr).not.toContain('outside')
    const en = await chiso(['--lang', 'en', 'sample', '--year', '2019'], dir)
    expect(en.stderr).toContain('year 2019 is outside 2020–2030')
    expect(en.stderr).not.toContain('ngoài khoảng')
  })

  it('-o names the files it wrote', async () => {
    const r = await chiso(['sample', '--year', '2024', '-o', 'smp.csv'], dir)
    expect(r.code).toBe(0)
    const written = (await readdir(dir)).filter((f) => f.startsWith('smp-')).sort()
    expect(written.length).toBeGreaterThan(1)
    const said = r.stdout + r.stderr
    for (const f of written) expect(said).toContain(f)
    const en = await chiso(['--lang', 'en', 'sample', '--year', '2024', '-o', 'smp.csv'], dir)
    expect(en.stdout + en.stderr).toMatch(/Results: .*smp-commune\.csv/)
  }, 60_000)
})

describe('score under another pack', () => {
  it('forms refused for their pack are not also warned about cell by cell, and when all name one other pack it is said once', async () => {
    const r = await chiso(['score', '--pack', 'vn-cchc/district', '--in', 'hs2024'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).not.toContain('max_mismatch')
    expect(r.stderr).not.toContain('survey_for_refused_form')
    const forms = (await readdir(join(dir, 'hs2024'))).filter((f) => f.endsWith('.xlsx')).length
    expect(r.stderr).toContain(`tất cả ${forms} biểu là của bộ chỉ số vn-cchc/commune-2019; có phải --pack vn-cchc/commune?`)
    expect(r.stderr.split('\n').filter((l) => l.includes('[pack_mismatch]')).length).toBe(0)
    expect(r.stderr).toContain(`Vấn đề trong các tệp đã nộp: ${forms} lỗi, 0 cảnh báo`)
    const en = await chiso(['score', '--pack', 'vn-cchc/district', '--in', 'hs2024', '--lang', 'en'], dir)
    expect(en.stderr).toContain(`all ${forms} forms are for the pack vn-cchc/commune-2019; did you mean --pack vn-cchc/commune?`)
  }, 120_000)

  it('one form of another pack among good ones: its error alone, none of its cells', async () => {
    const d = await mkdtemp(join(tmpdir(), 'chiso-analyst-mixed-'))
    const one = await chiso(['sample', '--year', '2024', '--kind', 'district', '--workbooks', 'hs'], d)
    expect(one.code).toBe(0)
    const { copyFile } = await import('node:fs/promises')
    await copyFile(join(dir, 'hs2024', 'xa-diep-an.xlsx'), join(d, 'hs', 'xa-diep-an.xlsx'))
    const r = await chiso(['score', '--pack', 'vn-cchc/district', '--in', 'hs'], d)
    const lines = r.stderr.split('\n').filter((l) => l.includes('xa-diep-an.xlsx'))
    expect(lines.length).toBe(1)
    expect(lines[0]).toContain('[pack_mismatch]')
    expect(r.stderr).not.toContain('tất cả')
  }, 120_000)
})

/** Text as Windows-1258 bytes: each letter its own byte where the code page has one, else a base letter and combining marks, else "?" (`lossy` writes "?" for every letter the code page has no byte for, as a careless converter does). */
function cp1258(text: string, lossy = false): Uint8Array {
  const decoder = new TextDecoder('windows-1258')
  const table = new Map<string, number>()
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b)
  const out: number[] = []
  for (const c of text.normalize('NFC')) {
    const direct = table.get(c)
    if (direct !== undefined) {
      out.push(direct)
      continue
    }
    const [base, ...marks] = [...c.normalize('NFD')]
    let done = false
    for (let k = marks.length; k >= 0 && !lossy && !done; k--) {
      const head = table.get((base! + marks.slice(0, k).join('')).normalize('NFC'))
      const rest = marks.slice(k).map((m) => table.get(m))
      if (head !== undefined && rest.every((x) => x !== undefined)) {
        out.push(head, ...(rest as number[]))
        done = true
      }
    }
    if (!done) out.push(0x3f)
  }
  return new Uint8Array(out)
}

describe('a survey table not saved as UTF-8', () => {
  it('a header that lost its letters says the file is not UTF-8 and how to save it so', async () => {
    const d = await mkdtemp(join(tmpdir(), 'chiso-analyst-lossy-'))
    await chiso(['sample', '--year', '2024', '--kind', 'commune', '--workbooks', 'hs'], d)
    const utf8 = await readFile(join(d, 'hs', 'ket-qua-dieu-tra-xa-hoi-hoc.csv'), 'utf8')
    const lossy = cp1258(utf8.replace(/^\uFEFF/, ''), true)
    await writeFile(join(d, 'dieu-tra.csv'), lossy)
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'hs', '--survey', 'dieu-tra.csv'], d)
    expect(r.stderr).toMatch(/dieu-tra\.csv.*Dòng tiêu đề thiếu cột .*tệp không phải UTF-8.*"CSV UTF-8/)
    const en = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'hs', '--survey', 'dieu-tra.csv', '--lang', 'en'], d)
    expect(en.stderr).toMatch(/dieu-tra\.csv.*lacks .*not UTF-8.*"CSV UTF-8/)
    // found among the forms, it is not taken for a form without a header: the same note
    await writeFile(join(d, 'hs', 'ket-qua-dieu-tra-xa-hoi-hoc.csv'), lossy)
    const among = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'hs'], d)
    expect(among.stderr).toMatch(/ket-qua-dieu-tra-xa-hoi-hoc\.csv.*tệp không phải UTF-8.*"CSV UTF-8/)
  }, 120_000)
})
