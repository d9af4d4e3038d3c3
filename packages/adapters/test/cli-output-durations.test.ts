// One way of saying how long a command took ("9,4 giây", "850 ms"; never "9.369 ms", which
// reads as nine milliseconds), and English counts in the singular when there is one.
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDuration } from '../src/shared/locale.js'
import { chiso, filledWorkbook, fixture, GOOD, testPack } from './helpers.js'

const pack = testPack()

async function setup(periods: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chiso-durations-'))
  await copyFile(fixture('pack-commune.json'), join(dir, 'pack.json'))
  await mkdir(join(dir, 'ho-so'))
  for (const [k, period] of periods.entries()) {
    await writeFile(join(dir, 'ho-so', `xa-${k}.xlsx`), await filledWorkbook(pack, { unitId: `xa-${k}`, name: `Xã ${k}`, scores: GOOD, period, evidence: { '2.2': 'TB 5/TB-UBND' } }))
  }
  return dir
}

describe('durations', () => {
  it('seconds with a decimal comma from a second up, milliseconds below, in each language', () => {
    expect(formatDuration(9369, 'vi')).toBe('9,4 giây')
    expect(formatDuration(17347, 'vi')).toBe('17,3 giây')
    expect(formatDuration(9369, 'en')).toBe('9.4 s')
    expect(formatDuration(850, 'vi')).toBe('850 ms')
  })

  it('score says it the one way; "Read 1 file" in English', async () => {
    const dir = await setup(['2024'])
    const r = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so'], dir)
    expect(r.stdout).toMatch(/Đã đọc 1 tệp: chấm 1, không chấm được 0 \((\d{1,3} ms|\d+,\d giây)\)/)
    const en = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so', '--lang', 'en'], dir)
    expect(en.stdout).toMatch(/Read 1 file: scored 1, could not score 0 \((\d{1,3} ms|\d+\.\d s)\)/)
  })

  it('forms for two periods, one file each: "1 file", not "1 files"', async () => {
    const dir = await setup(['2023', '2024'])
    const en = await chiso(['score', '--pack', 'pack.json', '--in', 'ho-so', '--lang', 'en'], dir)
    expect(en.code).toBe(2)
    expect(en.stderr).toMatch(/2023 \(1 file, e\.g\. /)
    expect(en.stderr).not.toContain('1 files')
  })
})
