// The W1 workload: one pack with 100 scored leaves (steps, ratio, choice, conditions in
// equal parts), a deduction and a bonus with caps, and 3,321 seeded commune assessments
// (one national year of communes). Same seed → same data.
import { seededRandom } from '@chiso/core/analysis'

export const AREAS = 10
export const LEAVES_PER_AREA = 10

/** leaf kind by position: 0 steps, 1 ratio, 2 choice, 3 conditions */
export const leafKind = (l) => l % 4

/**
 * The pack. `leafDecimals` declares leaf rounding (real scoring sheets record points with two
 * decimals); without it ratio points stay exact fractions.
 */
export function benchPack({ leafDecimals } = { leafDecimals: 2 }) {
  const criteria = []
  for (let a = 1; a <= AREAS; a++) {
    const children = []
    for (let l = 1; l <= LEAVES_PER_AREA; l++) {
      const code = `${a}.${l}`
      let rule
      switch (leafKind(l)) {
        case 0:
          rule = {
            kind: 'steps',
            fact: `f${a}_${l}`,
            steps: [
              { min: 90, minExclusive: true, points: 1 },
              { min: 70, points: 0.5 },
            ],
          }
          break
        case 1:
          rule = { kind: 'ratio', numerator: `n${a}_${l}`, denominator: `d${a}_${l}` }
          break
        case 2:
          rule = {
            kind: 'choice',
            fact: `c${a}_${l}`,
            options: [
              { value: 'on-time', points: 1 },
              { value: 'late', points: 0.5 },
              { value: 'none', points: 0 },
            ],
          }
          break
        default:
          rule = {
            kind: 'conditions',
            branches: [
              {
                when: {
                  all: [
                    { fact: `x${a}_${l}`, operator: 'greaterThanInclusive', value: 4 },
                    { fact: `y${a}_${l}`, operator: 'equal', value: true },
                  ],
                },
                points: 1,
                label: 'đủ',
              },
              { when: { any: [{ fact: `x${a}_${l}`, operator: 'greaterThanInclusive', value: 2 }] }, points: 0.5, label: 'một phần' },
            ],
            otherwise: 0,
          }
      }
      children.push({ code, title: `Tiêu chí ${code}`, maxPoints: 1, rule })
    }
    criteria.push({ code: String(a), title: `Lĩnh vực ${a}`, maxPoints: LEAVES_PER_AREA, children })
  }
  const pack = {
    id: 'bench/commune-100',
    version: '1.0.0',
    title: 'Benchmark pack: 100 scored leaves',
    scale: AREAS * LEAVES_PER_AREA,
    criteria,
    adjustments: [
      { id: 'bao-cao-tre', type: 'deduction', title: 'Báo cáo trễ', amount: { kind: 'per', fact: 'lateReports', points: 0.5 }, cap: 2 },
      { id: 'sang-kien', type: 'bonus', title: 'Sáng kiến', amount: { kind: 'fixed', points: 1, when: { all: [{ fact: 'innovation', operator: 'equal', value: true }] } }, cap: 1 },
    ],
    bands: [
      { code: 'xuat-sac', label: 'Xuất sắc', min: 90 },
      { code: 'tot', label: 'Tốt', min: 80 },
      { code: 'kha', label: 'Khá', min: 70 },
      { code: 'trung-binh', label: 'Trung bình', min: 50 },
      { code: 'yeu', label: 'Yếu', min: 0 },
    ],
  }
  if (leafDecimals !== undefined) pack.rounding = { leaf: { decimals: leafDecimals, mode: 'half-up' } }
  return pack
}

/** `count` seeded assessments for one period. */
export function benchAssessments(count = 3321, seed = 2024, period = '2024') {
  const rnd = seededRandom(seed)
  const out = new Array(count)
  for (let u = 0; u < count; u++) {
    const facts = { lateReports: Math.floor(rnd() * 6), innovation: rnd() < 0.3 }
    for (let a = 1; a <= AREAS; a++) {
      for (let l = 1; l <= LEAVES_PER_AREA; l++) {
        switch (leafKind(l)) {
          case 0:
            facts[`f${a}_${l}`] = Math.round(500 + rnd() * 500) / 10
            break
          case 1: {
            const d = 20 + Math.floor(rnd() * 600)
            facts[`d${a}_${l}`] = d
            facts[`n${a}_${l}`] = d - Math.floor(rnd() * Math.min(d, 40))
            break
          }
          case 2:
            facts[`c${a}_${l}`] = rnd() < 0.7 ? 'on-time' : rnd() < 0.7 ? 'late' : 'none'
            break
          default:
            facts[`x${a}_${l}`] = Math.floor(rnd() * 6)
            facts[`y${a}_${l}`] = rnd() < 0.8
        }
      }
    }
    out[u] = { unitId: `xa-${String(u + 1).padStart(5, '0')}`, period, group: `tinh-${(u % 34) + 1}`, facts }
  }
  return out
}
