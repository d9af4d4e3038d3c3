// Issue #10, item 4: a bug in chiso (an unexpected exception in our code) has its own exit
// code, 3, distinct from 1 (problems found in the input), and asks to be reported. The bug
// is planted here by replacing two functions of ours with ones that throw.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { EXIT, run } from '../src/cli/index.js'
import { filledWorkbook, fixture, GOOD, testPack } from './helpers.js'

vi.mock('../src/shared/form.js', async (original) => {
  const real = await original<typeof import('../src/shared/form.js')>()
  return {
    ...real,
    readForm: (...args: Parameters<typeof real.readForm>) => {
      if (args[3].includes('loi-noi-bo')) throw new TypeError("Cannot read properties of undefined (reading 'cell')")
      return real.readForm(...args)
    },
  }
})
vi.mock('../src/xlsx/result.js', async (original) => {
  const real = await original<typeof import('../src/xlsx/result.js')>()
  return {
    ...real,
    writeResultWorkbook: async () => {
      throw new RangeError('planted bug in the result workbook')
    },
  }
})

const pack = testPack()
let dir: string

async function chiso(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } })
  return { code, stdout, stderr }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-bug-'))
  await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  await mkdir(join(dir, 'nop'))
  await writeFile(join(dir, 'nop', 'xa-a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', scores: GOOD }))
  await writeFile(join(dir, 'nop', 'xa-loi-noi-bo.xlsx'), await filledWorkbook(pack, { unitId: 'xa-b', name: 'Xã B', scores: GOOD }))
  await writeFile(join(dir, 'nop', 'xa-c.csv'), 'khong phai bieu\n')
})

describe('exit code 3 for a bug in chiso', () => {
  it('a bug met reading one file: the others are still scored, the bug is reported as ours, exit 3 (not 1)', async () => {
    const r = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'nop', '--json'])
    expect(r.code).toBe(EXIT.internal)
    expect(EXIT.internal).toBe(3)
    const j = JSON.parse(r.stdout)
    expect(j.ranking.map((u: { unitId: string }) => u.unitId)).toEqual(['xa-a'])
    expect(j.issues.map((i: { file: string; code: string }) => [i.file, i.code])).toEqual([
      ['nop/xa-c.csv', 'form_not_found'],
      ['nop/xa-loi-noi-bo.xlsx', 'internal_error'],
    ])
    expect(j.issues[1].message.en).toBe(
      "Internal error in chiso while reading this file (Cannot read properties of undefined (reading 'cell')); the file may be fine — please report this bug with the file",
    )
    expect(j.issues[1].value).toContain('TypeError')
    expect(r.stderr).toContain('xin báo lỗi kèm tệp và chi tiết ở trên (mã thoát 3)')
    const en = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'nop', '--lang', 'en'])
    expect(en.code).toBe(3)
    expect(en.stderr).toContain('please report it with the file and the details above (exit code 3)')
  })

  it('the same folder without the planted bug is an input problem: exit 1', async () => {
    const r = await chiso(['validate', 'nop/xa-a.xlsx', 'nop/xa-c.csv', '--pack', 'pack.json', '--year', '2024'])
    expect(r.code).toBe(EXIT.problems)
  })

  it('a bug anywhere else in a command: exit 3 with a request to report it, and the stack', async () => {
    const r = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'nop/xa-a.xlsx', '--out', 'ket-qua.xlsx'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('Lỗi nội bộ của chiso (không phải lỗi trong dữ liệu): xin báo lỗi')
    expect(r.stderr).toContain('RangeError: planted bug in the result workbook')
    const en = await chiso(['score', '--pack', 'pack.json', '--year', '2024', '--in', 'nop/xa-a.xlsx', '--out', 'ket-qua.xlsx', '--lang', 'en'])
    expect(en.code).toBe(3)
    expect(en.stderr).toContain('Internal error in chiso (not a problem in your data): please report it')
  })

  it('--help says what each exit code means', async () => {
    const r = await chiso(['--help'])
    expect(r.stdout).toContain('3 lỗi nội bộ của chiso, xin báo lỗi / internal error in chiso, please report it')
  })
})
