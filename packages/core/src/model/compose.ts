/**
 * Pack composition: a province pack `extends` a base pack and applies ordered patch
 * operations. Composition is pure — the base is never mutated — and yields a new pack
 * that compiles (and so re-checks every sum) on its own, with its own content hash.
 */
import * as z from 'zod/mini'
import type { Pack } from './compile.js'
import { ROOT_CODE } from './constants.js'
import { append, issue, preview, type ChisoIssue, type IssuePath, type SafeResult } from '../util/errors.js'
import { Exact } from '../util/exact.js'
import { AdjustmentSchema, BandSchema, CriterionSchema, NonNegativeDecimalSchema, PackSchema, RuleShapeSchema, type CriterionInput } from './schemas.js'
import { fromZodIssues, parseWith, safeParse } from './validate.js'
import { compiledPackGivenIssue } from '../util/arguments.js'

/** One patch operation. `code` / `parent` name criteria; `"total"` is the root. */
export const PatchSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), parent: z.string(), node: CriterionSchema, position: z.optional(z.int().check(z.nonnegative())) }),
  z.strictObject({ op: z.literal('replace'), code: z.string(), node: CriterionSchema }),
  z.strictObject({ op: z.literal('remove'), code: z.string() }),
  z.strictObject({ op: z.literal('setMaxPoints'), code: z.string(), maxPoints: NonNegativeDecimalSchema }),
  z.strictObject({ op: z.literal('setRule'), code: z.string(), rule: RuleShapeSchema }),
  z.strictObject({ op: z.literal('neutralise'), code: z.string(), reason: z.optional(z.string()) }),
  z.strictObject({ op: z.literal('setBands'), bands: z.array(BandSchema) }),
  z.strictObject({ op: z.literal('setAdjustments'), adjustments: z.array(AdjustmentSchema) }),
])
/** A patch operation as written in a pack. */
export type PatchInput = z.input<typeof PatchSchema>
type Patch = z.output<typeof PatchSchema>

/** what each single-node operation does to its node, for conflict detection */
const NODE_TOUCH = { replace: 'replace', remove: 'remove', setRule: 'rule', neutralise: 'neutralise' } as const

type Touch = 'create' | 'child' | 'replace' | 'remove' | 'max' | 'rule' | 'neutralise' | 'bands' | 'adjustments'

function clone<T>(v: T): T {
  return structuredClone(v)
}

/** Finds the node and its parent's child array. */
function locate(criteria: CriterionInput[], code: string): { list: CriterionInput[]; index: number; node: CriterionInput } | undefined {
  for (let i = 0; i < criteria.length; i++) {
    const n = criteria[i]!
    if (n.code === code) return { list: criteria, index: i, node: n }
    if (n.children) {
      const r = locate(n.children, code)
      if (r) return r
    }
  }
  return undefined
}

function codesUnder(node: CriterionInput, out: Set<string>): Set<string> {
  out.add(node.code)
  for (const c of node.children ?? []) codesUnder(c, out)
  return out
}

/** Parent code of every node in a tree. */
function parents(criteria: readonly CriterionInput[], parent = ROOT_CODE, out = new Map<string, string>()): Map<string, string> {
  for (const n of criteria) {
    out.set(n.code, parent)
    if (n.children) parents(n.children, n.code, out)
  }
  return out
}

/**
 * Finds patches that touch the same node in conflicting ways. Two patches conflict when
 * one removes or replaces a node the other touches (or a node below it), when both set
 * the maximum to different values, both set the rule, both add the same code, or both set
 * the bands or adjustments.
 */
function findConflicts(patches: readonly Patch[], base: readonly CriterionInput[]): ChisoIssue[] {
  const parentOf = parents(base)
  const touches: { patch: number; code: string; touch: Touch; value?: string }[] = []
  patches.forEach((p, i) => {
    switch (p.op) {
      case 'add':
        touches.push({ patch: i, code: p.node.code, touch: 'create' })
        touches.push({ patch: i, code: p.parent, touch: 'child' })
        for (const c of codesUnder(p.node, new Set())) if (c !== p.node.code) parentOf.set(c, p.node.code)
        parentOf.set(p.node.code, p.parent)
        break
      case 'setMaxPoints':
        touches.push({ patch: i, code: p.code, touch: 'max', value: Exact.tryFrom(p.maxPoints)?.toString() ?? String(p.maxPoints) })
        break
      case 'replace':
      case 'remove':
      case 'setRule':
      case 'neutralise':
        touches.push({ patch: i, code: p.code, touch: NODE_TOUCH[p.op] })
        break
      case 'setBands':
        touches.push({ patch: i, code: '(bands)', touch: 'bands' })
        break
      case 'setAdjustments':
        touches.push({ patch: i, code: '(adjustments)', touch: 'adjustments' })
        break
    }
  })
  const isUnder = (code: string, ancestor: string): boolean => {
    let c: string | undefined = code
    for (let guard = 0; c !== undefined && guard < 10_000; guard++) {
      if (c === ancestor) return true
      c = parentOf.get(c)
    }
    return false
  }
  const issues: ChisoIssue[] = []
  const reported = new Set<string>()
  for (let x = 0; x < touches.length; x++) {
    for (let y = x + 1; y < touches.length; y++) {
      const a = touches[x]!
      const b = touches[y]!
      if (a.patch === b.patch) continue
      let conflict = false
      let target = a.code
      const destructive = (t: typeof a) => t.touch === 'remove' || t.touch === 'replace'
      if (destructive(a) && (isUnder(b.code, a.code) || b.code === a.code)) conflict = true
      else if (destructive(b) && (isUnder(a.code, b.code) || a.code === b.code)) {
        conflict = true
        target = b.code
      } else if (a.code === b.code && a.touch === b.touch) {
        conflict = a.touch === 'max' ? a.value !== b.value : a.touch !== 'child' && a.touch !== 'neutralise'
      }
      if (!conflict) continue
      const key = `${a.patch}:${b.patch}`
      if (reported.has(key)) continue
      reported.add(key)
      issues.push(issue('patch_conflict', ['patches', b.patch], { target, first: a.patch, second: b.patch }, { patches: [a.patch, b.patch], target }))
    }
  }
  return issues
}

function applyPatch(criteria: CriterionInput[], pack: Pack, p: Patch, path: IssuePath, issues: ChisoIssue[]): void {
  const missing = (code: string, at: IssuePath) => issues.push(issue('patch_target_missing', at, { code }, code))
  switch (p.op) {
    case 'add': {
      if (locate(criteria, p.node.code) || p.node.code === ROOT_CODE) {
        issues.push(issue('duplicate_code', [...path, 'node', 'code'], { code: p.node.code }, p.node.code))
        return
      }
      let list: CriterionInput[]
      if (p.parent === ROOT_CODE) list = criteria
      else {
        const at = locate(criteria, p.parent)
        if (!at) return void missing(p.parent, [...path, 'parent'])
        list = at.node.children ??= []
      }
      const pos = p.position === undefined ? list.length : Math.min(p.position, list.length)
      list.splice(pos, 0, clone(p.node))
      return
    }
    case 'replace': {
      const at = locate(criteria, p.code)
      if (!at) return void missing(p.code, [...path, 'code'])
      at.list[at.index] = clone(p.node)
      return
    }
    case 'remove': {
      const at = locate(criteria, p.code)
      if (!at) return void missing(p.code, [...path, 'code'])
      at.list.splice(at.index, 1)
      return
    }
    case 'setMaxPoints': {
      const at = locate(criteria, p.code)
      if (!at) return void missing(p.code, [...path, 'code'])
      at.node.maxPoints = p.maxPoints
      return
    }
    case 'setRule': {
      const at = locate(criteria, p.code)
      if (!at) return void missing(p.code, [...path, 'code'])
      at.node.rule = clone(p.rule)
      return
    }
    case 'neutralise': {
      const at = locate(criteria, p.code)
      if (!at) return void missing(p.code, [...path, 'code'])
      at.node.notApplicable = true
      if (p.reason !== undefined) at.node.note = at.node.note ? `${at.node.note} — ${p.reason}` : p.reason
      return
    }
    case 'setBands':
      ;(pack as { bands?: Pack['bands'] }).bands = clone(p.bands)
      return
    case 'setAdjustments':
      ;(pack as { adjustments?: Pack['adjustments'] }).adjustments = clone(p.adjustments)
      return
  }
}

const INHERITED_KEYS = [
  'family',
  'description',
  'effective',
  'appliesTo',
  'legalBasis',
  'scale',
  'floor',
  'adjustments',
  'adjustmentCaps',
  'bands',
  'bandsBy',
  'ranking',
  'rounding',
  'index',
  'evidencePolicy',
  'status',
  'note',
] as const

/**
 * Composes a pack that `extends` a base: the child's own fields win, its `criteria` (if
 * any) replace the base's, then its patches apply in order. Pure: neither input is
 * mutated. Problems: `patch_conflict` (naming both patches), `patch_target_missing`,
 * and everything the schemas report.
 *
 * @example
 * ```ts
 * import { composePack, compilePack } from '@chiso/core'
 * const r = composePack(provincePackJson, nationalPackJson)
 * if (r.ok) compilePack(r.value)
 * ```
 */
export function composePack(child: unknown, base: unknown): SafeResult<Pack> {
  const compiled = compiledPackGivenIssue(child, [], 'child') ?? compiledPackGivenIssue(base, ['(base)'], 'base')
  if (compiled) return { ok: false, issues: [compiled] }
  const c = parseWith(PackSchema, child)
  const b = parseWith(PackSchema, base, ['(base)'])
  if (!c.data || !b.data) return { ok: false, issues: [...c.issues, ...b.issues] }
  return composeParsed(c.data, b.data)
}

function composeParsed(child: Pack, base: Pack): SafeResult<Pack> {
  const issues: ChisoIssue[] = []
  const patches: Patch[] = []
  ;(child.patches ?? []).forEach((raw, i) => {
    const r = safeParse(PatchSchema, raw)
    if (r.success) patches.push(r.data)
    else append(issues, fromZodIssues(r.error.issues, raw, ['patches', i]))
  })
  if (issues.length > 0) return { ok: false, issues }
  const out: Record<string, unknown> = {}
  for (const k of INHERITED_KEYS) {
    const v = child[k] ?? base[k]
    if (v !== undefined) out[k] = clone(v)
  }
  const criteria: CriterionInput[] = clone(child.criteria ?? base.criteria ?? [])
  const conflicts = findConflicts(patches, criteria)
  if (conflicts.length > 0) return { ok: false, issues: conflicts }
  const pack = { id: child.id, version: child.version, title: child.title, ...out } as Pack
  patches.forEach((p, i) => applyPatch(criteria, pack, p, ['patches', i], issues))
  if (issues.length > 0) return { ok: false, issues }
  ;(pack as { criteria?: CriterionInput[] }).criteria = criteria
  if (child.$schema !== undefined) (pack as { $schema?: string }).$schema = child.$schema
  return { ok: true, value: pack }
}

/** The most `extends` steps from a pack to its last base (a longer chain is refused). @internal */
export const MAX_EXTENDS_DEPTH = 64

/**
 * Composes `pack` with the chain of bases it extends, resolving each base through
 * `resolveBase`. Reports `extends_cycle` when the chain loops, `extends_too_deep` when it
 * is longer than {@link MAX_EXTENDS_DEPTH} steps. @internal
 */
export function composeChain(pack: Pack, resolveBase: (id: string, version: string | undefined) => unknown, seen: readonly string[] = []): SafeResult<Pack> {
  if (!pack.extends) {
    if (pack.patches && pack.patches.length > 0) {
      return { ok: false, issues: [issue('invalid_value', ['patches'], { value: 'patches', detail: 'thao tác sửa đổi cần "extends"', detailEn: 'patches need "extends"' })] }
    }
    return { ok: true, value: pack }
  }
  const chain = [...seen, `${pack.id}@${pack.version}`]
  const { id, version } = pack.extends
  const cycle = (to: string): SafeResult<Pack> => ({
    ok: false,
    issues: [issue('extends_cycle', ['extends'], { chain: [...chain, to].map((x) => preview(x)).join(' → ') }, [...chain, to])],
  })
  if (chain.length > MAX_EXTENDS_DEPTH) {
    return { ok: false, issues: [issue('extends_too_deep', ['extends'], { limit: MAX_EXTENDS_DEPTH, from: chain[0]! }, [...chain, `${id}@${version ?? '*'}`])] }
  }
  const baseRaw = resolveBase(id, version)
  if (baseRaw === undefined) {
    return {
      ok: false,
      issues: [issue('base_pack_missing', ['extends'], { pack: `${preview(id)}${version ? `@${preview(version)}` : ''}` }, pack.extends)],
    }
  }
  const base = parseWith(PackSchema, baseRaw, ['(base)', id])
  if (!base.data) return { ok: false, issues: base.issues }
  const baseKey = `${base.data.id}@${base.data.version}`
  if (chain.includes(baseKey)) return cycle(baseKey)
  const baseComposed = composeChain(base.data, resolveBase, chain)
  if (!baseComposed.ok) return baseComposed
  return composeParsed(pack, baseComposed.value)
}
