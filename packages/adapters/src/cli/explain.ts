/**
 * A unit's trace as a readable tree for the terminal.
 */
import type { RankedUnit, UnitResult } from '@chiso/core'
import { formatVi } from '../shared/text.js'

/** Options for {@link formatTraceTree}. */
export interface TraceTreeOptions {
  /** only this node's subtree, without the header (the whole tree for `"total"`) */
  readonly node?: string
  /** levels shown below each top node (default: all) */
  readonly depth?: number
}

/**
 * Renders a result evaluated with `{ trace: true }` as a tree: every node with its points
 * of its applicable maximum, and under each leaf the steps that decided it (rule branch,
 * self score, evidence, appraisal, adjustments).
 *
 * @example
 * ```ts
 * import { evaluate } from '@chiso/core'
 * import { formatTraceTree } from '@chiso/adapters/cli'
 * console.log(formatTraceTree(evaluate(pack, assessment, { trace: true })))
 * ```
 */
export function formatTraceTree(result: UnitResult, ranked?: RankedUnit, options: TraceTreeOptions = {}): string {
  const pack = result.pack
  const only = options.node === undefined ? undefined : pack.node(options.node)
  const name = result.assessment.unit?.name ?? result.unitId
  const lines: string[] = []
  const head = `${name} (${result.unitId}) — ${result.period}: ${formatVi(result.total)}/${formatVi(result.applicableMax)} điểm, chỉ số ${formatVi(result.index)}%`
  lines.push(ranked ? `${head}, xếp thứ ${ranked.rank}/${ranked.groupSize}${ranked.band ? `, xếp loại ${ranked.band.label.vi}` : ''}` : head)
  lines.push(`Bộ chỉ số ${pack.id}@${pack.version} · fingerprint ${result.fingerprint.slice(0, 16)}`)
  const walk = (i: number, prefix: string, last: boolean, depth = 0): void => {
    const n = pack.nodes[i]!
    const r = result.node(n.code)!
    const branch = last ? '└─ ' : '├─ '
    const na = r.notApplicable ? ' (không áp dụng)' : ''
    const idx = !n.isLeaf && r.index !== null ? ` (${formatVi(r.index)}%)` : ''
    lines.push(`${prefix}${branch}${n.code} ${n.title.vi}: ${formatVi(r.points)}/${formatVi(r.applicableMax)}${idx}${na}`)
    const inner = prefix + (last ? '   ' : '│  ')
    const t = r.trace
    if (n.isLeaf && t) {
      const pad = inner + '    · '
      for (const s of t.steps) lines.push(pad + s)
      for (const d of t.evidence?.documents ?? []) lines.push(`${pad}TLKC ${d.number ?? d.id}${d.title ? `: ${d.title}` : ''}`)
    } else if (t) {
      for (const a of t.adjustments) lines.push(`${inner}    · ${a.type === 'bonus' ? '+' : '−'}${a.applied} ${a.title.vi} (${a.detail})`)
    }
    if (options.depth !== undefined && depth >= options.depth) return
    n.children.forEach((c, k) => walk(c, inner, k === n.children.length - 1, depth + 1))
  }
  if (only && only.index !== 0) {
    // one node's subtree (no header), and the flags on it
    const start = lines.length
    const codes = new Set<string>()
    const mark = (i: number): void => {
      codes.add(pack.nodes[i]!.code)
      pack.nodes[i]!.children.forEach(mark)
    }
    mark(only.index)
    walk(only.index, '', true)
    for (const f of result.flags) if (codes.has(f.criterion)) lines.push(`! ${f.criterion}: ${f.message.vi}`)
    return lines.slice(start).join('\n')
  }
  const root = pack.nodes[0]!
  root.children.forEach((c, k) => walk(c, '', k === root.children.length - 1))
  for (const f of result.flags) lines.push(`! ${f.criterion}: ${f.message.vi}`)
  return lines.join('\n')
}
