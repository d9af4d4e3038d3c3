/**
 * Whether a pack is in force for an assessment period: the one rule the CLI uses to
 * refuse forms (and blank templates) of a year the pack does not cover, kept here so
 * that every way in (CLI, HTTP) applies the same rule.
 */

/** The part of a pack (its JSON, or a compiled pack's `source`) the rule reads. */
export interface EffectiveSource {
  readonly effective?: { readonly from?: string; readonly to?: string } | undefined
}

/** What {@link packInForce} found: in force, or not with the period the pack covers. */
export type InForce = { readonly inForce: true } | { readonly inForce: false; readonly year: string; readonly from: string; readonly to: string | undefined }

/**
 * Whether a pack is in force for `period` (a year, "2024", or a text holding one): the
 * pack's `effective` period (ISO dates) overlaps that calendar year. A pack that states
 * no `effective.from`, or a period naming no year, is in force.
 *
 * @example
 * ```ts
 * packInForce({ effective: { from: '2019-07-01', to: '2025-06-30' } }, '2026')
 * // { inForce: false, year: '2026', from: '2019-07-01', to: '2025-06-30' }
 * ```
 */
export function packInForce(pack: EffectiveSource, period: string): InForce {
  const eff = pack.effective
  const year = period.match(/\d{4}/)?.[0]
  if (!eff?.from || year === undefined) return { inForce: true }
  const ok = eff.from <= `${year}-12-31` && (eff.to === undefined || eff.to >= `${year}-01-01`)
  return ok ? { inForce: true } : { inForce: false, year, from: eff.from, to: eff.to }
}
