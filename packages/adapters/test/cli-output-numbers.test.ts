// Numbers in Vietnamese messages: decimal commas everywhere (the --json messages too), and a
// list of allowed scores separated by ";" so "1,5" is never read as two values.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chiso, filledWorkbook, fixture, GOOD, testPack } from './helpers.js'

const pack = testPack()

describe('numbers in problems', () => {
  it('allowed scores are listed with ";" and every decimal takes a comma, in the terminal and in --json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-numbers-'))
    await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
    await mkdir(join(dir, 'in'))
    await writeFile(join(dir, 'in', 'xa-a.xlsx'), await filledWorkbook(pack, { unitId: 'xa-a', name: 'Xã A', scores: { ...GOOD, '1.1': 0.3, '1.4.1': 0.3 } }))
    const j = JSON.parse((await chiso(['score', '--pack', 'pack.json', '--in', 'in', '--json'], dir)).stdout)
    const allowed = j.issues.find((i: { code: string }) => i.code === 'score_not_allowed')
    expect(allowed.message.vi).toBe('Điểm 0,3 của "1.1" không thuộc các mức cho phép: 0; 0,5; 1')
    expect(allowed.message.en).toContain('0.3')
    const step = j.issues.find((i: { code: string }) => i.code === 'score_not_multiple_of_step')
    expect(step.message.vi).toContain('0,3')
    expect(step.message.vi).toContain('0,25')
    expect(step.message.vi.replace(/"[^"]*"/g, '')).not.toMatch(/\d\.\d/)
    const t = await chiso(['score', '--pack', 'pack.json', '--in', 'in'], dir)
    expect(t.stdout + t.stderr).toContain('không thuộc các mức cho phép: 0; 0,5; 1')
  })
})
