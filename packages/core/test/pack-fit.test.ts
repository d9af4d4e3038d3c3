// A pack against a unit and a period (model/fit.ts): the one rule the store, the service
// and the CLI apply, its issues typed core issues with their parameters.
import { describe, expect, test } from 'vitest'
import { compilePack, isIssue, issueMessage, packFitIssues, packInForce, unitKindsText, type PackInput } from '../src/index.js'

const JSON_PACK: PackInput = {
  id: 'fit/commune',
  version: '1.0.0',
  title: 'Xã',
  appliesTo: ['commune', 'ward'],
  effective: { from: '2019-10-08', to: '2025-06-30' },
  criteria: [{ code: '1', title: 'A', maxPoints: 10, rule: { kind: 'manual' } }],
}
const pack = compilePack(JSON_PACK)

describe('packFitIssues', () => {
  test('a unit of another kind and a year out of force: both problems, at the assessment paths by default, with their parameters', () => {
    const issues = packFitIssues(pack, { kind: 'department', name: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Tĩnh' }, '2026')
    expect(issues.map((i) => [i.code, i.path, i.value])).toEqual([
      ['pack_not_for_unit_kind', ['unit', 'kind'], 'department'],
      ['pack_not_in_force', ['period'], '2026'],
    ])
    const [kind, year] = issues
    // the unit's whole name, the kinds in words
    expect(kind!.message.vi).toBe('Bộ chỉ số fit/commune@1.0.0 áp dụng cho xã, phường; đơn vị "Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Tĩnh" là sở: hãy chọn bộ chỉ số dành cho sở')
    expect(year!.message.vi).toBe('Bộ chỉ số fit/commune@1.0.0 có hiệu lực từ 08/10/2019 đến 30/06/2025, không áp dụng cho kỳ đánh giá 2026: hãy chọn phiên bản có hiệu lực trong năm đó')
    expect(year!.message.en).toBe('Pack fit/commune@1.0.0 is in force from 2019-10-08 to 2025-06-30, not for the period 2026: choose the edition in force that year')
    if (!isIssue(kind!, 'pack_not_for_unit_kind')) throw new Error('not narrowed')
    expect(kind.params).toEqual({ pack: 'fit/commune@1.0.0', appliesTo: ['commune', 'ward'], kind: 'department', unitName: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Tĩnh' })
    // the message is rendered again from the parameters, word for word
    expect(issueMessage('pack_not_for_unit_kind', kind.params, 'en')).toBe(kind.message.en)
  })

  test('a unit that fits, an unknown kind, a year covered in part, a pack that states neither: no problem', () => {
    expect(packFitIssues(pack, { kind: 'ward' }, '2019')).toEqual([])
    expect(packFitIssues(pack, undefined, '2025')).toEqual([])
    expect(packFitIssues(pack, { kind: 7 }, 'kỳ không năm')).toEqual([])
    const open = compilePack({ ...JSON_PACK, appliesTo: undefined, effective: undefined })
    expect(packFitIssues(open, { kind: 'ministry' }, '1990')).toEqual([])
  })

  test('paths of the caller; a kind with no words shown as its code; a name-less unit not named', () => {
    const [i] = packFitIssues(pack, { kind: 'hamlet' }, '2024', { kind: ['body', 'unitId'], period: ['body', 'period'] })
    expect(i!.path).toEqual(['body', 'unitId'])
    expect(i!.message.en).toBe('Pack fit/commune@1.0.0 applies to commune, ward; unit is a hamlet: choose a pack for a hamlet')
    expect(unitKindsText(['constructor', 'province'], 'vi')).toBe('constructor, tỉnh')
  })
})

describe('packInForce', () => {
  test('in force for a year its effective dates overlap', () => {
    expect(packInForce(pack, '2025')).toEqual({ inForce: true })
    expect(packInForce(pack, '2019')).toEqual({ inForce: true })
    expect(packInForce(pack, '2018')).toEqual({ inForce: false, year: '2018', from: '2019-10-08', to: '2025-06-30' })
    expect(packInForce({ source: { effective: { from: '2024-01-01' } } }, 'năm 2023').inForce).toBe(false)
    expect(packInForce({ source: {} }, '1990').inForce).toBe(true)
  })
})
