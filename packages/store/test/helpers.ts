import { StoreError } from '../src/index.js'

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
