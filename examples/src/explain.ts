// Compiles a small pack, evaluates one commune with a trace, and prints the explanation:
// which rule branch fired on which facts, which evidence was used, what the appraisal changed.
import { compilePack, evaluate, reconstructionSummary, type NodeResult } from '@chiso/core'

const pack = compilePack({
  id: 'example/commune-direction',
  version: '1.0.0',
  title: { vi: 'Ví dụ: lĩnh vực chỉ đạo điều hành', en: 'Example: direction of reform' },
  scale: 6,
  status: 'reconstructed',
  note: 'Shapes after Cà Mau 1880/QĐ-UBND (2013), area 1; maxima reduced for the example.',
  criteria: [
    {
      code: '1',
      title: { vi: 'Công tác chỉ đạo, điều hành CCHC', en: 'Direction of reform' },
      maxPoints: 6,
      children: [
        {
          code: '1.1',
          title: { vi: 'Ban hành kế hoạch CCHC năm', en: 'Annual reform plan issued' },
          maxPoints: 1,
          rule: {
            kind: 'choice',
            fact: 'planIssued',
            options: [
              { value: 'on-time', points: 1, label: 'Đúng hạn' },
              { value: 'late', points: 0.5, label: 'Chậm' },
              { value: 'none', points: 0, label: 'Không ban hành' },
            ],
          },
          evidence: { required: true },
        },
        {
          code: '1.2',
          title: { vi: 'Mức độ hoàn thành kế hoạch', en: 'Plan completion' },
          maxPoints: 2,
          rule: {
            kind: 'steps',
            fact: 'planCompletionPercent',
            steps: [
              { min: 90, minExclusive: true, points: 2 },
              { min: 70, points: 1 },
            ],
          },
        },
        {
          code: '1.3',
          title: { vi: 'Báo cáo CCHC đầy đủ, đúng hạn', en: 'Reports complete and on time' },
          maxPoints: 1,
          rule: { kind: 'boolean', fact: 'reportsOnTime' },
        },
        {
          code: '1.4',
          title: { vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn', en: 'On-time ratio of dossiers' },
          maxPoints: 2,
          rule: { kind: 'ratio', numerator: 'dossiersOnTime', denominator: 'dossiersTotal' },
        },
      ],
    },
  ],
})

const result = evaluate(
  pack,
  {
    unitId: 'xa-nhan-an',
    period: '2023',
    facts: { planIssued: 'late', planCompletionPercent: 92.5, reportsOnTime: true, dossiersOnTime: 1187, dossiersTotal: 1200 },
    evidence: [{ id: 'kh-01', number: '12/KH-UBND', issuer: 'UBND xã Nhạn An (dữ liệu mẫu)', issuedOn: '2023-01-20', title: 'Kế hoạch CCHC năm 2023', criteria: ['1.1'] }],
    appraisals: [{ round: 1, reviewer: 'Tổ thẩm định huyện', at: '2024-01-15', changes: [{ code: '1.3', points: 0, reason: 'Báo cáo quý III gửi chậm 5 ngày' }] }],
  },
  { trace: true },
)

// sample data under a reconstructed pack: say so before anything else
console.log(`Dữ liệu mẫu — ${reconstructionSummary(pack).text.vi}\n`)

const print = (n: NodeResult): void => {
  const pad = '  '.repeat(n.depth)
  const idx = n.index === null ? '—' : `${n.index.toFixed(2)}%`
  console.log(`${pad}${n.code} ${n.title.vi}: ${n.points} / ${n.applicableMax} (${idx})`)
  for (const s of n.trace?.steps ?? []) console.log(`${pad}    · ${s}`)
  for (const d of n.trace?.evidence?.documents ?? []) console.log(`${pad}    · evidence ${d.number ?? d.id}: ${d.title ?? ''}`)
}
result.nodes.forEach(print)
console.log(`\nTotal ${result.total} / ${result.applicableMax}, index ${result.index.toFixed(2)}%`)
console.log(`Fingerprint ${result.fingerprint}`)
for (const f of result.flags) console.log(`flag ${f.code} on ${f.criterion}: ${f.message.vi}`)

// the arithmetic stays exact: 1187/1200 × 2 = 1187/600
if (result.node('1.4')?.points.toString() !== '1187/600') throw new Error('exactness broken')
// 0.5 (late plan) + 2 (92.5 % > 90 %) + 0 (appraised) + 1187/600 = 2687/600
if (result.total.toString() !== '2687/600') throw new Error(`unexpected total ${result.total}`)
