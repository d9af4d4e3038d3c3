/**
 * Criteria a pack neutralises (a province's patch `{ op: 'neutralise', reason }`, or
 * `notApplicable: true`): not applicable to any unit. The form marks their rows "không áp
 * dụng" with the reason, and a score written on one is a warning, never dropped silently.
 */
import type { CompiledPack } from '@chiso/core'

/**
 * The neutralised criteria of a pack and every criterion under one, by code, with the
 * patch's reason when it gives one.
 *
 * @example
 * ```ts
 * neutralisedCriteria(pack).get('6.3.2') // { reason: 'Tỉnh không chấm tiêu chí này năm 2024' }
 * ```
 */
export function neutralisedCriteria(pack: CompiledPack): ReadonlyMap<string, { readonly reason?: string }> {
  const reasons = new Map<string, string | undefined>()
  const patches = (pack.source as { patches?: readonly { op?: unknown; code?: unknown; reason?: unknown }[] }).patches ?? []
  for (const p of patches) if (p.op === 'neutralise' && typeof p.code === 'string') reasons.set(p.code, typeof p.reason === 'string' && p.reason !== '' ? p.reason : undefined)
  type Src = { code: string; notApplicable?: boolean; note?: string; children?: Src[] }
  const walk = (list: readonly Src[] | undefined): void => {
    for (const c of list ?? []) {
      // a composed pack keeps a patch's reason only at the end of the node's note ("… — reason"):
      // the core has no field of its own for it yet
      if (c.notApplicable === true && !reasons.has(c.code)) {
        const note = c.note?.trim()
        const k = note?.lastIndexOf(' — ') ?? -1
        reasons.set(c.code, note ? (k >= 0 ? note.slice(k + 3).trim() : note) || undefined : undefined)
      }
      walk(c.children)
    }
  }
  walk((pack.source as { criteria?: Src[] }).criteria)
  const out = new Map<string, { reason?: string }>()
  const byCode = new Map(pack.nodes.map((n) => [n.code, n]))
  const mark = (i: number, reason: string | undefined): void => {
    const n = pack.nodes[i]!
    if (!out.has(n.code)) out.set(n.code, reason !== undefined ? { reason } : {})
    for (const c of n.children) mark(c, reason)
  }
  for (const [code, reason] of reasons) {
    const n = byCode.get(code)
    if (n) mark(n.index, reason)
  }
  return out
}
