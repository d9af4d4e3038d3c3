// Issue #10, item 2, through the `chiso` command: input too deep for any recursive walk,
// and a form with more problems than a call can take as arguments, give the listed issues
// (exit 1), never a stack trace, and `--json` prints JSON.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/index.js'
import { writeTemplateCsv } from '../src/csv/index.js'
import { fixture, testPack } from './helpers.js'

async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 100 }, stderr: { write: (s: string) => (stderr += s), isTTY: false } })
  return { code, stdout, stderr }
}

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-cli-limits-'))
  await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  // the issue's reproducers: criteria nested 660 deep (a 35 KB file), conditions 1,400 deep
  let c: unknown = { code: 'x', title: 't', maxPoints: 1 }
  for (let i = 0; i < 660; i++) c = { code: `c${i}`, title: 't', maxPoints: 1, children: [c] }
  await writeFile(join(dir, 'deep-criteria.json'), JSON.stringify({ id: 'deep/criteria', version: '1.0.0', title: 'Deep', criteria: [c] }))
  let cond: unknown = { fact: 'a', operator: 'equal', value: 1 }
  for (let i = 0; i < 1400; i++) cond = { not: cond }
  await writeFile(
    join(dir, 'deep-conditions.json'),
    JSON.stringify({ id: 'deep/conditions', version: '1.0.0', title: 'Deep', criteria: [{ code: '1', title: 'A', maxPoints: 1, applicability: cond }] }),
  )
})

describe('chiso validate on input too deep to walk', () => {
  it.each(['deep-criteria.json', 'deep-conditions.json'])('%s: the issue is listed, exit 1, no stack trace', async (file) => {
    const r = await chiso(['validate', file], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`✗ ${file}: 1 lỗi`)
    expect(r.stdout).toContain('[nested_too_deeply]')
    expect(r.stdout).toContain('Dữ liệu lồng nhau quá sâu (quá 64 cấp)')
    expect(r.stderr).not.toMatch(/RangeError|unexpected error|\n\s+at /)
  })

  it.each(['deep-criteria.json', 'deep-conditions.json'])('%s --json prints JSON with the issue', async (file) => {
    const r = await chiso(['validate', file, '--json'], dir)
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { target: string; ok: boolean; issues: { code: string; path: (string | number)[] }[] }[]
    expect(report.map((x) => [x.target, x.ok, x.issues.map((i) => i.code)])).toEqual([[file, false, ['nested_too_deeply']]])
  })
})

describe('a submitted form with more problems than push(...list) can pass', () => {
  it('130,000 repeated rows: the file is rejected with its problems, exit 1, no RangeError', async () => {
    const sub = join(dir, 'submissions')
    await mkdir(sub)
    const lines = writeTemplateCsv(testPack(), { period: '2024' })
      .replace(/^\uFEFF/, '')
      .split('\n')
    const at = (label: string): number => lines.findIndex((l) => l.startsWith(label))
    lines[at('Tên đơn vị')] = 'Tên đơn vị:;Xã An Bình'
    lines[at('Mã đơn vị')] = 'Mã đơn vị:;xa-an-binh'
    const header = at('STT')
    const row = lines.find((l) => l.startsWith('1.1;'))!.split(';')
    row[3] = '1'
    const repeated = new Array<string>(130_000).fill(row.join(';'))
    await writeFile(join(sub, 'xa-an-binh.csv'), [...lines.slice(0, header + 1), ...repeated].join('\n'))
    const r = await chiso(['validate', '--pack', 'pack.json', 'submissions', '--json'], dir)
    expect(r.stderr).not.toMatch(/RangeError|unexpected error/)
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { rejected: string[]; issues: { code: string; severity: string }[] }
    expect(report.rejected).toEqual(['submissions/xa-an-binh.csv'])
    // every repeat is a problem (how many are listed is the readers' choice)
    expect(report.issues.filter((i) => i.severity === 'error').length).toBeGreaterThan(0)
  }, 60_000)
})
