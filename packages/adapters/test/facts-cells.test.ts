// A bad cell in a facts table (--facts) is that unit's problem, at its cell, naming the unit:
// the other units are scored (review D2); a form made for another pack is not scored under
// this one; tables' rows for units that submitted nothing name the unit by its name.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vnCchc } from '@chiso/rules-vn-cchc'
import { beforeAll, describe, expect, it } from 'vitest'
import { messages } from '../src/cli/messages.js'
import { scoreBatch } from '../src/cli/common.js'
import { run } from '../src/cli/index.js'
import type { Ctx } from '../src/cli/context.js'
import { csvGrid, parseCsv, readFactsGrid } from '../src/csv/index.js'
import { filledWorkbook } from './helpers.js'

const pack = vnCchc.compile('vn-cchc/commune-2019')

async function chiso(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { cwd, stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 100 }, stderr: { write: (s: string) => (stderr += s), isTTY: false } })
  return { code, stdout, stderr }
}

const facts = (rows: string[], names?: ReadonlyMap<string, string>) => readFactsGrid(csvGrid(parseCsv(rows.join('\n')), 'du-kien.csv'), pack, 'du-kien.csv', names ? { names } : {})

describe('facts table: values read as the pack reads each fact', () => {
  it('text where a number is read is an error at the value cell naming the unit; that unit is refused, the others read', () => {
    const t = facts(
      ['Mã đơn vị,Dữ kiện,Giá trị', 'xa-yen-khe,planCompletionPercent,abc', 'xa-yen-khe,reprimands,1', 'xa-nhan-quang,planCompletionPercent,"92,5"'],
      new Map([['xa-yen-khe', 'Xã Yến Khê']]),
    )
    expect(t.issues.map((i) => [i.code, i.cell, i.severity])).toEqual([['invalid_fact', 'C2', 'error']])
    const m = t.issues[0]!.message
    expect(m.vi).toContain('"Xã Yến Khê" (xa-yen-khe)')
    expect(m.vi).toContain('phải là một số')
    expect(m.vi).toContain('1.1.3')
    expect(m.vi).not.toMatch(/\bnumber\b|\bstring\b/)
    expect(m.en).toContain('must be a number')
    expect([...(t.refused ?? [])]).toEqual(['xa-yen-khe'])
    expect(t.byUnit.has('xa-yen-khe')).toBe(false)
    expect(t.byUnit.get('xa-nhan-quang')).toEqual({ planCompletionPercent: 92.5 })
  })

  it('a choice not among the options is an error listing them; an option given by its label or in other case is read as the option', () => {
    const t = facts(['Mã đơn vị,Tên đơn vị,Dữ kiện,Giá trị', 'xa-a,Xã A,planIssued,sometime', 'xa-b,Xã B,planIssued,Ban hành chậm', 'xa-c,Xã C,planIssued,ON-TIME'])
    expect(t.issues.map((i) => [i.code, i.cell])).toEqual([['invalid_fact', 'D2']])
    expect(t.issues[0]!.message.vi).toContain('"Xã A" (xa-a)')
    expect(t.issues[0]!.message.vi).toContain('on-time (Ban hành đúng hạn)')
    expect(t.issues[0]!.message.en).toContain('on-time (Issued on time)')
    expect(t.byUnit.get('xa-b')).toEqual({ planIssued: 'late' })
    expect(t.byUnit.get('xa-c')).toEqual({ planIssued: 'on-time' })
  })

  it('yes / no facts take có / không, and refuse anything else', () => {
    const t = facts(['Mã đơn vị,Dữ kiện,Giá trị', 'xa-a,planTasksFunded,có', 'xa-b,planTasksFunded,chưa rõ', 'xa-c,reprimands,có'])
    expect(t.issues.map((i) => [i.code, i.cell])).toEqual([
      ['invalid_fact', 'C3'],
      ['invalid_fact', 'C4'],
    ])
    expect(t.issues[0]!.message.vi).toContain('phải là "có" hoặc "không"')
    expect(t.byUnit.get('xa-a')).toEqual({ planTasksFunded: true })
    expect([...(t.refused ?? [])].sort()).toEqual(['xa-b', 'xa-c'])
  })
})

describe('chiso score --facts with one bad cell', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-facts-cells-'))
    const scores = { '1.1.2': 1 }
    await writeFile(join(dir, 'xa-yen-khe.xlsx'), await filledWorkbook(pack, { unitId: 'xa-yen-khe', name: 'Xã Yến Khê', scores }))
    await writeFile(join(dir, 'xa-nhan-quang.xlsx'), await filledWorkbook(pack, { unitId: 'xa-nhan-quang', name: 'Xã Nhạn Quang', scores }))
    await writeFile(join(dir, 'du-kien.csv'), 'Mã đơn vị,Dữ kiện,Giá trị\nxa-yen-khe,planCompletionPercent,abc\nxa-nhan-quang,planCompletionPercent,95\n')
  }, 60_000)

  it('scores and writes the others; the bad cell is named with file, cell and unit; --json still prints', async () => {
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'xa-yen-khe.xlsx', 'xa-nhan-quang.xlsx', '--facts', 'du-kien.csv', '--out', 'kq.xlsx', '--json'], dir)
    expect(r.code).toBe(1)
    const j = JSON.parse(r.stdout)
    expect(j.scored).toBe(1)
    expect(j.rejected).toEqual(['xa-yen-khe.xlsx'])
    expect(j.ranking.map((u: { unitId: string }) => u.unitId)).toEqual(['xa-nhan-quang'])
    const bad = j.issues.find((i: { code: string }) => i.code === 'invalid_fact')
    expect([bad.file, bad.cell]).toEqual(['du-kien.csv', 'C2'])
    expect(bad.message.vi).toContain('Xã Yến Khê')
    expect((await readFile(join(dir, 'kq.xlsx'))).length).toBeGreaterThan(0)
  }, 60_000)

  it('in text output too, in the language asked for', async () => {
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'xa-yen-khe.xlsx', 'xa-nhan-quang.xlsx', '--facts', 'du-kien.csv', '--lang', 'en'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Xã Nhạn Quang')
    expect(r.stderr).toMatch(/du-kien\.csv › C2: Fact "planCompletionPercent" .* of unit "Xã Yến Khê" \(xa-yen-khe\) must be a number/)
  }, 60_000)
})

describe('explain and plan on a unit a facts cell refused', () => {
  it('say why it was not scored (the cell, in another file than its form), not that there is no such unit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-facts-refused-'))
    // form files not named after their units: only the facts cell names the unit refused
    await writeFile(join(dir, 'bieu-1.xlsx'), await filledWorkbook(pack, { unitId: 'xa-yen-khe', name: 'Xã Yến Khê', scores: { '1.1.2': 1 } }))
    await writeFile(join(dir, 'bieu-2.xlsx'), await filledWorkbook(pack, { unitId: 'xa-nhan-quang', name: 'Xã Nhạn Quang', scores: { '1.1.2': 1 } }))
    await writeFile(join(dir, 'du-kien.csv'), 'Mã đơn vị,Dữ kiện,Giá trị\nxa-yen-khe,planCompletionPercent,abc\n')
    for (const command of ['explain', 'plan']) {
      for (const unit of ['xa-yen-khe', 'Xã Yến Khê']) {
        const r = await chiso([command, unit, '--pack', 'vn-cchc/commune', '--in', 'bieu-1.xlsx', 'bieu-2.xlsx', '--facts', 'du-kien.csv'], dir)
        expect(r.code, `${command} ${unit}: ${r.stderr}`).toBe(1)
        expect(r.stderr).toContain(messages('vi').unitHasErrors(unit))
        expect(r.stderr).toContain('du-kien.csv › C2')
        expect(r.stderr).not.toContain(messages('vi').noUnit(unit))
      }
    }
  }, 120_000)
})

describe('a batch the core refuses', () => {
  it('names the unit by its name and code, not by its place in the batch', () => {
    let stderr = ''
    const ctx = {
      io: { cwd: '.', stdout: { write: () => true, isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: false } },
      code: 0,
      lang: 'vi',
      m: messages('vi'),
    } as unknown as Ctx
    const b = scoreBatch(ctx, pack, [{ unitId: 'xa-yen-khe', period: '2024', unit: { id: 'xa-yen-khe', name: 'Xã Yến Khê', kind: 'commune' }, facts: { planCompletionPercent: 'abc' } }], true)
    expect(b).toBeUndefined()
    expect(stderr).toContain('Xã Yến Khê (xa-yen-khe): facts.planCompletionPercent')
    expect(stderr).not.toContain('[0]')
  })
})

describe('a form made for another pack', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-pack-mismatch-'))
    const scores = { '1.1.2': 1 }
    const labelled = (label: string) => (ws: import('exceljs').Worksheet) => {
      ws.getCell('B7').value = label
    }
    await writeFile(join(dir, 'a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', scores, mutate: labelled('vn-cchc/district-2019@1.1.0') }))
    await writeFile(join(dir, 'b.xlsx'), await filledWorkbook(pack, { unitId: 'xa-b', name: 'Xã B', scores }))
    await writeFile(join(dir, 'c.xlsx'), await filledWorkbook(pack, { unitId: 'xa-c', name: 'Xã C', scores, mutate: labelled('vn-cchc/commune-2025@1.0.0') }))
  }, 60_000)

  it('of another family is an error for that file, not scored; the others are; another edition of the family stays a warning', async () => {
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', '.', '--json'], dir)
    expect(r.code).toBe(1)
    const j = JSON.parse(r.stdout)
    expect(j.rejected).toEqual(['a.xlsx'])
    expect(j.ranking.map((u: { unitId: string }) => u.unitId).sort()).toEqual(['xa-b', 'xa-c'])
    const mm = j.issues.filter((i: { code: string }) => i.code === 'pack_mismatch').map((i: { file: string; cell: string; severity: string; message: { vi: string } }) => [i.file, i.cell, i.severity])
    expect(mm).toEqual([
      ['a.xlsx', 'B7', 'error'],
      ['c.xlsx', 'B7', 'warning'],
    ])
    expect(j.issues.find((i: { file: string; code: string }) => i.file === 'a.xlsx' && i.code === 'pack_mismatch').message.vi).toContain('không được chấm')
  }, 60_000)
})

describe('rows for units that submitted nothing', () => {
  it('name the unit by the table\'s "Tên đơn vị"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-orphans-'))
    await writeFile(join(dir, 'xa-a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', scores: { '1.1.2': 1 } }))
    await writeFile(join(dir, 'du-kien.csv'), 'Mã đơn vị,Tên đơn vị,Dữ kiện,Giá trị\nxa-son-ca,Xã Sơn Ca,reprimands,1\n')
    const survey = pack.nodes.find((n) => n.isLeaf && n.source === 'survey')!.code
    await writeFile(join(dir, 'dieu-tra.csv'), `Mã đơn vị,Tên đơn vị,Mã tiêu chí,A,B,C,D\nxa-hoa-mi,Xã Họa Mi,${survey},10,5,1,0\n`)
    const r = await chiso(['score', '--pack', 'vn-cchc/commune', '--in', 'xa-a.xlsx', '--facts', 'du-kien.csv', '--survey', 'dieu-tra.csv', '--json'], dir)
    const j = JSON.parse(r.stdout)
    const msg = (code: string) => j.issues.find((i: { code: string }) => i.code === code).message
    expect(msg('facts_without_submission').vi).toContain('"Xã Sơn Ca" (xa-son-ca)')
    expect(msg('survey_without_submission').vi).toContain('"Xã Họa Mi" (xa-hoa-mi)')
    expect(msg('survey_without_submission').en).toContain('"Xã Họa Mi" (xa-hoa-mi)')
  }, 60_000)
})
