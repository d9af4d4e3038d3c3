/**
 * A pack that `extends` a pack not shipped with chiso (a province's own earlier pack, the
 * guide's template): the base is found among the pack files given and the pack files
 * beside the extending one, in validate, template, score, test and diff; and records
 * saved under a province pack are read back with --pack (report, recalc, compare,
 * sensitivity), with a clear word when the pack is missing.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRegistry, evaluateBatch } from '@chiso/core'
import { generateSampleProvince, packs as shipped } from '@chiso/rules-vn-cchc'
import { beforeAll, describe, expect, it } from 'vitest'
import { chiso } from './helpers.js'
import { writeFilledWorkbook } from '../src/xlsx/index.js'

const guideDir = fileURLToPath(new URL('../../../docs/guides/examples/', import.meta.url))

/** A province's 2024 pack on the national commune pack, and an amendment extending it. */
const P2024 = {
  id: 'hong-lam/commune-2024',
  version: '1.0.0',
  family: 'hong-lam/commune',
  title: { vi: 'Bộ chỉ số CCHC cấp xã tỉnh Hồng Lam năm 2024', en: 'Hong Lam commune PAR index 2024' },
  status: 'reconstructed',
  effective: { from: '2024-01-01', to: '2024-12-31' },
  extends: { id: 'vn-cchc/commune-2019', version: '1.1.0' },
  patches: [{ op: 'neutralise', code: '6.3.2', reason: 'Tỉnh không chấm tiêu chí này năm 2024' }],
}
const P2024B = {
  id: 'hong-lam/commune-2024b',
  version: '1.0.0',
  family: 'hong-lam/commune',
  title: { vi: 'Bộ chỉ số CCHC cấp xã tỉnh Hồng Lam năm 2024 (sửa đổi)', en: 'Hong Lam commune PAR index 2024 (amended)' },
  status: 'reconstructed',
  effective: { from: '2024-01-01', to: '2024-12-31' },
  extends: { id: 'hong-lam/commune-2024', version: '1.0.0' },
  patches: [{ op: 'neutralise', code: '1.1.1', reason: 'Sửa đổi' }],
}

let dir: string
const registry = createRegistry([...shipped, P2024, P2024B])
const sample = generateSampleProvince({ seed: 5, years: [2023, 2024] })
const communes = (year: number) =>
  sample.years
    .find((y) => y.year === year)!
    .packs.find((p) => p.family === 'vn-cchc/commune')!
    .assessments.slice(0, 4)
const records = (packId: string, year: number): string => {
  const batch = evaluateBatch(registry.compile(packId), communes(year))
  return JSON.stringify({ kind: 'chiso.result-records', records: batch.units.map((u) => u.result.toJSON()) })
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-packs-extends-'))
  await mkdir(join(dir, 'packs'))
  await mkdir(join(dir, 'alone'))
  await mkdir(join(dir, 'forms'))
  await writeFile(join(dir, 'packs', 'hong-lam.commune-2024.json'), JSON.stringify(P2024))
  await writeFile(join(dir, 'packs', 'hong-lam.commune-2024b.json'), JSON.stringify(P2024B))
  // the amendment alone in its folder: its base only when given too
  await writeFile(join(dir, 'alone', 'hong-lam.commune-2024b.json'), JSON.stringify(P2024B))
  for (const a of communes(2024)) await writeFile(join(dir, 'forms', `${a.unitId}.xlsx`), await writeFilledWorkbook(registry.compile('hong-lam/commune-2024b'), a))
  await writeFile(join(dir, 'ket-qua-2023.json'), records('vn-cchc/commune-2019', 2023))
  await writeFile(join(dir, 'ket-qua-2024.json'), records('hong-lam/commune-2024', 2024))
  await writeFile(join(dir, 'ket-qua-2024b.json'), records('hong-lam/commune-2024b', 2024))
})

describe('a pack extending a pack that is not shipped', () => {
  it("the guide's own example command validates both packs (cd docs/guides/examples && chiso validate national-commune.json province-commune.json)", async () => {
    // the guide shows the commands this test runs
    for (const lang of ['vi', 'en']) {
      const guide = await readFile(join(guideDir, '..', `province-pack.${lang}.md`), 'utf8')
      expect(guide).toContain('cd docs/guides/examples\nchiso validate national-commune.json province-commune.json\nchiso template province-commune.json --year 2024 -o ')
    }
    const r = await chiso(['validate', 'national-commune.json', 'province-commune.json'], guideDir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('✓ province-commune.json: guide/hong-lam-commune@1.0.0 hợp lệ')
    // the base beside it is found without being named
    const alone = await chiso(['--lang', 'en', 'validate', 'province-commune.json'], guideDir)
    expect(alone.code).toBe(0)
    expect(alone.stdout).toContain('✓ province-commune.json: guide/hong-lam-commune@1.0.0 is valid')
    const t = await chiso(['template', 'province-commune.json', '--year', '2024', '-o', join(dir, 'bieu-mau.xlsx')], guideDir)
    expect(t.stderr).toBe('')
    expect(t.code).toBe(0)
    expect(t.stdout).toContain('Đã ghi biểu guide/hong-lam-commune@1.0.0')
  })

  it('validate: the base given as another file, or beside the pack; without either, where chiso looked and what to do, in the language asked for', async () => {
    const both = await chiso(['validate', 'alone/hong-lam.commune-2024b.json', 'packs/hong-lam.commune-2024.json'], dir)
    expect(both.code).toBe(0)
    expect(both.stdout).toContain('✓ alone/hong-lam.commune-2024b.json: hong-lam/commune-2024b@1.0.0 hợp lệ')
    const beside = await chiso(['validate', 'packs/hong-lam.commune-2024b.json'], dir)
    expect(beside.code).toBe(0)
    const vi = await chiso(['validate', 'alone/hong-lam.commune-2024b.json'], dir)
    expect(vi.code).toBe(1)
    expect(vi.stdout).toContain('Không tìm thấy bộ chỉ số gốc hong-lam/commune-2024@1.0.0')
    expect(vi.stdout).toContain('các tệp .json cùng thư mục (alone)')
    expect(vi.stdout).toContain('[base_pack_missing]')
    expect(vi.stdout).not.toContain('bộ tiêu chí')
    expect(vi.stdout).not.toMatch(/not found|Base pack/)
    const en = await chiso(['--lang', 'en', 'validate', 'alone/hong-lam.commune-2024b.json'], dir)
    expect(en.stdout).toContain('Base pack hong-lam/commune-2024@1.0.0 not found')
    expect(en.stdout).not.toContain('Không')
  })

  it('two different files beside the pack holding its base are named, not chosen at random', async () => {
    const d = join(dir, 'twice')
    await mkdir(d)
    await writeFile(join(d, 'b.json'), JSON.stringify(P2024B))
    await writeFile(join(d, 'a1.json'), JSON.stringify(P2024))
    await writeFile(join(d, 'a2.json'), JSON.stringify({ ...P2024, title: { vi: 'Bản khác', en: 'Another copy' } }))
    const r = await chiso(['validate', 'twice/b.json'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Bộ chỉ số gốc hong-lam/commune-2024@1.0.0 có trong nhiều tệp khác nhau (twice/a1.json, twice/a2.json)')
    // the one given on the command line decides
    const given = await chiso(['validate', 'twice/b.json', 'twice/a2.json'], dir)
    expect(given.code).toBe(0)
  })

  it('template and score find the base beside the pack', async () => {
    const t = await chiso(['template', 'packs/hong-lam.commune-2024b.json', '--year', '2024', '-o', 'bieu.xlsx'], dir)
    expect(t.stderr).toBe('')
    expect(t.code).toBe(0)
    expect(t.stdout).toContain('Đã ghi biểu hong-lam/commune-2024b@1.0.0')
    const s = await chiso(['score', '--pack', 'packs/hong-lam.commune-2024b.json', '--in', 'forms', '--save', 'scored.json', '--json'], dir)
    expect(s.code, s.stderr).toBe(0)
    expect(JSON.parse(s.stdout).pack.id).toBe('hong-lam/commune-2024b')
  })

  it('test: a test file names the pack beside it, whose base is beside it too', async () => {
    await writeFile(
      join(dir, 'packs', 'hong-lam.commune-2024b.test.yaml'),
      'pack: hong-lam/commune-2024b\ncases:\n  - name: 1.1.1 và 6.3.2 không áp dụng\n    assessment:\n      facts: {}\n    expect:\n      nodes:\n        "1.1.1":\n          notApplicable: true\n        "6.3.2":\n          notApplicable: true\n',
    )
    const r = await chiso(['test', 'packs/hong-lam.commune-2024b.test.yaml'], dir)
    expect(r.stdout).toContain('hong-lam/commune-2024b@1.0.0')
    expect(r.stdout).toContain('1 đạt, 0 không đạt')
    expect(r.code).toBe(0)
  })

  it('diff --patches finds the base beside the pack', async () => {
    const r = await chiso(['diff', '--patches', 'packs/hong-lam.commune-2024b.json'], dir)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('hong-lam/commune-2024b@1.0.0 kế thừa hong-lam/commune-2024@1.0.0')
  })
})

describe('records saved under a province pack', () => {
  it('recalc, compare and sensitivity read them with --pack, the base found beside; without it each says which pack is missing and that --pack supplies it', async () => {
    for (const args of [
      ['recalc', 'ket-qua-2024b.json'],
      ['compare', 'ket-qua-2024b.json'],
      ['sensitivity', '--records', 'ket-qua-2024b.json', '--draws', '20'],
    ]) {
      const missing = await chiso(args, dir)
      const all = missing.stdout + missing.stderr
      expect(missing.code, args[0]).not.toBe(0)
      expect(all, args[0]).toContain('Bản ghi được chấm theo bộ chỉ số hong-lam/commune-2024b@1.0.0, không có sẵn trong chiso')
      expect(all, args[0]).toContain('hãy đưa tệp JSON của bộ chỉ số đó bằng --pack <tệp>')
      expect(all, args[0]).not.toContain('bộ tiêu chí')
      const en = await chiso(['--lang', 'en', ...args], dir)
      expect(en.stdout + en.stderr, args[0]).toContain('give its JSON file with --pack <file>')
      expect(en.stdout + en.stderr, args[0]).not.toContain('Bản ghi')
      const ok = await chiso([...args, '--pack', 'packs/hong-lam.commune-2024b.json'], dir)
      expect(ok.code, `${args[0]}: ${ok.stderr}`).toBe(0)
      expect(ok.stdout, args[0]).toContain(args[0] === 'recalc' ? '4/4 bản ghi trùng khớp' : 'hong-lam/commune-2024b@1.0.0')
    }
  })
})

describe('a report from records saved under a province pack', () => {
  it('report --records reads them with --pack (the base found beside); without it, which pack is missing and that --pack supplies it, in one language', async () => {
    const missing = await chiso(['report', '--records', 'ket-qua-2024b.json', '-o', 'r-missing.html', '--no-sensitivity'], dir)
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain('Bản ghi được chấm theo bộ chỉ số hong-lam/commune-2024b@1.0.0, không có sẵn trong chiso')
    expect(missing.stderr).toContain('hãy đưa tệp JSON của bộ chỉ số đó bằng --pack <tệp>')
    // Vietnamese alone: no line says the same again in English
    expect(missing.stderr).not.toMatch(/invalid record|records unusable/)
    const en = await chiso(['--lang', 'en', 'report', '--records', 'ket-qua-2024b.json', '-o', 'r-missing.html', '--no-sensitivity'], dir)
    expect(en.stderr).toContain('give its JSON file with --pack <file>')
    expect(en.stderr).not.toMatch(/bản ghi|Bản ghi/)
    const ok = await chiso(['report', '--records', 'ket-qua-2024b.json', '--pack', 'packs/hong-lam.commune-2024b.json', '-o', 'r.html', '--no-sensitivity'], dir)
    expect(ok.code, ok.stderr).toBe(0)
    const html = await readFile(join(dir, 'r.html'), 'utf8')
    expect(html).toContain('hong-lam/commune-2024b')
  }, 60_000)
})
