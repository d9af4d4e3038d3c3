/**
 * What each compose-time patch of a province pack does to the pack it extends: the base,
 * then the pack's own fields, then each patch in order, each with its changes.
 */
import type { Pack } from '../model/compile.js'
import { composeChain, composePack } from '../model/compose.js'
import { issue, type SafeResult } from '../util/errors.js'
import { PackSchema } from '../model/schemas.js'
import { parseWith } from '../model/validate.js'
import { diffSources, type PackChange, type PackRef } from './diff.js'

/** One patch of a pack that `extends` another, with what it changes. */
export interface PatchEffect {
  /** position in the pack's `patches` */
  readonly index: number
  readonly op: string
  /** the patch as written */
  readonly patch: unknown
  /** what the patch changes in the pack composed so far (empty: it changes nothing) */
  readonly changes: readonly PackChange[]
}

/** The outcome of {@link patchEffects}. */
export interface PatchEffects {
  readonly pack: PackRef
  readonly base: PackRef
  /** what the pack's own fields (title, scale, effective, a whole criteria tree …) change in the base, before any patch */
  readonly own: readonly PackChange[]
  readonly patches: readonly PatchEffect[]
}

/**
 * Shows a province pack's compose-time patches against its base: the base (composed with
 * its own bases through `resolveBase`), then the pack's own fields, then each patch in
 * order with the changes it makes. Problems — no `extends`, a base not found, a patch that
 * targets a missing criterion or conflicts with another — come back as issues.
 *
 * @example
 * ```ts
 * import { patchEffects } from '@chiso/core/analysis'
 * const r = patchEffects(provincePackJson, { resolveBase: (id, v) => registry.get(id, v) })
 * if (r.ok) for (const p of r.value.patches) console.log(`patches[${p.index}] ${p.op}:`, p.changes.map((c) => c.message.vi))
 * ```
 */
export function patchEffects(pack: unknown, options: { readonly resolveBase: (id: string, version: string | undefined) => unknown }): SafeResult<PatchEffects> {
  const parsed = parseWith(PackSchema, pack)
  if (!parsed.data) return { ok: false, issues: parsed.issues }
  const child = parsed.data
  if (!child.extends) {
    return {
      ok: false,
      issues: [issue('not_an_extension', ['extends'], { pack: child.id })],
    }
  }
  const baseRaw = options.resolveBase(child.extends.id, child.extends.version)
  if (baseRaw === undefined) {
    const name = `${child.extends.id}${child.extends.version ? `@${child.extends.version}` : ''}`
    return { ok: false, issues: [issue('base_pack_missing', ['extends'], { pack: name }, child.extends)] }
  }
  const baseParsed = parseWith(PackSchema, baseRaw, ['(base)'])
  if (!baseParsed.data) return { ok: false, issues: baseParsed.issues }
  const base = composeChain(baseParsed.data, options.resolveBase, [`${child.id}@${child.version}`])
  if (!base.ok) return base
  const patches = child.patches ?? []
  const upTo = (n: number): SafeResult<Pack> => composePack({ ...child, patches: patches.slice(0, n) }, base.value)
  const first = upTo(0)
  if (!first.ok) return first
  const own = diffSources(base.value, first.value)
  const effects: PatchEffect[] = []
  let prev = first.value
  for (let i = 0; i < patches.length; i++) {
    const next = upTo(i + 1)
    if (!next.ok) return next
    effects.push({ index: i, op: patches[i]!.op, patch: patches[i], changes: diffSources(prev, next.value) })
    prev = next.value
  }
  return {
    ok: true,
    value: { pack: { id: child.id, version: child.version }, base: { id: base.value.id, version: base.value.version }, own, patches: effects },
  }
}
