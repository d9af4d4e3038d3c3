/**
 * The kinds of unit packs name (`appliesTo`, a unit's `kind`), as readers name them: core's
 * one table (`UNIT_KIND_WORDS` of `@chiso/core`, which core's own messages use too) for the
 * pack list, the service's and the form reader's messages and the reports' headings
 * ("Khối xã", "04/17 sở"), in the order reports list them.
 */
import { UNIT_KIND_WORDS, unitKindsText, type UnitKindWords } from '@chiso/core'
import type { Locale } from './locale.js'

/** A kind's words: Vietnamese, English one and many. @internal */
export type KindWords = UnitKindWords

/** By kind code, in the order reports list kinds ("xã, phường, thị trấn"). @internal */
export const UNIT_KINDS: Readonly<Record<string, KindWords>> = UNIT_KIND_WORDS

/**
 * The kinds of unit a pack applies to, in a language ("xã, phường, thị trấn"); a kind with
 * no name as it is.
 *
 * @example
 * ```ts
 * appliesToText(['commune', 'ward'], 'vi') // 'xã, phường'
 * ```
 */
export function appliesToText(kinds: readonly string[], lang: Locale): string {
  return unitKindsText(kinds, lang)
}
