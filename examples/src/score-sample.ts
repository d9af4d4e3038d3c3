// The README's main job on embedded defaults: scores a small sample set of communes under
// a small commune pack and prints the ranking table with bands.
import { compilePack, evaluateBatch, reconstructionSummary, type AssessmentInput, type Exact } from '@chiso/core'

const pack = compilePack({
  id: 'sample/commune',
  version: '1.0.0',
  title: { vi: 'Bộ chỉ số CCHC cấp xã (mẫu)', en: 'Commune PAR index (sample)' },
  status: 'reconstructed',
  note: 'A small illustrative pack; leaf shapes follow the facts file, maxima are assumed.',
  scale: 20,
  criteria: [
    {
      code: '1',
      title: { vi: 'Chỉ đạo, điều hành', en: 'Direction' },
      maxPoints: 6,
      children: [
        {
          code: '1.1',
          title: 'Kế hoạch CCHC năm',
          maxPoints: 2,
          rule: {
            kind: 'choice',
            fact: 'plan',
            options: [
              { value: 'on-time', points: 2 },
              { value: 'late', points: 1 },
              { value: 'none', points: 0 },
            ],
          },
        },
        {
          code: '1.2',
          title: 'Hoàn thành kế hoạch',
          maxPoints: 2,
          rule: {
            kind: 'steps',
            fact: 'completion',
            steps: [
              { min: 90, minExclusive: true, points: 2 },
              { min: 70, points: 1 },
            ],
          },
        },
        {
          code: '1.3',
          title: 'Họp Ban chỉ đạo',
          maxPoints: 2,
          rule: {
            kind: 'steps',
            fact: 'meetings',
            steps: [
              { min: 4, points: 2 },
              { min: 3, points: 1.5 },
              { min: 2, points: 1 },
              { min: 1, points: 0.5 },
            ],
          },
        },
      ],
    },
    {
      code: '2',
      title: { vi: 'Thủ tục hành chính', en: 'Procedures' },
      maxPoints: 8,
      children: [
        { code: '2.1', title: 'Tỷ lệ hồ sơ đúng hạn', maxPoints: 6, rule: { kind: 'ratio', numerator: 'onTime', denominator: 'dossiers' } },
        { code: '2.2', title: 'Công khai TTHC', maxPoints: 2, rule: { kind: 'manual', step: 0.25 } },
      ],
    },
    { code: '3', title: { vi: 'Sự hài lòng', en: 'Satisfaction (survey)' }, maxPoints: 6, source: 'survey', rule: { kind: 'survey', weights: { A: 1, B: 0.6, C: 0.2, D: 0 } } },
  ],
  bands: [
    { code: 'xuat-sac', label: { vi: 'Xuất sắc', en: 'Excellent' }, min: 90 },
    { code: 'tot', label: { vi: 'Tốt', en: 'Good' }, min: 80 },
    { code: 'kha', label: { vi: 'Khá', en: 'Fair' }, min: 70 },
    { code: 'trung-binh', label: { vi: 'Trung bình', en: 'Average' }, min: 50 },
    { code: 'yeu', label: { vi: 'Yếu', en: 'Weak' }, min: 0 },
  ],
  rounding: { index: { decimals: 2, mode: 'half-up' } },
})

// a small deterministic sample: 12 communes of one invented district (never real places
// next to made-up scores)
const names = ['Mây Hải', 'Mây Khê', 'Mây Lạc', 'Mây Đồng', 'Mây Phú', 'Mây Tiến', 'Mây Hòa', 'Mây Thịnh', 'Mây Trung', 'Mây Tây', 'Mây Ninh', 'Mây Bình']
let seed = 20231
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const assessments: AssessmentInput[] = names.map((name, i) => {
  const dossiers = 400 + Math.floor(rnd() * 800)
  return {
    unitId: `xa-${i + 1}`,
    period: '2023',
    unit: { id: `xa-${i + 1}`, name, kind: 'commune', group: 'xa', attributes: { sample: true } },
    facts: {
      plan: rnd() < 0.8 ? 'on-time' : 'late',
      completion: 60 + Math.floor(rnd() * 40),
      meetings: 1 + Math.floor(rnd() * 4),
      dossiers,
      onTime: dossiers - Math.floor(rnd() * 40),
    },
    selfScores: { '2.2': Math.floor(rnd() * 9) / 4 },
    survey: { '3': { answers: { A: 20 + Math.floor(rnd() * 40), B: Math.floor(rnd() * 30), C: Math.floor(rnd() * 10), D: Math.floor(rnd() * 5) } } },
  }
})

const batch = evaluateBatch(pack, assessments)
// exact to the last digit, shown the Vietnamese way (85,34)
const vi = { format: (x: Exact): string => x.toFixed(2).replace('.', ',') }
console.log(`${pack.title.vi} — năm 2023 (dữ liệu mẫu)`)
console.log(`${reconstructionSummary(pack).text.vi}\n`)
console.log('Hạng  Đơn vị           Điểm    Chỉ số   Xếp loại     LV1 LV2 LV3')
for (const u of batch.groups.get('xa') ?? []) {
  const name = u.result.assessment.unit?.name ?? u.unitId
  const cr = u.componentRanks
  console.log(
    `${String(u.rank).padStart(4)}  ${name.padEnd(15)} ${vi.format(u.result.total).padStart(6)}  ${vi.format(u.result.index).padStart(6)}%   ${(u.band?.label.vi ?? '').padEnd(11)} ${String(cr['1']).padStart(3)} ${String(cr['2']).padStart(3)} ${String(cr['3']).padStart(3)}`,
  )
}
const counts = new Map<string, number>()
for (const u of batch.units) counts.set(u.band?.label.vi ?? '—', (counts.get(u.band?.label.vi ?? '—') ?? 0) + 1)
console.log(`\n${[...counts].map(([b, n]) => `${String(n).padStart(2, '0')}/${batch.units.length} xã đạt ${b.toLowerCase()}`).join(', ')}`)
