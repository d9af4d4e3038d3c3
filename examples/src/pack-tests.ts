// Pack tests (docs/pack-tests.md): every shipped pack carries its scenario tests beside it
// (packs/<pack file>.test.yaml); `chiso test` runs them all. Then a province officer's own
// case, written as data and run through the core runner — once right, once with a wrong
// expectation, to show what a failure says.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { runPackTests } from '@chiso/core/analysis'
import { run } from '@chiso/adapters/cli'
import { vnCchc } from '@chiso/rules-vn-cchc'

const packsDir = join(dirname(createRequire(import.meta.url).resolve('@chiso/rules-vn-cchc/package.json')), 'packs')

// 1. the tests of every shipped pack, as CI runs them
const code = await run(['test', packsDir])
if (code !== 0) throw new Error(`chiso test failed with exit code ${code}`)

// 2. a case as a province officer writes it (here as the object the YAML file parses to)
const file = {
  pack: 'vn-cchc/commune-2019',
  cases: [
    {
      name: 'Kế hoạch ban hành muộn được 0,5 điểm',
      source: "par-index.md: 'annual reform plan issued: on time 1, late 0.5, not issued 0'",
      assessment: { facts: { planIssued: 'late' }, evidence: [{ id: 'kh', number: '15/KH-UBND', criteria: ['1.1.1'] }] },
      expect: { nodes: { '1.1.1': '0,5' } },
    },
    {
      name: 'Một kỳ vọng sai: kế hoạch muộn mà mong đợi đủ 1 điểm',
      assessment: { facts: { planIssued: 'late' }, evidence: [{ id: 'kh', number: '15/KH-UBND', criteria: ['1.1.1'] }] },
      expect: { nodes: { '1.1.1': 1 } },
    },
  ],
}
const report = runPackTests(vnCchc.compile(file.pack), file)
console.log(`\nTrường hợp của tỉnh: ${report.passed}/${report.cases.length} đạt`)
for (const c of report.cases) {
  console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}`)
  for (const f of c.failures) console.log(`      ${f.message.vi}`)
}
if (report.passed !== 1 || report.cases[1]!.failures[0]?.node !== '1.1.1') throw new Error('the wrong expectation must fail, naming criterion 1.1.1')
