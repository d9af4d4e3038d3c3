/**
 * A mapping between two editions of a criteria set (edition A → edition B): which leaves of
 * A become which leaves of B (one to one, one to several, several to one), facts renamed,
 * entered adjustments renamed, criteria with no counterpart on either side. Data, validated
 * by a zod schema; every problem is reported at once with its path.
 */
import * as z from 'zod/mini'
import type { CompiledNode, CompiledPack } from '../model/compile.js'
import { issue, preview, type ChisoIssue, type SafeResult } from '../util/errors.js'
import { StatusSchema, TextSchema } from '../model/schemas.js'
import { parseWith } from '../model/validate.js'

const Codes = z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1)))])

/** One line of a mapping: leaves of A (`from`) that become leaves of B (`to`). `[]` on a side: no counterpart there. */
export const MappingLineSchema = z.strictObject({
  from: Codes,
  to: Codes,
  /** `reconstructed` when the correspondence is an assumption, not stated by the texts */
  status: z.optional(StatusSchema),
  /** what changed, or what is assumed: shown with the line in outputs */
  note: z.optional(TextSchema),
})

const PackRef = z.strictObject({ id: z.string().check(z.minLength(1)), version: z.optional(z.string().check(z.minLength(1))) })

/**
 * A mapping from edition A to edition B of a criteria set. Leaves with the same code in
 * both editions correspond unless a line says otherwise (`sameCode: false` turns that off).
 */
export const EditionMappingSchema = z.strictObject({
  $schema: z.optional(z.string()),
  kind: z.optional(z.literal('chiso.edition-mapping')),
  from: PackRef,
  to: PackRef,
  title: z.optional(TextSchema),
  status: z.optional(StatusSchema),
  basis: z.optional(TextSchema),
  note: z.optional(z.string()),
  /** leaves with the same code in both editions correspond unless listed (default true) */
  sameCode: z.optional(z.boolean()),
  criteria: z.optional(z.array(MappingLineSchema)),
  /** facts renamed: name in A → name in B */
  facts: z.optional(z.record(z.string().check(z.minLength(1)), z.string().check(z.minLength(1)))),
  /** entered adjustments renamed: id in A → id in B, or null when B has none */
  adjustments: z.optional(z.record(z.string().check(z.minLength(1)), z.nullable(z.string().check(z.minLength(1))))),
})
export type EditionMappingInput = z.input<typeof EditionMappingSchema>

/** A line of a mapping, resolved against the two packs. @internal */
export interface MappingLine {
  readonly from: readonly CompiledNode[]
  readonly to: readonly CompiledNode[]
  readonly status: 'verified' | 'reconstructed' | undefined
  readonly note: { readonly vi: string; readonly en: string } | undefined
  /** written in the mapping (false: leaves matched by their common code) */
  readonly declared: boolean
  /** position in the mapping's `criteria`, for declared lines */
  readonly at: number | undefined
}

/** A mapping resolved against the two packs. @internal */
export interface ResolvedMapping {
  readonly from: CompiledPack
  readonly to: CompiledPack
  readonly status: 'verified' | 'reconstructed' | undefined
  readonly note: string | undefined
  readonly lines: readonly MappingLine[]
  /** A leaf code → its line */
  readonly lineOfA: ReadonlyMap<string, MappingLine>
  /** B leaf code → its line */
  readonly lineOfB: ReadonlyMap<string, MappingLine>
  readonly facts: ReadonlyMap<string, string>
  readonly adjustments: ReadonlyMap<string, string | null>
}

const list = (c: string | readonly string[]): readonly string[] => (typeof c === 'string' ? [c] : c)

/** Validates a mapping against edition A (`from`) and edition B (`to`). @internal */
export function resolveMapping(input: unknown, from: CompiledPack, to: CompiledPack): SafeResult<ResolvedMapping> {
  const parsed = parseWith(EditionMappingSchema, input)
  if (!parsed.data) return { ok: false, issues: parsed.issues }
  const m = parsed.data
  const issues: ChisoIssue[] = []
  const name = (p: CompiledPack): string => `${p.id}@${p.version}`
  for (const [side, ref, pack] of [
    ['from', m.from, from],
    ['to', m.to, to],
  ] as const) {
    if (ref.id !== pack.id) issues.push(issue('mapping_pack_mismatch', [side, 'id'], { expected: ref.id, actual: pack.id }, ref.id))
    else if (ref.version !== undefined && ref.version !== pack.version)
      issues.push(issue('mapping_pack_mismatch', [side, 'version'], { expected: `${ref.id}@${ref.version}`, actual: name(pack) }, ref.version))
  }
  const lines: MappingLine[] = []
  const lineOfA = new Map<string, MappingLine>()
  const lineOfB = new Map<string, MappingLine>()
  const firstA = new Map<string, string>()
  const firstB = new Map<string, string>()
  ;(m.criteria ?? []).forEach((l, i) => {
    const resolveSide = (side: 'from' | 'to', pack: CompiledPack, first: Map<string, string>): CompiledNode[] => {
      const out: CompiledNode[] = []
      const codes = list(l[side])
      codes.forEach((code, j) => {
        const path = typeof l[side] === 'string' ? ['criteria', i, side] : ['criteria', i, side, j]
        const n = code === 'total' ? undefined : pack.node(code)
        if (!n) return void issues.push(issue('mapping_unknown_criterion', path, { code, pack: name(pack) }, code))
        if (!n.isLeaf) return void issues.push(issue('mapping_not_a_leaf', path, { code, pack: name(pack) }, code))
        const seen = first.get(code)
        if (seen !== undefined) return void issues.push(issue('mapping_duplicate', path, { code, pack: name(pack), first: seen }, code))
        first.set(code, `criteria[${i}]`)
        out.push(n)
      })
      return out
    }
    const fromNodes = resolveSide('from', from, firstA)
    const toNodes = resolveSide('to', to, firstB)
    if (list(l.from).length === 0 && list(l.to).length === 0) {
      issues.push(issue('invalid_value', ['criteria', i], { value: l, detail: 'mỗi dòng cần ít nhất một tiêu chí', detailEn: 'a line needs a criterion on at least one side' }))
    }
    const note = l.note === undefined ? undefined : typeof l.note === 'string' ? { vi: l.note, en: l.note } : { vi: l.note.vi, en: l.note.en ?? l.note.vi }
    const line: MappingLine = { from: fromNodes, to: toNodes, status: l.status, note, declared: true, at: i }
    lines.push(line)
    for (const n of fromNodes) lineOfA.set(n.code, line)
    for (const n of toNodes) lineOfB.set(n.code, line)
  })
  if (m.sameCode !== false) {
    for (const n of from.nodes) {
      if (!n.isLeaf || lineOfA.has(n.code) || lineOfB.has(n.code)) continue
      const b = to.node(n.code)
      if (!b || !b.isLeaf || b.index === 0) continue
      const line: MappingLine = { from: [n], to: [b], status: undefined, note: undefined, declared: false, at: undefined }
      lines.push(line)
      lineOfA.set(n.code, line)
      lineOfB.set(b.code, line)
    }
  }
  const facts = new Map<string, string>()
  const targets = new Map<string, string>()
  for (const [old, renamed] of Object.entries(m.facts ?? {})) {
    const before = targets.get(renamed)
    if (before !== undefined)
      issues.push(
        issue(
          'invalid_value',
          ['facts', old],
          { value: renamed, detail: `"${preview(before)}" cũng được đổi thành "${preview(renamed)}"`, detailEn: `"${preview(before)}" is renamed "${preview(renamed)}" too` },
          renamed,
        ),
      )
    targets.set(renamed, old)
    facts.set(old, renamed)
  }
  const adjustments = new Map<string, string | null>()
  for (const [old, renamed] of Object.entries(m.adjustments ?? {})) {
    if (!from.adjustments.some((x) => x.id === old)) issues.push(issue('unknown_adjustment', ['adjustments', old], { id: old }, old))
    if (renamed !== null && !to.adjustments.some((x) => x.id === renamed)) issues.push(issue('unknown_adjustment', ['adjustments', old], { id: renamed }, renamed))
    adjustments.set(old, renamed)
  }
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: { from, to, status: m.status, note: m.note, lines, lineOfA, lineOfB, facts, adjustments } }
}
