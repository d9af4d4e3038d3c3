/**
 * The pack registry: which pack applies to a unit kind on a date, compiled once and
 * cached; plus a coverage check that sweeps the dates of a family for gaps and overlaps
 * between editions.
 */
import { safeCompilePack, type CompiledPack, type Pack } from './compile.js'
import type { Engine } from '../engine/engine.js'
import { append, ChisoError, issue, preview, type ChisoIssue, type SafeResult } from '../util/errors.js'
import { PackSchema } from './schemas.js'
import { parseWith } from './validate.js'
import { compareVersions, precedenceKey } from './versions.js'
import { arrayArgumentIssue, compiledPackGivenIssue, throwIfAny } from '../util/arguments.js'

/** What the registry knows of each pack without compiling it. */
export interface PackSummary {
  readonly id: string
  readonly version: string
  readonly family: string | undefined
  readonly appliesTo: readonly string[] | undefined
  readonly effective: { readonly from: string; readonly to?: string | undefined } | undefined
}

/** A gap or an overlap found by {@link PackRegistry.checkCoverage}. */
export interface CoverageProblem extends ChisoIssue {
  readonly kind: 'gap' | 'overlap'
  readonly unitKind: string
  /** first day of the problem (ISO date) */
  readonly from: string
  /** last day of the problem (ISO date) */
  readonly to: string
  /** the packs in force during an overlap */
  readonly packs: readonly string[]
}

/** Which pack to resolve. */
export interface ResolveQuery {
  readonly family: string
  readonly unitKind: string
  /** ISO date, e.g. "2019-12-31" */
  readonly date: string
}

/** A set of packs, resolvable by family, unit kind and date. */
export interface PackRegistry {
  /** every pack, as summaries */
  list(): PackSummary[]
  /** the raw pack JSON by id, and version (the highest version when omitted) */
  get(id: string, version?: string): Pack | undefined
  /** compiles a pack (composing `extends`), cached; throws ChisoError */
  compile(id: string, version?: string): CompiledPack
  /** like compile, returning issues instead of throwing */
  safeCompile(id: string, version?: string): SafeResult<CompiledPack>
  /** the one pack in force for a unit kind on a date, or `no_pack_in_force` / `ambiguous_packs` */
  resolve(query: ResolveQuery): SafeResult<CompiledPack>
  /** every gap and overlap between editions of a family over [from, to] */
  checkCoverage(family: string, from: string, to: string, options?: { unitKinds?: readonly string[] }): CoverageProblem[]
}

export { compareVersions }

const DAY = 86_400_000
/** Options of {@link createRegistry}. */
export interface RegistryOptions {
  /** the engine that compiles the packs (its rule kinds and operators); the default engine when absent */
  readonly engine?: Engine
}

const toDay = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY)
const fromDay = (d: number): string => new Date(d * DAY).toISOString().slice(0, 10)

/**
 * Builds a registry from pack JSON objects. Every pack is validated at once; a registry
 * with problems (invalid packs, duplicate id@version) throws one ChisoError listing all.
 *
 * @example
 * ```ts
 * import { createRegistry } from '@chiso/core'
 * const registry = createRegistry([national2019, national2022, provinceCommune])
 * const r = registry.resolve({ family: 'vn-cchc/commune', unitKind: 'commune', date: '2019-12-31' })
 * if (r.ok) console.log(r.value.id, r.value.version)
 * registry.checkCoverage('vn-cchc/commune', '2019-01-01', '2025-12-31') // [] when editions tile the years
 * // packs that use a plug-in kind or operator: compiled by the engine that has it
 * const own = createRegistry([provincePack], { engine: createEngine().addOperator('atLeast', (a, b) => Number(a) >= Number(b)) })
 * ```
 */
export function createRegistry(packs: readonly unknown[], options: RegistryOptions = {}): PackRegistry {
  const notList = arrayArgumentIssue(packs, ['packs'])
  throwIfAny(notList && [notList], 'pack registry')
  const compile = options.engine?.safeCompilePack ?? safeCompilePack
  const issues: ChisoIssue[] = []
  const byId = new Map<string, Pack[]>()
  // id and version without build metadata → the first pack of that precedence
  const byPrecedence = new Map<string, Pack>()
  packs.forEach((raw, i) => {
    const compiled = compiledPackGivenIssue(raw, [i])
    if (compiled) return void issues.push(compiled)
    const p = parseWith(PackSchema, raw, [i])
    if (!p.data) {
      append(issues, p.issues)
      return
    }
    const list = byId.get(p.data.id) ?? []
    // versions of equal precedence ("1.0.0+a", "1.0.0+b") would leave "the highest" undecided
    const key = `${p.data.id}\u0000${precedenceKey(p.data.version)}`
    const same = byPrecedence.get(key)
    if (same) {
      issues.push(
        issue(
          'duplicate_pack',
          [i, 'version'],
          { pack: `${preview(p.data.id)}@${preview(p.data.version)}`, ...(same.version === p.data.version ? {} : { same: same.version }) },
          `${p.data.id}@${p.data.version}`,
        ),
      )
    } else byPrecedence.set(key, p.data)
    list.push(p.data)
    byId.set(p.data.id, list)
  })
  if (issues.length > 0) throw new ChisoError(issues, 'pack registry')
  for (const list of byId.values()) list.sort((a, b) => compareVersions(b.version, a.version))

  const get = (id: string, version?: string): Pack | undefined => {
    const list = byId.get(id)
    if (!list) return undefined
    return version === undefined ? list[0] : list.find((p) => p.version === version)
  }
  const cache = new Map<string, SafeResult<CompiledPack>>()
  const safeCompile = (id: string, version?: string): SafeResult<CompiledPack> => {
    const pack = get(id, version)
    if (!pack) {
      return {
        ok: false,
        issues: [issue('unknown_pack', [], { pack: `${preview(id)}${version ? `@${preview(version)}` : ''}` }, id)],
      }
    }
    const key = `${pack.id}@${pack.version}`
    let r = cache.get(key)
    if (!r) {
      r = compile(pack, { resolveBase: (bid, bver) => get(bid, bver) })
      cache.set(key, r)
    }
    return r
  }
  const all = (): Pack[] => [...byId.values()].flat()
  const inForce = (family: string, unitKind: string, day: number): Pack[] => {
    // for each id only the highest version in force counts; distinct ids in force overlap
    const seen = new Set<string>()
    const out: Pack[] = []
    for (const p of all()) {
      if ((p.family ?? p.id) !== family) continue
      if (p.appliesTo && !p.appliesTo.includes(unitKind)) continue
      const from = p.effective ? toDay(p.effective.from) : Number.NEGATIVE_INFINITY
      const to = p.effective?.to ? toDay(p.effective.to) : Number.POSITIVE_INFINITY
      if (day < from || day > to) continue
      if (seen.has(p.id)) continue
      seen.add(p.id)
      out.push(p)
    }
    return out
  }

  return {
    list: () => all().map((p) => ({ id: p.id, version: p.version, family: p.family, appliesTo: p.appliesTo, effective: p.effective })),
    get,
    safeCompile,
    compile(id, version) {
      const r = safeCompile(id, version)
      if (!r.ok) throw new ChisoError(r.issues, `pack ${id}`)
      return r.value
    },
    resolve({ family, unitKind, date }) {
      const found = inForce(family, unitKind, toDay(date))
      if (found.length === 0) {
        return {
          ok: false,
          issues: [issue('no_pack_in_force', [], { family, unitKind, date }, { family, unitKind, date })],
        }
      }
      if (found.length > 1) {
        const names = found.map((p) => `${p.id}@${p.version}`)
        return {
          ok: false,
          issues: [issue('ambiguous_packs', [], { date, packs: names.join(', ') }, names)],
        }
      }
      return safeCompile(found[0]!.id, found[0]!.version)
    },
    checkCoverage(family, from, to, options = {}) {
      const members = all().filter((p) => (p.family ?? p.id) === family)
      const kinds = options.unitKinds ?? [...new Set(members.flatMap((p) => p.appliesTo ?? ['*']))].sort()
      const start = toDay(from)
      const end = toDay(to)
      const problems: CoverageProblem[] = []
      for (const kind of kinds) {
        // sweep only the days where the set of packs in force can change
        const cuts = new Set<number>([start])
        for (const p of members) {
          if (p.effective) {
            const f = toDay(p.effective.from)
            if (f > start && f <= end) cuts.add(f)
            if (p.effective.to) {
              const t = toDay(p.effective.to) + 1
              if (t > start && t <= end) cuts.add(t)
            }
          }
        }
        const points = [...cuts].sort((a, b) => a - b)
        let open: { kind: 'gap' | 'overlap'; from: number; to: number; packs: string[] } | undefined
        const flush = (): void => {
          if (!open) return
          const f = fromDay(open.from)
          const t = fromDay(open.to)
          problems.push({
            ...(open.kind === 'gap'
              ? issue('coverage_gap', [], { family, unitKind: kind, from: f, to: t }, { from: f, to: t })
              : issue('coverage_overlap', [], { packs: open.packs.join(', '), from: f, to: t }, { from: f, to: t })),
            kind: open.kind,
            unitKind: kind,
            from: f,
            to: t,
            packs: open.packs,
          })
          open = undefined
        }
        points.forEach((day, k) => {
          const segEnd = k + 1 < points.length ? points[k + 1]! - 1 : end
          const here = inForce(family, kind === '*' ? '' : kind, day).filter((p) => kind !== '*' || !p.appliesTo)
          const state = here.length === 0 ? 'gap' : here.length > 1 ? 'overlap' : undefined
          const packs = here.map((p) => `${p.id}@${p.version}`).sort()
          if (open && (state !== open.kind || (state === 'overlap' && packs.join() !== open.packs.join()))) flush()
          if (state) {
            if (open) open.to = segEnd
            else open = { kind: state, from: day, to: segEnd, packs: state === 'overlap' ? packs : [] }
          }
        })
        flush()
      }
      return problems
    },
  }
}
