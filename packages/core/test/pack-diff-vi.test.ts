/**
 * diffPacks in Vietnamese names a criterion's fields in Vietnamese ("dựng theo", "ghi chú",
 * "tình trạng"), its words too ("tái dựng", not "reconstructed"); a note, which a pack writes
 * in one language only, is not quoted into a Vietnamese message: the message says the note
 * changed and that it has no Vietnamese text. A basis written in both languages shows its
 * Vietnamese.
 */
import { describe, expect, it } from 'vitest'
import { compilePack, type CriterionInput, type PackInput } from '@chiso/core'
import { diffPacks } from '@chiso/core/analysis'
import { vnCchc } from '@chiso/rules-vn-cchc'

const base = (): PackInput & { criteria: CriterionInput[] } => ({
  id: 'test/words',
  version: '1.0.0',
  title: 'Gốc',
  criteria: [{ code: '1', title: 'A', maxPoints: 1, status: 'reconstructed', source: 'self', legalRef: 'Điều 3', note: 'Old note', basis: { vi: 'Mẫu cũ', en: 'Old template' } }],
})

describe('diffPacks: a criterion’s fields in Vietnamese', () => {
  it('note, basis, status, source, legal reference', () => {
    const next = base()
    Object.assign(next.criteria[0]!, { status: 'verified', source: 'survey', legalRef: 'Điều 4', note: 'New note', basis: { vi: 'Mẫu mới', en: 'New template' } })
    const d = diffPacks(compilePack(base()), compilePack(next))
    const vi = d.changes.filter((c) => c.kind === 'criterion_changed').map((c) => c.message.vi)
    expect(vi).toEqual([
      'Tiêu chí 1, cách chấm: tự đánh giá → điều tra xã hội học',
      'Tiêu chí 1, căn cứ pháp lý: "Điều 3" → "Điều 4"',
      'Tiêu chí 1, tình trạng: tái dựng → đã đối chiếu văn bản',
      'Tiêu chí 1, dựng theo (tiếng Việt): "Mẫu cũ" → "Mẫu mới"',
      'Tiêu chí 1, dựng theo (tiếng Anh): "Old template" → "New template"',
      'Tiêu chí 1, ghi chú: đổi (ghi chú không có bản tiếng Việt)',
    ])
    const en = d.changes.filter((c) => c.kind === 'criterion_changed').map((c) => c.message.en)
    expect(en).toContain('Criterion 1, note: "Old note" → "New note"')
    expect(en).toContain('Criterion 1, status: "reconstructed" → "verified"')
  })

  it('a note added or removed', () => {
    const none = base()
    delete none.criteria[0]!.note
    expect(diffPacks(compilePack(none), compilePack(base())).changes.map((c) => c.message.vi)).toEqual(['Tiêu chí 1, ghi chú: thêm (ghi chú không có bản tiếng Việt)'])
    expect(diffPacks(compilePack(base()), compilePack(none)).changes.map((c) => c.message.vi)).toEqual(['Tiêu chí 1, ghi chú: bỏ'])
  })

  it('the Vietnamese packs, commune 2019 → 2025: no English field name, no note text in Vietnamese', () => {
    const d = diffPacks(vnCchc.compile('vn-cchc/commune-2019'), vnCchc.compile('vn-cchc/commune-2025'))
    const c721 = d.changes.filter((c) => c.target === '7.2.1' && c.kind === 'criterion_changed').map((c) => c.message.vi)
    expect(c721.some((m) => m.startsWith('Tiêu chí 7.2.1, dựng theo: '))).toBe(true)
    expect(c721).toContain('Tiêu chí 7.2.1, ghi chú: đổi (ghi chú không có bản tiếng Việt)')
    for (const c of d.changes) expect(c.message.vi, c.message.vi).not.toMatch(/, (basis|note|status|source|legalRef|evidence|applicability)\b/)
  })
})
