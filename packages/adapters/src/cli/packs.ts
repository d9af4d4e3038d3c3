/**
 * Finding the pack the CLI was asked for: a path to a pack JSON file, a pack id from
 * `@chiso/rules-vn-cchc` ("vn-cchc/commune-2019"), or a family ("vn-cchc/commune")
 * resolved for the year being scored.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createRegistry, safeCompilePack, type ChisoIssue, type CompiledPack, type PackRegistry } from '@chiso/core'

/** What the CLI uses from `@chiso/rules-vn-cchc` (loaded lazily; the CLI works without it for pack files). */
export interface RulesModule {
  readonly packs?: readonly unknown[]
  readonly packById?: (id: string) => unknown
  readonly vnCchc?: PackRegistry
  readonly generateSampleProvince?: (options: { seed?: number; years?: readonly number[] }) => unknown
}

let rulesCache: Promise<RulesModule | undefined> | undefined

/**
 * Loads `@chiso/rules-vn-cchc` once; undefined when it is not installed.
 *
 * @example
 * ```ts
 * import { loadRules } from '@chiso/adapters/cli'
 * const rules = await loadRules()
 * rules?.vnCchc?.list().map((p) => p.id)
 * ```
 */
export function loadRules(): Promise<RulesModule | undefined> {
  rulesCache ??= import('@chiso/rules-vn-cchc').then(
    (m) => m as unknown as RulesModule,
    () => undefined,
  )
  return rulesCache
}

/** The registry of the Vietnamese packs, plus any extra packs (e.g. a province's own file). @internal */
export async function registryWith(extra: readonly unknown[] = []): Promise<PackRegistry> {
  const rules = await loadRules()
  const base = rules?.packs ?? (rules?.vnCchc ? rules.vnCchc.list().map((s) => rules.vnCchc!.get(s.id, s.version)) : [])
  const extraKeys = new Set(extra.map((p) => keyOf(p)))
  return createRegistry([...base.filter((p) => !extraKeys.has(keyOf(p))), ...extra])
}

function keyOf(p: unknown): string {
  const o = p as { id?: unknown; version?: unknown } | null
  return `${String(o?.id)}@${String(o?.version)}`
}

/** The outcome of {@link loadPack}. */
export type LoadPackResult =
  | { readonly ok: true; readonly pack: CompiledPack; readonly json: unknown; readonly from: 'file' | 'registry' }
  | { readonly ok: false; readonly kind: 'not_found'; readonly message: { vi: string; en: string } }
  | { readonly ok: false; readonly kind: 'invalid'; readonly issues: readonly ChisoIssue[]; readonly file?: string }

/**
 * Loads and compiles a pack from a path, an id or a family. A family is resolved for
 * `year` (the pack in force on 31 December of that year) and `unitKind` (default: the
 * family's first unit kind).
 *
 * @example
 * ```ts
 * import { loadPack } from '@chiso/adapters/cli'
 * const r = await loadPack('vn-cchc/commune', { year: '2024' })
 * if (r.ok) console.log(r.pack.id, r.pack.version) // vn-cchc/commune-2019 1.0.0
 * ```
 */
export async function loadPack(spec: string, options: { year?: string; unitKind?: string; cwd?: string } = {}): Promise<LoadPackResult> {
  const path = resolve(options.cwd ?? process.cwd(), spec)
  if (spec.endsWith('.json') || existsSync(path)) {
    let json: unknown
    try {
      json = JSON.parse(await readFile(path, 'utf8'))
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT'
      if (missing) return { ok: false, kind: 'not_found', message: { vi: `Không tìm thấy tệp bộ chỉ số ${spec}`, en: `Pack file ${spec} not found` } }
      return {
        ok: false,
        kind: 'invalid',
        file: spec,
        issues: [{ code: 'invalid_json', path: [], message: { vi: `Tệp ${spec} không phải JSON hợp lệ: ${(e as Error).message}`, en: `${spec} is not valid JSON: ${(e as Error).message}` } }],
      }
    }
    const o = json as { extends?: unknown; patches?: unknown } | null
    let r
    if (o && typeof o === 'object' && (o.extends !== undefined || o.patches !== undefined)) {
      try {
        const reg = await registryWith([json])
        const { id, version } = json as { id: string; version: string }
        r = reg.safeCompile(id, version)
      } catch (e) {
        const issues = (e as { issues?: ChisoIssue[] }).issues
        if (issues) return { ok: false, kind: 'invalid', issues, file: spec }
        throw e
      }
    } else {
      r = safeCompilePack(json)
    }
    if (!r.ok) return { ok: false, kind: 'invalid', issues: r.issues, file: spec }
    return { ok: true, pack: r.value, json, from: 'file' }
  }
  const rules = await loadRules()
  const reg = rules?.vnCchc ?? (rules?.packs ? await registryWith() : undefined)
  if (!reg) {
    return {
      ok: false,
      kind: 'not_found',
      message: { vi: `Không tìm thấy bộ chỉ số "${spec}" (chưa cài @chiso/rules-vn-cchc)`, en: `Pack "${spec}" not found (@chiso/rules-vn-cchc is not installed)` },
    }
  }
  const [id, version] = spec.split('@') as [string, string | undefined]
  if (reg.get(id, version)) {
    const r = reg.safeCompile(id, version)
    if (!r.ok) return { ok: false, kind: 'invalid', issues: r.issues }
    return { ok: true, pack: r.value, json: reg.get(id, version), from: 'registry' }
  }
  const family = reg.list().filter((p) => p.family === id)
  if (family.length > 0) {
    const unitKind = options.unitKind ?? family[0]!.appliesTo?.[0] ?? 'unit'
    const year = options.year ?? String(new Date().getFullYear())
    const date = /^\d{4}$/.test(year) ? `${year}-12-31` : year
    const r = reg.resolve({ family: id, unitKind, date })
    if (!r.ok) return { ok: false, kind: 'invalid', issues: r.issues }
    return { ok: true, pack: r.value, json: reg.get(r.value.id, r.value.version), from: 'registry' }
  }
  const known = [...new Set(reg.list().flatMap((p) => [p.id, ...(p.family ? [p.family] : [])]))].sort().join(', ')
  return {
    ok: false,
    kind: 'not_found',
    message: { vi: `Không có bộ chỉ số "${spec}". Có: ${known}`, en: `No pack "${spec}". Known: ${known}` },
  }
}

/** The editions of a family, resolved for a period's year. @internal */
export interface FamilyResolver {
  readonly family: string
  /** the edition in force on 31 December of the period's year; undefined when none is */
  packFor(period: string): CompiledPack | undefined
  /** the latest edition, for forms that state no period (they are reported as such) */
  latest(): CompiledPack
}

/**
 * When `spec` names a family of the registry (not a file, not a pack id), a resolver of
 * its editions by period, for the unit kind given (default: the family's first).
 * @internal
 */
export async function familyResolver(spec: string, options: { unitKind?: string; cwd?: string } = {}): Promise<FamilyResolver | undefined> {
  if (spec.endsWith('.json') || existsSync(resolve(options.cwd ?? process.cwd(), spec))) return undefined
  const rules = await loadRules()
  const reg = rules?.vnCchc ?? (rules?.packs ? await registryWith() : undefined)
  if (!reg || reg.get(spec.split('@')[0]!)) return undefined
  const family = reg.list().filter((p) => p.family === spec)
  if (family.length === 0) return undefined
  const unitKind = options.unitKind ?? family[0]!.appliesTo?.[0] ?? 'unit'
  const cache = new Map<string, CompiledPack | undefined>()
  const newest = [...family].sort((a, b) => (a.effective?.from ?? '').localeCompare(b.effective?.from ?? '')).at(-1)!
  return {
    family: spec,
    latest: () => reg.compile(newest.id, newest.version),
    packFor(period) {
      const year = period.match(/\d{4}/)?.[0]
      if (year === undefined) return undefined
      if (!cache.has(year)) {
        const r = reg.resolve({ family: spec, unitKind, date: `${year}-12-31` })
        cache.set(year, r.ok ? r.value : undefined)
      }
      return cache.get(year)
    },
  }
}
