// The analyses from the command line, on the sample province (invented names and scores:
// "dữ liệu mẫu"): results saved as `chiso score --save` writes them, then
//   chiso compare      — year over year across the 2025 merger ("tăng 2 bậc", "2 năm liền …")
//   chiso sensitivity  — each unit's rank interval when area weights vary ±10 %
//   chiso diff         — what changed between the 2019 and 2025 commune packs
//   chiso diff --patches and chiso test — a province pack that extends the 2025 pack, its
//                        patches against the base, and its own test file beside it
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluateBatch } from '@chiso/core'
import { run } from '@chiso/adapters/cli'
import { generateSampleProvince, vnCchc } from '@chiso/rules-vn-cchc'

const dir = await mkdtemp(join(tmpdir(), 'chiso-example-'))
const sample = generateSampleProvince({ seed: 2025, years: [2023, 2024, 2025] })
console.log(`${sample.province.name}: tên và điểm số đều là dữ liệu mẫu\n`)

const saved: string[] = []
for (const y of sample.years) {
  const p = y.packs.find((x) => x.family === 'vn-cchc/department')!
  const batch = evaluateBatch(vnCchc.compile(p.packId), p.assessments)
  const file = `ket-qua-so-${y.year}.json`
  await writeFile(join(dir, file), JSON.stringify({ kind: 'chiso.result-records', records: batch.units.map((u) => u.result.toJSON()) }))
  saved.push(file)
}

const chiso = async (args: string[]): Promise<void> => {
  console.log(`\n$ chiso ${args.join(' ')}`)
  const code = await run(args, { cwd: dir })
  if (code !== 0) throw new Error(`chiso ${args[0]} failed with exit code ${code}`)
}

await chiso(['compare', ...saved])
await chiso(['sensitivity', '--records', saved[1]!, '--draws', '500', '--seed', '7'])
await chiso(['diff', 'vn-cchc/commune-2019', 'vn-cchc/commune-2025'])

// a province pack on top of the 2025 commune pack, and its test file beside it
const province = {
  id: 'hong-lam/commune',
  version: '1.0.0',
  family: 'hong-lam/commune',
  title: { vi: 'Chỉ số CCHC cấp xã tỉnh Hồng Lam (dữ liệu mẫu)', en: 'Hồng Lam commune PAR index (sample data)' },
  status: 'reconstructed',
  note: 'Sample province pack for the example: reconstructed, not an official text.',
  extends: { id: 'vn-cchc/commune-2025', version: '1.1.0' },
  patches: [
    {
      op: 'setRule',
      code: '7.2.1',
      rule: {
        kind: 'steps',
        fact: 'onlineDossierPercent',
        steps: [
          { min: 90, points: 2 },
          { min: 70, points: 1.5 },
          { min: 50, points: 1 },
        ],
        otherwise: 0,
      },
    },
    { op: 'neutralise', code: '7.5', reason: 'Tỉnh chưa chấm tiêu chí này năm 2025' },
  ],
}
await writeFile(join(dir, 'hong-lam.commune.json'), JSON.stringify(province, null, 2))
await writeFile(
  join(dir, 'hong-lam.commune.test.yaml'),
  `# Kiểm thử bộ chỉ số cấp xã của tỉnh (dữ liệu mẫu)
pack: hong-lam/commune
cases:
  - name: Ngưỡng dịch vụ công trực tuyến của tỉnh (90 / 70 / 50)
    assessment:
      facts: { onlineDossierPercent: 75 }
    expect:
      nodes:
        # 75 ≥ 70 → 1,5
        "7.2.1": 1,5
        "7.5":
          notApplicable: true
`,
)
await chiso(['diff', '--patches', 'hong-lam.commune.json'])
await chiso(['test', '.'])
