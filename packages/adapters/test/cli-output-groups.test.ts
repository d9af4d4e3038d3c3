import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compilePack } from '@chiso/core'
import { describe, expect, it } from 'vitest'
import { evaluateBatch } from '@chiso/core'
import { groupHeading } from '../src/shared/summary.js'
import { templateLayout } from '../src/xlsx/index.js'
import { chiso, filledWorkbook, GOOD, testPack } from './helpers.js'

const pack = testPack()
const layout = templateLayout(pack)

/** A folder of forms, each with its "Nhóm xếp hạng" cell as given ('' leaves it blank). */
async function folder(forms: { id: string; name: string; group: string }[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chiso-groups-'))
  const { copyFile } = await import('node:fs/promises')
  const { fixture } = await import('./helpers.js')
  await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  await mkdir(join(dir, 'in'))
  for (const f of forms) {
    const bytes = await filledWorkbook(pack, {
      unitId: f.id,
      name: f.name,
      scores: GOOD,
      evidence: { '2.2': 'Thông báo 5/TB-UBND' },
      mutate: (ws) => {
        ws.getCell(layout.cells.group).value = f.group === '' ? null : f.group
      },
    })
    await writeFile(join(dir, 'in', `${f.id}.xlsx`), bytes)
  }
  return dir
}

describe('a blank or differently written "Nhóm xếp hạng" never splits the ranking', () => {
  it('a blank cell takes the group the other forms of xã name, with a warning at the cell in both languages', async () => {
    const dir = await folder([
      { id: 'xa-a', name: 'Xã A', group: 'xa' },
      { id: 'xa-b', name: 'Xã B', group: '' },
      { id: 'xa-c', name: 'Xã C', group: 'Khối xã' },
    ])
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'in', '--json'], dir)
    const j = JSON.parse(r.stdout)
    const groups = new Set(j.ranking.map((u: { group: string }) => u.group))
    expect([...groups]).toEqual(['xa'])
    expect(j.ranking.map((u: { groupSize: number }) => u.groupSize)).toEqual([3, 3, 3])
    const w = j.issues.find((i: { code: string }) => i.code === 'group_inferred')
    expect(w).toMatchObject({ file: join('in', 'xa-b.xlsx'), cell: layout.cells.group, severity: 'warning' })
    expect(w.message.vi).toContain('Nhóm xếp hạng')
    // the group as the forms name it for people, not its code
    expect(w.message.vi).toContain('cùng nhóm "Khối xã"')
    expect(w.message.en).toContain('ranking group')
    const t = await chiso(['score', '--pack', 'pack.json', '--in', 'in'], dir)
    expect(t.stdout).not.toMatch(/nhóm all|\(nhóm/)
    expect(t.stdout).not.toMatch(/\ball\b/)
    expect(t.stderr).toContain('xa-b.xlsx › Tự đánh giá › B6')
  })

  it('a blank cell among forms of xã naming two groups is an error at the cell, and that form is not scored', async () => {
    const dir = await folder([
      { id: 'xa-a', name: 'Xã A', group: 'xa-dong-bang' },
      { id: 'xa-b', name: 'Xã B', group: '' },
      { id: 'xa-c', name: 'Xã C', group: 'xa-mien-nui' },
    ])
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'in', '--json'], dir)
    const j = JSON.parse(r.stdout)
    expect(j.ranking.map((u: { unitId: string }) => u.unitId).sort()).toEqual(['xa-a', 'xa-c'])
    const e = j.issues.find((i: { code: string }) => i.code === 'group_ambiguous')
    expect(e).toMatchObject({ file: join('in', 'xa-b.xlsx'), cell: layout.cells.group, severity: 'error' })
    expect(e.message.vi).toContain('"xa-dong-bang"; "xa-mien-nui"')
    expect(j.rejected).toEqual([join('in', 'xa-b.xlsx')])
    expect(r.code).not.toBe(0)
  })

  it('no group anywhere leaves one ranking and no warning', async () => {
    const dir = await folder([
      { id: 'xa-a', name: 'Xã A', group: '' },
      { id: 'xa-b', name: 'Xã B', group: '' },
    ])
    const j = JSON.parse((await chiso(['score', '--pack', 'pack.json', '--in', 'in', '--json'], dir)).stdout)
    expect(j.ranking.map((u: { groupSize: number }) => u.groupSize)).toEqual([2, 2])
    expect(j.issues.filter((i: { code: string }) => i.code.startsWith('group_'))).toEqual([])
  })

  it('a group heading never shows the code "all"', () => {
    const p = compilePack({ ...JSON.parse(JSON.stringify(pack.source)) })
    const batch = evaluateBatch(p, [
      { unitId: 'xa-a', period: '2024', unit: { id: 'xa-a', name: 'Xã A', kind: 'commune' }, selfScores: {} },
      { unitId: 'xa-b', period: '2024', group: 'xa', unit: { id: 'xa-b', name: 'Xã B', kind: 'commune', group: 'xa' }, selfScores: {} },
    ])
    expect(groupHeading(batch, 'all')).toBe('Khối xã (không ghi nhóm)')
    expect(groupHeading(batch, 'all', 'en')).toBe('Communes (no group given)')
  })
})

describe('the blank template', () => {
  it('says at the "Nhóm xếp hạng" cell what a blank group does, in both languages', async () => {
    const { writeTemplateWorkbook } = await import('../src/xlsx/index.js')
    const { loadWorkbook } = await import('./helpers.js')
    const ws = (await loadWorkbook(await writeTemplateWorkbook(pack, { period: '2024' }))).getWorksheet(layout.sheet)!
    const note = String(ws.getCell(layout.cells.group).note)
    expect(note).toContain('Để trống: đơn vị được xếp cùng nhóm với các biểu cùng loại đơn vị')
    expect(note).toContain('Left blank: the unit ranks with the forms of its kind of unit')
  })
})
