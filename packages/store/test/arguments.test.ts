// A caller in plain JavaScript may pass the store anything: each method answers with a typed
// StoreError (never a TypeError from inside), a compiled pack is named as such, and a call
// after close() says the store is closed (never the driver's own error).
import { compilePack } from '@chiso/core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openStore, StoreError, type Store } from '../src/index.js'
import { PACK } from './fixtures.js'
import { refused } from './helpers.js'

describe('the store refuses what is not its input', () => {
  // one store for the file (opening one costs seconds); the last test closes it
  let store: Store
  beforeAll(async () => {
    store = await openStore()
  }, 60_000)
  afterAll(async () => {
    await store.close()
  })

  test("null, a string, an array or nothing as a method's input is one invalid_value, worded in each language", async () => {
    for (const [input, vi, en] of [
      [null, 'null', 'null'],
      ['ha-tinh', 'một chuỗi ký tự', 'a string'],
      [[], 'một danh sách', 'an array'],
      [undefined, 'không có gì', 'nothing'],
    ] as const) {
      const e = await refused((store.putPacks as (i: unknown) => Promise<unknown>)(input))
      expect(e.issues).toHaveLength(1)
      expect(e.issues[0]).toMatchObject({ code: 'invalid_value', path: [] })
      expect(e.issues[0]!.message.vi).toBe(`Tham số của store.putPacks phải là một đối tượng (ví dụ { province: 'ha-tinh', … }), nhận được ${vi}`)
      expect(e.issues[0]!.message.en).toBe(`The argument of store.putPacks must be an object (e.g. { province: 'ha-tinh', … }); received ${en}`)
    }
    await refused((store.listPacks as (i: unknown) => Promise<unknown>)(undefined))
    // verify's options may be left out
    expect((await store.verify()).ok).toBe(true)
  })

  test('a compiled pack given to putPacks is one issue saying it is compiled, not one per function', async () => {
    if (store) {
      const e = await refused(store.putPacks({ province: 'ha-tinh', actor: 'so', packs: [compilePack(PACK) as never] }))
      expect(e.issues.map((i) => [i.code, i.path])).toEqual([['compiled_pack_given', ['packs', 0]]])
      expect(e.issues[0]!.message.vi).toContain('đã là bộ chỉ số đã biên dịch')
    }
  })

  test('after close(), every call is store_closed; close() again does nothing', async () => {
    await store.close()
    const e = await refused(store.listPacks({ province: 'ha-tinh' }))
    expect(e).toBeInstanceOf(StoreError)
    expect(e.code).toBe('store_closed')
    expect(e.issues[0]!.message.vi).toBe('Kho dữ liệu đã đóng (close()): không thể gọi store.listPacks; hãy mở lại bằng openStore')
    await store.close()
  })
})
