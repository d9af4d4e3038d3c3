// Vietnamese output reads like an official report: no English inside it, facts by name,
// a ratio criterion's target as the rate to reach.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Exact } from '@chiso/core'
import type { PlanStep } from '@chiso/core/analysis'
import { describe, expect, it } from 'vitest'
import { stepTarget } from '../src/shared/plan-target.js'
import { templateLayout } from '../src/xlsx/index.js'
import { chiso, filledWorkbook, fixture, GOOD, testPack } from './helpers.js'

const pack = testPack()
const layout = templateLayout(pack)

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chiso-wording-'))
  await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  await mkdir(join(dir, 'in'))
  const bytes = await filledWorkbook(pack, {
    unitId: 'xa-a',
    name: 'Xã A',
    scores: { ...GOOD, '2.1': 2 },
    evidence: { '2.2': 'Thông báo 5/TB-UBND' },
    // an appraised score with no reason beside it
    mutate: (ws, rowOf) => {
      ws.getCell(layout.headerRow, 8).value = 'Điểm thẩm định'
      ws.getCell(rowOf('1.4.2'), 8).value = 1
    },
  })
  await writeFile(join(dir, 'in', 'xa-a.xlsx'), bytes)
  return dir
}

describe('no English in Vietnamese output, no fact ids', () => {
  it('an appraised score without a reason is said in the output language only', async () => {
    const dir = await folder()
    const vi = await chiso(['explain', 'xa-a', '--pack', 'pack.json', '--in', 'in'], dir)
    expect(vi.stdout).toContain('thẩm định vòng 1')
    expect(vi.stdout).toContain('— Điểm thẩm định ghi trong biểu, không ghi lý do')
    expect(vi.stdout).not.toContain('appraised score')
    expect(vi.stdout).not.toContain('(fingerprint)')
    const en = await chiso(['explain', 'xa-a', '--pack', 'pack.json', '--in', 'in', '--lang', 'en'], dir)
    expect(en.stdout).toContain('— Appraised score written in the form, no reason given')
    expect(en.stdout).not.toContain('Điểm thẩm định')
  })

  it('plan names the rate to reach on a ratio criterion, not a score to type', async () => {
    const dir = await folder()
    const r = await chiso(['plan', 'xa-a', '--pack', 'pack.json', '--in', 'in', '--band', 'xuat-sac'], dir)
    const at = r.stdout.indexOf('2.1 Tỷ lệ hồ sơ giải quyết đúng hạn')
    expect(at).toBeGreaterThan(0)
    const block = r.stdout.slice(at, at + 300)
    expect(block).toMatch(/Mức cần đạt: đạt tỷ lệ \d+% \(\d+(,\d+)? điểm\)/)
    expect(block).not.toContain('tự chấm 4 điểm')
  })

  it('a fact in a target is named by its title, never by its id', () => {
    const step = {
      code: '1.2',
      target: { vi: 'completion > 90', en: 'completion > 90' },
      change: { facts: { completion: 91 } },
      maxPoints: Exact.from(2),
    } as unknown as PlanStep
    expect(stepTarget(pack, step, 'vi')).toBe('Mức độ hoàn thành kế hoạch > 90')
  })
})
