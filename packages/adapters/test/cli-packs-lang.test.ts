/**
 * The errors of the pack, record and analysis commands in the language asked for: the
 * Vietnamese alone by default, the English alone with --lang en — never "vi / en" in one
 * message — and one Vietnamese word for a pack, "bộ chỉ số".
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { chiso } from './helpers.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-packs-lang-'))
  await mkdir(join(dir, 'empty-dir'))
  await writeFile(join(dir, 'records.json'), JSON.stringify({ kind: 'chiso.result-records', records: [] }))
  await writeFile(join(dir, 'not-json.json'), '{ nope')
})

/** each case: the arguments, a Vietnamese text it prints, the English text with --lang en */
const CASES: readonly (readonly [readonly string[], string, string])[] = [
  [['test', 'empty-dir'], 'Không tìm thấy tệp kiểm thử', 'No pack-test files'],
  [['test', 'khong-co'], 'Không tìm thấy: khong-co', 'Not found: khong-co'],
  [['recalc', 'records.json', '--pack', 'khong-co.json'], 'Không tìm thấy tệp khong-co.json', 'File not found: khong-co.json'],
  [['compare', 'records.json', '--pack', 'not-json.json'], '--pack: not-json.json: không phải JSON hợp lệ', '--pack: not-json.json: not valid JSON'],
  [['compare', 'khong-co.json'], 'Không tìm thấy tệp khong-co.json', 'File not found: khong-co.json'],
  [['compare', 'records.json', '--policy', 'x'], '--policy: mean, best hoặc worst, không phải "x"', '--policy: mean, best or worst, not "x"'],
  [['compare', 'records.json', '--years', '2024..2022'], 'năm đầu sau năm cuối', 'the first year is after the last'],
  [['sensitivity', '--records', 'records.json', '--draws', 'x'], '--draws x: cần một số nguyên ≥ 0', '--draws x: needs a whole number ≥ 0'],
  [['sensitivity', '--records', 'records.json', '--range', 'x'], 'viết mã lĩnh vực=thấp..cao', 'write area=low..high'],
  [['sensitivity', '--pack', 'vn-cchc/commune'], 'Cần đúng một trong hai', 'Give exactly one of'],
  [['diff', 'vn-cchc/commune-2019'], 'Cần hai bộ chỉ số để so sánh', 'Give two packs to compare'],
  [['diff', '--patches', 'khong-co.json'], 'Không tìm thấy tệp khong-co.json', 'File not found: khong-co.json'],
  [['validate', 'hong-lam/commune'], 'Bộ chỉ số riêng (của tỉnh) được nêu bằng đường dẫn tệp .json', "A pack of your own (a province's) is named by the path of its .json file"],
]

describe('errors follow --lang', () => {
  it.each(CASES)('%j', async (args, vi, en) => {
    const v = await chiso([...args], dir)
    expect(v.code).not.toBe(0)
    expect(v.stderr).toContain(vi)
    expect(v.stderr).not.toContain(en)
    expect(v.stderr).not.toContain('bộ tiêu chí')
    const e = await chiso(['--lang', 'en', ...args], dir)
    expect(e.code).toBe(v.code)
    expect(e.stderr).toContain(en)
    expect(e.stderr).not.toContain(vi)
    expect(e.stderr).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i)
  })
})
