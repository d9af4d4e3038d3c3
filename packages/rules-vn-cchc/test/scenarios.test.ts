/**
 * The Vietnamese packs' scenarios. Each pack ships its scenario tests as data beside it
 * (`packs/<pack file>.test.yaml`, the case format of docs/pack-tests.md): the expected
 * figures worked out by hand, the arithmetic in the file's comments, each case citing the
 * line of the facts file (/work/shared/domain/par-index.md) or the rule it comes from. This
 * file loads every one of them and runs it through the core runner (`runPackTests`), so a
 * province that copies a pack copies its tests, and another implementation can run the
 * same cases.
 *
 * What stays in TypeScript, and why: the published parts of Quảng Ninh and Hải Phòng 2020
 * are not a scenario but a property of the pack's structure — the assessment is derived
 * from the pack (every self-assessed leaf of areas 1–7 filled from the top down until the
 * published part is reached) and the check is that the pack can hold those parts; written
 * out as data it would be some 80 opaque per-leaf numbers that no longer show how they were
 * made. The 766 case's trace check (the reported average time is read and shown) asserts on
 * the trace, which the case format does not describe.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluate, Exact, type AssessmentInput } from '@chiso/core'
import { runPackTests } from '@chiso/core/analysis'
import { packs, vnCchc } from '@chiso/rules-vn-cchc'
import { describe, expect, it } from 'vitest'
import { parsePackTestText } from '../../adapters/src/cli/pack-test-files.js'

const packDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'packs')
const testFiles = readdirSync(packDir)
  .filter((f) => f.endsWith('.test.yaml'))
  .sort()
const read = (f: string): { pack: string; cases: { name: string; assessment?: Record<string, unknown> }[] } => {
  const r = parsePackTestText(readFileSync(join(packDir, f), 'utf8'), f)
  expect(r.issues).toEqual([])
  return r.data as { pack: string; cases: { name: string; assessment?: Record<string, unknown> }[] }
}
const run = (id: string, a: Omit<AssessmentInput, 'unitId' | 'period'>) => evaluate(vnCchc.compile(id), { unitId: 'don-vi-mau', period: '2024', ...a })

describe('scenario files beside the packs', () => {
  it('every shipped pack has its test file, named after the pack file, and no test file is orphaned', () => {
    const packFiles = readdirSync(packDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
    expect(testFiles).toEqual(packFiles.map((f) => f.replace(/\.json$/, '.test.yaml')))
    for (const f of testFiles) {
      const pack = JSON.parse(readFileSync(join(packDir, f.replace(/\.test\.yaml$/, '.json')), 'utf8')) as { id: string }
      expect(read(f).pack, f).toBe(pack.id)
    }
    expect(packs).toHaveLength(testFiles.length)
  })

  const cases = testFiles.flatMap((f) => {
    const file = read(f)
    return file.cases.map((c, i) => [`${file.pack}: ${c.name}`, f, i] as const)
  })

  it.each(cases)('%s', (_name, f, i) => {
    const file = read(f)
    const report = runPackTests(vnCchc.compile(file.pack), file)
    const c = report.cases[i]!
    expect(c.failures.map((x) => x.message.en)).toEqual([])
    // every expectation written was compared
    expect(c.checks).toBeGreaterThan(0)
  })

  it('a changed expectation in a shipped file fails, naming its node', () => {
    const file = read('vn-cchc.commune-2019.test.yaml') as unknown as { pack: string; cases: { expect: { nodes: Record<string, unknown> } }[] }
    file.cases[0]!.expect.nodes['3.2.1'] = '2,9676'
    const c = runPackTests(vnCchc.compile(file.pack), file).cases[0]!
    expect(c.failures.map((x) => [x.node, x.expected, x.got])).toEqual([['3.2.1', '2,9676', '2.9675']])
  })

  // facts file, corrections: 766/QĐ-TTg "group 2 (…, 20): tỷ lệ hồ sơ giải quyết đúng hạn (20); thời
  // gian giải quyết TTHC trung bình theo từng TTHC (reported)"
  it('vn-766/service-2022: the reported average time is read and shown in the trace, with no points', () => {
    const file = read('vn-766.service-2022.test.yaml')
    const r = evaluate(vnCchc.compile(file.pack), file.cases[0]!.assessment, { trace: true })
    const avg = r.node('2.2')!
    expect([avg.points.toString(), avg.applicableMax.toString()]).toEqual(['0', '0'])
    expect(avg.trace?.facts).toEqual({ averageProcessingDays: 2.4 })
  })
})

describe('national provincial editions', () => {
  // facts file, corrections: "The survey part is large: Quảng Ninh 2020 = 57.66 appraised + 9.56
  // SIPAS + 18.83 leaders' and officials' survey + 5 impact" and "Published 2020 provincial scores
  // split into parts: … Hải Phòng 58.71 + 9.35 + 19.45 + 3 = 90.51". The pack of this era must be
  // able to hold the published parts (the old one, with 11.25 survey points, could not).
  it.each([
    // the published parts are each rounded to two decimals: they add to 91.05 against the published 91.04
    ['Quảng Ninh 2020', { appraised: '57.66', sipas: '9.56', survey: '18.83', impact: '5', total: '91.05', published: '91.04' }],
    ['Hải Phòng 2020', { appraised: '58.71', sipas: '9.35', survey: '19.45', impact: '3', total: '90.51', published: '90.51' }],
  ] as const)('vn-cchc/province-2017 holds the published parts of %s', (_name, parts) => {
    const pack = vnCchc.compile('vn-cchc/province-2017')
    const leaves = pack.nodes.filter((n) => n.isLeaf)
    const inArea = (n: (typeof leaves)[number], areas: string[]) => areas.includes(n.code.split('.')[0]!)
    // appraised part: every self-assessed leaf of areas 1–7 (63.5 points), scored from the top
    // down until the part is reached; the leaders' survey the same over its survey leaves (21);
    // SIPAS over 8.1.x (10); impact over 8.2 and 8.3 (5.5)
    const fill = (codes: string[], amount: string): Record<string, string> => {
      let left = Exact.from(amount)
      const out: Record<string, string> = {}
      for (const c of codes) {
        const m = pack.node(c)!.maxPoints
        const give = left.gt(m) ? m : left
        out[c] = give.toString()
        left = left.sub(give)
      }
      expect(left.isZero()).toBe(true)
      return out
    }
    const self = leaves.filter((n) => n.source === 'self' && inArea(n, ['1', '2', '3', '4', '5', '6', '7'])).map((n) => n.code)
    const survey = leaves.filter((n) => n.source === 'survey' && inArea(n, ['1', '2', '3', '4', '5', '6', '7'])).map((n) => n.code)
    const sipas = ['8.1.1', '8.1.2', '8.1.3']
    expect(self.reduce((x, c) => x.add(pack.node(c)!.maxPoints), Exact.ZERO).toString()).toBe('63.5')
    expect(survey.reduce((x, c) => x.add(pack.node(c)!.maxPoints), Exact.ZERO).toString()).toBe('21')
    const toSurvey = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { points: v }]))
    const r = run('vn-cchc/province-2017', {
      selfScores: { ...fill(self, parts.appraised), ...fill(['8.2', '8.3'], parts.impact) },
      survey: { ...toSurvey(fill(survey, parts.survey)), ...toSurvey(fill(sipas, parts.sipas)) },
    })
    expect(r.node('8.1')!.points.toString()).toBe(parts.sipas)
    expect(r.total.toString()).toBe(parts.total)
    expect(r.index.toString()).toBe(parts.total)
    expect(Number(r.total.sub(Exact.from(parts.published)).toString())).toBeLessThanOrEqual(0.01)
    expect(r.node('8.2')!.points.add(r.node('8.3')!.points).toString()).toBe(parts.impact)
  })
})
