/**
 * The rule each leaf of a compiled pack was written with (its validated JSON, after
 * composition), and who reads each fact. The analysis reads these to describe a branch and
 * to propose the facts that would reach an outcome; the outcome itself is always the
 * compiled rule's own answer.
 */
import type { CompiledPack } from '../model/compile.js'
import type { CriterionInput } from '../model/schemas.js'

/** A rule as written in the pack: `kind` and the kind's own options. @internal */
export type RuleSource = { readonly kind: string; readonly [option: string]: unknown }

const sourcesByPack = new WeakMap<CompiledPack, ReadonlyMap<string, RuleSource>>()

/** Leaf code → the rule written on it (a leaf without one has the default kind's). @internal */
export function ruleSources(pack: CompiledPack): ReadonlyMap<string, RuleSource> {
  let m = sourcesByPack.get(pack)
  if (!m) {
    const out = new Map<string, RuleSource>()
    const visit = (c: CriterionInput): void => {
      if (!c.children || c.children.length === 0) out.set(c.code, (c.rule ?? { kind: c.source === 'survey' ? 'survey' : 'manual' }) as RuleSource)
      for (const k of c.children ?? []) visit(k)
    }
    for (const c of pack.source.criteria ?? []) visit(c)
    sourcesByPack.set(pack, (m = out))
  }
  return m
}

const readersByPack = new WeakMap<CompiledPack, ReadonlyMap<string, number>>()

/**
 * How many things read each fact: leaf rules, applicability conditions, adjustments. A plan
 * may change a fact only when the one leaf it raises is its only reader. @internal
 */
export function factReaders(pack: CompiledPack): ReadonlyMap<string, number> {
  let m = readersByPack.get(pack)
  if (!m) {
    const out = new Map<string, number>()
    const add = (names: readonly string[]): void => {
      for (const name of new Set(names)) out.set(name, (out.get(name) ?? 0) + 1)
    }
    for (const n of pack.nodes) {
      if (n.rule) add(n.rule.facts)
      if (n.applicability) add(n.applicability.facts)
    }
    for (const a of pack.adjustments) add(a.facts)
    readersByPack.set(pack, (m = out))
  }
  return m
}

/** The area (top-level node) a node belongs to: its pack index. @internal */
export function areaOf(pack: CompiledPack, index: number): number {
  let i = index
  while (i > 0 && pack.nodes[i]!.depth > 1) i = pack.nodes[i]!.parent
  return i
}
