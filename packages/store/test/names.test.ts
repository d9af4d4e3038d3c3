// The store's messages name units and ranking groups as the reports do: a unit by its name in
// the catalog ("Xã A"), a group by the kinds of its units ("Khối xã"), never by a slug alone.
import { describe, expect, test } from 'vitest'
import { groupName } from '../src/index.js'
import { assessment, PACK, PACK_REF, UNITS } from './fixtures.js'
import { freshProvince, onEachStore, refused } from './helpers.js'

describe('groupName', () => {
  test('a group is named by the kinds of its units, in the order reports list them', () => {
    expect(groupName(UNITS, 'xa')).toEqual({ vi: 'Khối xã, phường', en: 'Communes, wards' })
    expect(groupName([{ kind: 'department', group: 'so' }], 'so')).toEqual({ vi: 'Khối sở', en: 'Departments' })
    expect(groupName(UNITS, 'nope')).toEqual({ vi: 'nhóm nope', en: 'group nope' })
    expect(groupName([{ kind: 'hamlet', group: 'x' }], 'x')).toEqual({ vi: 'nhóm x', en: 'group x' })
  })
})

onEachStore('messages name units and groups', (opened) => {
  test('a stale submission, a stale appraisal and a stale publication name the unit and the group', async () => {
    const store = opened()
    const province = freshProvince('names')
    await store.putPacks({ province, packs: [PACK], actor: 'so' })
    await store.putUnits({ province, actor: 'so', units: UNITS.map((unit) => ({ unit, expectedVersion: 0 })) })
    await store.submit({ province, unitId: 'xa-a', period: '2024', pack: PACK_REF, assessment: assessment('xa-a', '2024', [2, 2, 3]), expectedVersion: 0, actor: 'xa-a' })
    const sub = await refused(store.submit({ province, unitId: 'xa-a', period: '2024', pack: PACK_REF, assessment: assessment('xa-a', '2024', [1, 2, 3]), expectedVersion: 0, actor: 'xa-a' }))
    expect(sub.issues[0]!.message.vi).toBe('Xung đột phiên bản: bản đánh giá của "Xã A" kỳ 2024 đang ở phiên bản 1, yêu cầu dựa trên phiên bản 0; hãy tải lại rồi thử lại')
    expect(sub.issues[0]!.message.en).toContain('the assessment of "Xã A" for 2024 is at version 1')
    const appr = await refused(store.appraise({ province, unitId: 'xa-a', period: '2024', expectedVersion: 5, actor: 'tdt', changes: [{ code: '1.1', points: 1, reason: 'x' }] }))
    expect(appr.issues[0]!.message.vi).toContain('bản đánh giá của "Xã A" kỳ 2024')
    const none = await refused(store.appraise({ province, unitId: 'xa-b', period: '2024', expectedVersion: 1, actor: 'tdt', changes: [{ code: '1.1', points: 1, reason: 'x' }] }))
    expect(none.issues[0]!.message.vi).toBe('Không tìm thấy bản tự đánh giá của "Xã B" kỳ 2024')
    const unscored = await refused(store.publish({ province, period: '2024', group: 'xa', decision: { number: '1/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so' }))
    expect(unscored.issues[0]!.message.vi).toBe('Kết quả của "Xã A" chưa cập nhật theo bản đánh giá mới nhất: hãy chấm điểm lại (score) trước khi công bố')
    const empty = await refused(store.publish({ province, period: '2023', group: 'xa', decision: { number: '1/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so' }))
    expect(empty.issues[0]!.message.vi).toBe('Chưa có kết quả nào kỳ 2023 của Khối xã, phường để công bố')
    await store.score({ province, period: '2024', actor: 'so' })
    await store.publish({ province, period: '2024', group: 'xa', decision: { number: '1/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 0, actor: 'so' })
    const pub = await refused(store.publish({ province, period: '2024', group: 'xa', decision: { number: '2/QĐ-UBND', date: '2025-03-02' }, expectedVersion: 0, actor: 'so' }))
    expect(pub.issues[0]!.message.vi).toContain('công bố kết quả xếp hạng kỳ 2024, Khối xã, phường đang ở phiên bản 1')
    expect(pub.issues[0]!.message.en).toContain('the publication of the 2024 ranking, Communes, wards is at version 1')
    const pack = await refused(
      store.submit({ province, unitId: 'xa-c', period: '2024', pack: { id: 'nope', version: '1.0.0' }, assessment: assessment('xa-c', '2024', [1, 1, 1]), expectedVersion: 0, actor: 'x' }),
    )
    expect(pack.issues[0]!.message.vi).not.toMatch(/^Tỉnh names-/)
  })
})
