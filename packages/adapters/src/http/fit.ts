/**
 * Whether a pack fits a unit and a period, as far as the pack says: the kinds of unit it
 * applies to (`appliesTo`) and the dates it is in force (`effective`). A pack that states
 * neither fits every unit and period.
 */
import type { ChisoIssue, CompiledPack, IssuePath } from '@chiso/core'
import { appliesToText } from '../shared/unit-kinds.js'
import { packInForce, type EffectiveSource } from '../shared/in-force.js'
import { dateVi } from '../shared/locale.js'

/** Where each problem is reported. */
export interface FitPaths {
  /** a unit of a kind the pack does not apply to */
  readonly kind: IssuePath
  /** a period outside the years the pack is in force */
  readonly period: IssuePath
}

/**
 * The problems of scoring a unit of `kind` for `period` under `pack`: 422
 * `pack_not_for_unit_kind` when the pack lists the kinds it applies to and `kind` is not
 * one, `pack_not_in_force` when the pack states its dates and no day of the period's year
 * is within them. An unknown kind (undefined) is not checked.
 * @internal
 */
export function packFitIssues(pack: CompiledPack, unit: { readonly kind?: unknown; readonly name?: unknown } | undefined, period: string, paths: FitPaths): ChisoIssue[] {
  const issues: ChisoIssue[] = []
  const ref = `${pack.id}@${pack.version}`
  const appliesTo = pack.source.appliesTo
  const kind = unit?.kind
  if (appliesTo && appliesTo.length > 0 && typeof kind === 'string' && !appliesTo.includes(kind)) {
    const name = typeof unit?.name === 'string' ? `"${unit.name.slice(0, 200)}" ` : ''
    issues.push({
      code: 'pack_not_for_unit_kind',
      path: [...paths.kind],
      value: kind,
      message: {
        vi: `Bộ chỉ số ${ref} áp dụng cho ${appliesToText(appliesTo, 'vi')}; đơn vị ${name}là ${appliesToText([kind], 'vi')}: hãy chọn bộ chỉ số dành cho ${appliesToText([kind], 'vi')}`,
        en: `Pack ${ref} applies to ${appliesToText(appliesTo, 'en')}; unit ${name}is a ${appliesToText([kind], 'en')}: choose a pack for a ${appliesToText([kind], 'en')}`,
      },
    } as unknown as ChisoIssue)
  }
  // the CLI's rule (shared/in-force.ts): in force on some day of the period's year
  const f = packInForce(pack.source as EffectiveSource, period)
  if (!f.inForce) {
    issues.push({
      code: 'pack_not_in_force',
      path: [...paths.period],
      value: period,
      message: {
        vi: `Bộ chỉ số ${ref} có hiệu lực từ ${dateVi(f.from)}${f.to ? ` đến ${dateVi(f.to)}` : ''}, không áp dụng cho kỳ đánh giá ${period.slice(0, 50)}: hãy chọn phiên bản có hiệu lực trong năm đó`,
        en: `Pack ${ref} is in force from ${f.from}${f.to ? ` to ${f.to}` : ''}, not for the period ${period.slice(0, 50)}: choose the edition in force that year`,
      },
    } as unknown as ChisoIssue)
  }
  return issues
}
