import { describe, expect, test } from 'vitest'
import { issue } from '../src/util/errors.js'

const issueMessage = (code: 'no_pack_in_force' | 'coverage_gap', p: never) => issue(code, [], p).message

describe("registry messages name a unit's kind in words, not its code", () => {
  test('no_pack_in_force says "xã" / "commune", never the code in Vietnamese', () => {
    const m = issueMessage('no_pack_in_force', { family: 'vn-cchc/commune', unitKind: 'commune', date: '2016-12-31' } as never)
    expect(m.vi).toContain('cho xã')
    expect(m.vi).not.toMatch(/loại đơn vị "commune"/)
    expect(m.en).toContain('commune')
  })
  test('coverage_gap says "phường" for a ward', () => {
    const m = issueMessage('coverage_gap', { family: 'vn-cchc/commune', unitKind: 'ward', from: '2020-01-01', to: '2020-02-29' } as never)
    expect(m.vi).toContain('phường')
    expect(m.vi).not.toContain('ward')
    expect(m.en).toContain('for a ward from')
  })
  test('a kind without words is shown as its code', () => {
    expect(issueMessage('no_pack_in_force', { family: 'f', unitKind: 'hamlet', date: '2020-01-01' } as never).vi).toContain('hamlet')
  })
})
