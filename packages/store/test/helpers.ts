import { afterAll, beforeAll, describe } from 'vitest'
import { StoreError, type Store } from '../src/index.js'
import { HARNESSES, type Harness } from './harness.js'

/** The StoreError a call is refused with (fails the test when it succeeds or throws something else). */
export async function refused(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p
  } catch (e) {
    if (e instanceof StoreError) return e
    throw e
  }
  throw new Error('expected the call to be refused with a StoreError')
}

let n = 0
/** A province of its own for each test: tests share one store per driver and never meet. */
export const freshProvince = (label: string): string => `${label}-${process.pid}-${++n}`

/**
 * A describe block per store harness (PGlite always, the PostgreSQL server where the harness
 * is configured), titled "<title> on <driver>", with a store opened before its tests and
 * closed after; `opened()` gives that store.
 */
export function onEachStore(title: string, body: (opened: () => Store) => void): void {
  for (const factory of HARNESSES) {
    describe(`${title} on ${factory.name}`, () => {
      let h: Harness | undefined
      let store: Store | undefined
      beforeAll(async () => {
        h = await factory.create()
        store = await h.open()
      }, 180_000)
      afterAll(async () => {
        await store?.close()
        await h?.dispose()
      })
      body(() => store!)
    })
  }
}
