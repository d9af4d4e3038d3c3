// Issue #11 item 4: reports name groups and units as reports do.
import { evaluateBatch, type AssessmentInput } from '@chiso/core'
import { describe, expect, it } from 'vitest'
import { formatRankingTable, groupHeading, summaryLines, unitWord } from '../src/xlsx/index.js'
import { GOOD, testPack } from './helpers.js'

const pack = testPack()
const unit = (id: string, name: string, kind: string, group: string, scores: Record<string, number | string> = GOOD): AssessmentInput => ({
  unitId: id,
  period: '2024',
  group,
  unit: { id, name, kind, group },
  selfScores: scores,
})

describe('words of the reports', () => {
  it('district-level units of mixed kinds are "huyện, thị xã, thành phố"; one kind its own word', () => {
    const mixed = evaluateBatch(pack, [
      unit('h1', 'Huyện Sông Mây', 'district', 'huyen'),
      unit('h2', 'Thị xã Lục Bảo', 'district', 'huyen'),
      unit('h3', 'Thành phố Hồng Lam', 'district', 'huyen'),
      unit('h4', 'Huyện Nhạn Sơn', 'district', 'huyen', { ...GOOD, '2.1': 1 }),
    ])
    expect(unitWord(mixed)).toBe('huyện, thị xã, thành phố')
    expect(unitWord(mixed, undefined, 'en')).toBe('rural districts, towns and cities')
    expect(summaryLines(mixed)).toContain('Số huyện, thị xã, thành phố được chấm: 4')
    const huyen = evaluateBatch(pack, [unit('h1', 'Huyện Sông Mây', 'district', 'huyen'), unit('h4', 'Huyện Nhạn Sơn', 'district', 'huyen')])
    expect(unitWord(huyen)).toBe('huyện')
  })

  it('groups are headed by name ("Khối xã", "Khối phường, thị trấn"), never by their code', () => {
    const batch = evaluateBatch(pack, [
      unit('x1', 'Xã Mẫu Đơn', 'commune', 'xa'),
      unit('x2', 'Xã Cẩm Chướng', 'commune', 'xa', { ...GOOD, '2.1': 1 }),
      unit('p1', 'Phường Oải Hương', 'ward', 'phuong-thi-tran'),
      unit('t1', 'Thị trấn Hải Quỳ', 'township', 'phuong-thi-tran', { ...GOOD, '1.1': 0 }),
    ])
    expect(groupHeading(batch, 'xa')).toBe('Khối xã')
    expect(groupHeading(batch, 'phuong-thi-tran')).toBe('Khối phường, thị trấn')
    expect(groupHeading(batch, 'phuong-thi-tran', 'en')).toBe('Wards and townships')
    const table = formatRankingTable(batch)
    expect(table).toMatch(/^Khối xã$/m)
    expect(table).toMatch(/^Khối phường, thị trấn$/m)
    expect(table).not.toContain('Nhóm phuong-thi-tran')
    // the area columns are ranks, and say so
    expect(table).toMatch(/^\s+Hạng theo lĩnh vực$/m)
    const lines = summaryLines(batch)
    expect(lines.some((l) => l.startsWith('Khối phường, thị trấn: 0'))).toBe(true)
    // the leader without a redundant "xếp thứ 1/2"
    const first = lines.find((l) => l.startsWith('Khối xã: Dẫn đầu'))!
    expect(first).toMatch(/^Khối xã: Dẫn đầu: Xã Mẫu Đơn đạt \d+,\d\d điểm \(chỉ số \d+,\d\d%\)$/)
    expect(lines.find((l) => l.startsWith('Khối xã: Thấp nhất'))).toMatch(/xếp thứ 2\/2$/)
  })

  it('two groups of the same kind keep their code to tell them apart', () => {
    const batch = evaluateBatch(pack, [unit('a', 'Xã A Thử', 'commune', 'vung-1'), unit('b', 'Xã B Thử', 'commune', 'vung-2')])
    expect(groupHeading(batch, 'vung-1')).toBe('Khối xã (nhóm vung-1)')
  })
})
