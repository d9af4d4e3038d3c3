/**
 * Whether a pack fits a unit and a period, as far as the pack says: the kinds of unit it
 * applies to (`appliesTo`) and the dates it is in force (`effective`). A pack that states
 * neither fits every unit and period. One rule for every way in: the store refuses to
 * score under a pack that does not fit, the service refuses such a submission, the CLI
 * such a form.
 */
import { type CoreIssue, issue, type IssuePath } from '../util/errors.js'

/** The part of a pack the rule reads: a {@link CompiledPack} (its `source`), or a pack's JSON under `source`. */
export interface PackFitSource {
  readonly id: string
  readonly version: string
  readonly source: {
    readonly effective?: { readonly from?: string | undefined; readonly to?: string | undefined } | undefined
    readonly appliesTo?: readonly string[] | undefined
  }
}

/** What {@link packInForce} found: in force, or not, with the calendar year asked about and the dates the pack is in force. */
export type PackInForce = { readonly inForce: true } | { readonly inForce: false; readonly year: string; readonly from: string; readonly to: string | undefined }

/**
 * Whether a pack is in force for `period` (a year, "2024", or a text holding one): the
 * pack's `effective` dates (ISO) overlap that calendar year. A pack that states no
 * `effective.from`, or a period naming no year, is in force.
 *
 * @example
 * ```ts
 * import { packInForce } from '@chiso/core'
 * packInForce(pack, '2026') // pack.source.effective = { from: '2019-07-01', to: '2025-06-30' }
 * // { inForce: false, year: '2026', from: '2019-07-01', to: '2025-06-30' }
 * ```
 */
export function packInForce(pack: Pick<PackFitSource, 'source'>, period: string): PackInForce {
  const eff = pack.source.effective
  const year = period.match(/\d{4}/)?.[0]
  if (!eff?.from || year === undefined) return { inForce: true }
  const ok = eff.from <= `${year}-12-31` && (eff.to === undefined || eff.to >= `${year}-01-01`)
  return ok ? { inForce: true } : { inForce: false, year, from: eff.from, to: eff.to }
}

/** Where {@link packFitIssues} reports each problem. */
export interface PackFitPaths {
  /** a unit of a kind the pack does not apply to */
  readonly kind: IssuePath
  /** a period outside the years the pack is in force */
  readonly period: IssuePath
}

/** A problem of fit: a unit of a kind the pack does not apply to, or a period it is not in force for. */
export type PackFitIssue = CoreIssue<'pack_not_for_unit_kind' | 'pack_not_in_force'>

/** The paths in an assessment: its `unit.kind` and its `period`. */
const ASSESSMENT_PATHS: PackFitPaths = { kind: ['unit', 'kind'], period: ['period'] }

/**
 * The problems of scoring a unit of `unit.kind` for `period` under `pack`:
 * `pack_not_for_unit_kind` when the pack lists the kinds it applies to and the unit's kind
 * is not one, `pack_not_in_force` when the pack states its dates and no day of the
 * period's calendar year is within them ({@link packInForce}). A unit of unknown kind
 * (undefined, or no kind) is not checked for its kind. Paths default to an assessment's
 * (`unit.kind`, `period`).
 *
 * @example
 * ```ts
 * import { compilePack, packFitIssues } from '@chiso/core'
 * const pack = compilePack(communeJson) // appliesTo: ['commune'], effective: { from: '2019-10-08', to: '2025-06-30' }
 * for (const i of packFitIssues(pack, { kind: 'department', name: 'Sở Tư pháp' }, '2026')) console.log(i.code, i.path, i.message.vi)
 * // pack_not_for_unit_kind [ 'unit', 'kind' ] Bộ chỉ số vn-cchc/commune@1.0.0 áp dụng cho xã; đơn vị "Sở Tư pháp" là sở: …
 * // pack_not_in_force [ 'period' ] Bộ chỉ số vn-cchc/commune@1.0.0 có hiệu lực từ 08/10/2019 đến 30/06/2025, …
 * ```
 */
export function packFitIssues(pack: PackFitSource, unit: { readonly kind?: unknown; readonly name?: unknown } | undefined, period: string, paths: PackFitPaths = ASSESSMENT_PATHS): PackFitIssue[] {
  const issues: PackFitIssue[] = []
  const ref = `${pack.id}@${pack.version}`
  const appliesTo = pack.source.appliesTo
  const kind = unit?.kind
  if (appliesTo && appliesTo.length > 0 && typeof kind === 'string' && !appliesTo.includes(kind)) {
    const name = typeof unit?.name === 'string' && unit.name !== '' ? unit.name : undefined
    issues.push(issue('pack_not_for_unit_kind', [...paths.kind], { pack: ref, appliesTo: [...appliesTo], kind, ...(name === undefined ? {} : { unitName: name }) }, kind))
  }
  const f = packInForce(pack, period)
  if (!f.inForce) issues.push(issue('pack_not_in_force', [...paths.period], { pack: ref, period, from: f.from, ...(f.to === undefined ? {} : { to: f.to }) }, period))
  return issues
}
