/**
 * What a unit may type in a leaf's score cell, read from the pack's rule: nothing (survey
 * criteria), a decimal within [0, max] (with an optional step), or one of a list of
 * allowed values (boolean, choice, steps, conditions).
 */
import { Exact, type CompiledNode, type CompiledPack, type CriterionInput } from '@chiso/core'

/** The entry allowed in a leaf's self-score cell. */
export type LeafEntry =
  | { readonly kind: 'none'; readonly reason: 'survey' }
  | { readonly kind: 'decimal'; readonly max: Exact; readonly step?: Exact }
  | { readonly kind: 'list'; readonly max: Exact; readonly allowed: readonly Exact[] }

const sources = new WeakMap<CompiledPack, Map<string, CriterionInput>>()

/** The source (pack JSON) of a criterion, by code. @internal */
export function sourceOf(pack: CompiledPack, code: string): CriterionInput | undefined {
  let m = sources.get(pack)
  if (!m) {
    m = new Map()
    const walk = (list: readonly CriterionInput[] | undefined): void => {
      for (const c of list ?? []) {
        if (!m!.has(c.code)) m!.set(c.code, c)
        walk(c.children)
      }
    }
    walk(pack.source.criteria as CriterionInput[] | undefined)
    sources.set(pack, m)
  }
  return m.get(code)
}

const dec = (v: unknown): Exact | undefined => Exact.tryFrom(v)

function uniqSorted(values: (Exact | undefined)[]): Exact[] {
  const out: Exact[] = []
  for (const v of values) if (v !== undefined && !out.some((w) => w.eq(v))) out.push(v)
  return out.sort((a, b) => a.cmp(b))
}

/**
 * The entry a unit may make for a leaf, from its rule.
 *
 * @example
 * ```ts
 * import { leafEntry } from '@chiso/adapters/xlsx'
 * const e = leafEntry(pack, pack.node('1.1')!)
 * if (e.kind === 'list') console.log(e.allowed.map(String)) // ['0', '0.5', '1']
 * ```
 */
export function leafEntry(pack: CompiledPack, node: CompiledNode): LeafEntry {
  if (node.source === 'survey') return { kind: 'none', reason: 'survey' }
  const max = node.maxPoints
  const rule = sourceOf(pack, node.code)?.rule as Record<string, unknown> | undefined
  const kind = node.ruleKind ?? 'manual'
  if (!rule || kind === 'manual') {
    const step = rule?.step === undefined ? undefined : dec(rule.step)
    return step && step.gt(Exact.ZERO) ? { kind: 'decimal', max, step } : { kind: 'decimal', max }
  }
  if (kind === 'boolean') {
    return { kind: 'list', max, allowed: uniqSorted([Exact.ZERO, rule.points === undefined ? max : dec(rule.points)]) }
  }
  if (kind === 'choice' && Array.isArray(rule.options)) {
    return { kind: 'list', max, allowed: uniqSorted((rule.options as { points: unknown }[]).map((o) => dec(o.points))) }
  }
  if (kind === 'steps' && Array.isArray(rule.steps)) {
    const other = rule.otherwise === undefined ? Exact.ZERO : dec(rule.otherwise)
    return { kind: 'list', max, allowed: uniqSorted([other, ...(rule.steps as { points: unknown }[]).map((s) => dec(s.points))]) }
  }
  if (kind === 'conditions' && Array.isArray(rule.branches)) {
    const other = rule.otherwise === undefined ? Exact.ZERO : dec(rule.otherwise)
    return { kind: 'list', max, allowed: uniqSorted([other, ...(rule.branches as { points: unknown }[]).map((b) => dec(b.points))]) }
  }
  return { kind: 'decimal', max }
}
