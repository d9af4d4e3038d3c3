// Issue #11 item 4: Vietnamese that reads like the reports. Every command is run with
// --lang vi and --lang en over the same files; no line of the Vietnamese output is
// English-only, and no number in it has a decimal point.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadPack, run, sampleAssessments, type SamplePart } from '../src/cli/index.js'
import { writeFilledWorkbook } from '../src/xlsx/index.js'
import { sampleSurveyCsv } from './helpers.js'

let dir: string
let part: SamplePart

async function chiso(args: string[]): Promise<{ code: number; lines: string[] }> {
  let text = ''
  const code = await run(args, { cwd: dir, stdout: { write: (s: string) => (text += s) }, stderr: { write: (s: string) => (text += s) } })
  return { code, lines: text.split('\n') }
}

/** Letters only Vietnamese has (with their tone marks), and đ. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i
/** Common words of the English output; a line with them and no Vietnamese letter is English. */
const ENGLISH = new Set(
  'the and with not rule steps points point score scored scoring rank ranked unit units file files index band warning criteria criterion survey evidence reconstructed official text pack read skipped results result missing self facts fact condition absent entered appraisal round deduction bonus taken period first last mean rated average good fair excellent weak wrote form forms blank shaped after sample data invented real scale valid areas leaves each from'.split(
    ' ',
  ),
)

/** True for a line with an English word and no Vietnamese in it. */
function englishOnly(line: string): boolean {
  if (VIETNAMESE.test(line)) return false
  const words = line.toLowerCase().match(/[a-z]+/g) ?? []
  return words.some((w) => ENGLISH.has(w))
}

/** The commands of an officer's day, each in the language asked for. */
function commands(lang: string): string[][] {
  const p = ['--pack', 'vn-cchc/commune']
  return [
    ['validate', 'vn-cchc/commune-2019'],
    ['packs', '--family', 'vn-cchc/commune'],
    ['template', 'vn-cchc/commune', '--year', '2024', '-o', `bieu-${lang}.xlsx`],
    ['validate', 'nop', ...p],
    ['score', ...p, '--in', 'nop', '--out', `ket-qua-${lang}.xlsx`],
    ['score', ...p, '--in', 'nop', '--survey', 'dieu-tra.csv', '--facts', 'du-kien.csv'],
    ['rank', ...p, '--in', 'nop', '--exclude', part.assessments[2]!.unitId],
    ['rank', ...p, '--year', '2025', '--in', 'nop'],
    ['explain', part.assessments[0]!.unitId, ...p, '--in', 'nop', '--facts', 'du-kien.csv', '--survey', 'dieu-tra.csv'],
    ['explain', part.assessments[1]!.unitId, ...p, '--in', 'nop'],
    // where the points went and the cheapest way up (a unit, a group); a new edition's impact
    ['plan', part.assessments[3]!.unitId, ...p, '--in', 'nop', '--survey', 'dieu-tra.csv', '--band', 'xuat-sac', '--out', `ke-hoach-${lang}.xlsx`],
    ['plan', part.assessments[4]!.unitId, ...p, '--in', 'nop'],
    ['plan', ...p, '--in', 'nop', '--survey', 'dieu-tra.csv'],
    ['impact', '--from', 'vn-cchc/commune', '--to', 'vn-cchc/commune-2025', '--in', 'nop', '--survey', 'dieu-tra.csv'],
    ['sample', '--year', '2024', '--kind', 'commune'],
    ['sample', '--year', '2025'],
  ].map((c) => [...c, '--lang', lang])
}

/** Every line printed by the commands, and the codes they exited with. */
async function outputs(lang: string): Promise<{ lines: string[]; codes: number[] }> {
  const lines: string[] = []
  const codes: number[] = []
  for (const c of commands(lang)) {
    const r = await chiso(c)
    codes.push(r.code)
    lines.push(...r.lines.filter((l) => l.trim() !== ''))
  }
  return { lines, codes }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-lang-'))
  const s = await sampleAssessments({ year: 2024, kind: 'commune' })
  if (!s.ok) throw new Error('no sample')
  part = s.parts[0]!
  await mkdir(join(dir, 'nop'))
  const units = part.assessments.slice(0, 5)
  // the second unit appraised, with a deduction entered, to exercise every kind of trace line
  // (forms carry their unit's facts: the first leaves out its reprimands, for the "no figure" line)
  const withoutReprimands = (a: (typeof units)[number]) => {
    const { reprimands: _r, ...facts } = (a.facts ?? {}) as Record<string, unknown>
    return { ...a, facts }
  }
  for (const a of units) await writeFile(join(dir, 'nop', `${a.unitId}.xlsx`), await writeFilledWorkbook(part.pack, a === units[0] ? withoutReprimands(a) : a))
  await writeFile(
    join(dir, 'dieu-tra.csv'),
    sampleSurveyCsv(
      part,
      units.slice(0, 4).map((a) => a.unitId),
    ),
  )
  await writeFile(
    join(dir, 'du-kien.csv'),
    `Mã đơn vị;Dữ kiện;Giá trị\n${units[0]!.unitId};lateDossiersWithoutApology;3\n${units[0]!.unitId};reprimand;1\n${units[0]!.unitId};initiativeRecognisedByProvince;có\n`,
  )
}, 60_000)

describe('--lang', () => {
  it('the heuristic is not vacuous: it flags English lines and the old English trace texts', () => {
    // the English lines the Vietnamese output used to print
    for (const l of ['condition not met → 0', 'lateDossiersWithoutApology absent → 0', '    · rule steps: ≥ 90 → 2']) expect(englishOnly(l), l).toBe(true)
    expect(englishOnly('WARNING: the pack scores 10 criteria (30.00 points) by survey')).toBe(true)
    expect(englishOnly('Tiêu chí tính 0 điểm vì thiếu dữ liệu:')).toBe(false)
    expect(englishOnly('├─ 1.1 Kế hoạch: 1,00/1,00')).toBe(false)
  })

  it('--lang vi (the default): no line is English-only, no number has a decimal point', async () => {
    const vi = await outputs('vi')
    expect(vi.lines.length).toBeGreaterThan(300)
    // the run covered what it should: every command ran, one usage error (another edition)
    expect(vi.codes.filter((c) => c === 2)).toHaveLength(1)
    const english = vi.lines.filter(englishOnly)
    expect(english).toEqual([])
    // criterion codes, versions (1.1.0) and thousands ("1.409 ms") aside, a number with a
    // point is a decimal written the English way (points and indexes have two decimals)
    // (the codes of both editions: impact lists the 2025 edition's new criteria)
    const edition2025 = await loadPack('vn-cchc/commune-2025')
    if (!edition2025.ok) throw new Error('no 2025 edition')
    const codes = new Set([...part.pack.nodes, ...edition2025.pack.nodes].map((n) => n.code))
    const decimals = vi.lines
      .map((l) => l.replace(/\b\d+\.\d+\.\d+\b/g, '').replace(/\b\d+(\.\d+)+\b/g, (m) => (codes.has(m) || /^\d{1,3}(\.\d{3})+$/.test(m) ? '' : m)))
      .filter((l) => /\d\.\d/.test(l))
    expect(decimals).toEqual([])
    expect(vi.lines.some((l) => /\d+,\d\d/.test(l))).toBe(true)
    // the default is Vietnamese
    const plain = await chiso(['packs', '--family', 'vn-cchc/commune'])
    expect(plain.lines).toEqual((await chiso(['packs', '--family', 'vn-cchc/commune', '--lang', 'vi'])).lines)
  }, 120_000)

  it('--lang en: the same commands in English (a decimal point, words in English)', async () => {
    const en = await outputs('en')
    const english = en.lines.filter(englishOnly)
    // unit names and pack titles are Vietnamese data; the lines around them are English
    expect(english.length).toBeGreaterThan(en.lines.length / 4)
    expect(en.lines.some((l) => /^Note: Shaped after .+; 63 of 63 scored criteria reconstructed, not an official text/.test(l))).toBe(true)
    expect(en.lines.some((l) => /^\s+Rank\s+Unit\s+Points\s+Index\s+Band/.test(l))).toBe(true)
    expect(en.lines.some((l) => /^First: .+ \d+\.\d\d points \(index \d+\.\d\d%\)$/.test(l))).toBe(true)
    expect(en.lines.some((l) => l.startsWith('SAMPLE DATA: invented units and figures'))).toBe(true)
    expect(en.lines.some((l) => /· rule .+: /.test(l) || /· self score: /.test(l))).toBe(true)
    expect(en.lines.filter((l) => /\d+,\d\d(?!\d)/.test(l) && !/\d{1,3}(,\d{3})+/.test(l))).toEqual([])
  }, 120_000)

  it('explain in Vietnamese: facts by their title, adjustments by theirs, decimal commas', async () => {
    const r = await chiso(['explain', part.assessments[0]!.unitId, '--pack', 'vn-cchc/commune', '--in', 'nop', '--facts', 'du-kien.csv', '--survey', 'dieu-tra.csv'])
    expect(r.code).toBe(0)
    const text = r.lines.join('\n')
    expect(text).toMatch(/−0,75 Hồ sơ trễ hạn không có văn bản xin lỗi \(0,25 điểm\/hồ sơ\): 3 × 0,25/)
    expect(text).toMatch(/\+0,5 Sáng kiến CCHC được công nhận cấp tỉnh: đạt điều kiện/)
    expect(text).toMatch(
      /−0 Bị cơ quan cấp trên nhắc nhở, phê bình về công tác CCHC \(0,5 điểm\/lần\): chưa có số liệu «Bị cơ quan cấp trên nhắc nhở, phê bình về công tác CCHC \(0,5 điểm\/lần\)» → 0/,
    )
    expect(text).toMatch(/· điều tra xã hội học: \d+ phiếu, tỉ lệ có trọng số \d+,\d\d% → \d+(,\d+)?/)
    expect(text).not.toMatch(/condition|absent|self score|rule /)
  })
})
