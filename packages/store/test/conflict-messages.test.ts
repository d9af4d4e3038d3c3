// A version conflict names what it is about in the message's own language: "đơn vị "Xã A""
// in Vietnamese, "unit "Xã A"" in English, never both in one message.
import { expect, test } from 'vitest'
import { PACK } from './fixtures.js'
import { freshProvince, onEachStore, refused } from './helpers.js'

onEachStore('conflict messages', (opened) => {
  test('a stale unit write and a stale publication: each language on its own', async () => {
    const store = opened()
    const province = freshProvince('conflict')
    await store.putPacks({ province, packs: [PACK], actor: 'so' })
    const unit = { id: 'xa-a', name: 'Xã A', kind: 'commune', group: 'xa' }
    await store.putUnits({ province, actor: 'so', units: [{ unit, expectedVersion: 0 }] })
    const stale = await refused(store.putUnits({ province, actor: 'so', units: [{ unit, expectedVersion: 0 }] }))
    expect(stale.code).toBe('conflict')
    expect(stale.issues[0]!.message.vi).toContain('đơn vị "Xã A" đang ở phiên bản 1')
    expect(stale.issues[0]!.message.vi).not.toMatch(/\bunit\b/)
    expect(stale.issues[0]!.message.en).toContain('unit "Xã A" is at version 1')
    expect(stale.issues[0]!.message.en).not.toContain('đơn vị')
    const pub = await refused(store.publish({ province, period: '2024', group: 'xa', decision: { number: '1/QĐ-UBND', date: '2025-03-01' }, expectedVersion: 3, actor: 'so' }))
    if (pub.code === 'conflict') {
      expect(pub.issues[0]!.message.vi).not.toMatch(/\bpublication\b/)
      expect(pub.issues[0]!.message.en).not.toContain('công bố')
    }
  })

  test('an argument named as code names it is reported at its path, one key per step', async () => {
    const store = opened()
    const province = freshProvince('paths')
    const pub = await refused(store.publish({ province, period: '2024', group: 'xa', decision: { number: '', date: 'hôm qua' }, expectedVersion: 0, actor: 'so' }))
    expect(pub.issues.map((i) => i.path)).toEqual([
      ['decision', 'number'],
      ['decision', 'date'],
    ])
    const units = await refused(store.putUnits({ province, actor: 'so', units: [{ unit: { id: 'xa-a', name: 'A', kind: 'commune' }, expectedVersion: -1 }] }))
    expect(units.issues.map((i) => i.path)).toEqual([['units', 0, 'expectedVersion']])
  })
})
