/**
 * Finding the pack the CLI was asked for: a path to a pack JSON file, a pack id from
 * `@chiso/rules-vn-cchc` ("vn-cchc/commune-2019"), or a family ("vn-cchc/commune")
 * resolved for the year being scored.
 */
import { existsSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { createRegistry, safeCompilePack, type ChisoIssue, type CompiledPack, type PackRegistry } from '@chiso/core'
import { PackSchema } from '@chiso/core/schemas'

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

/**
 * The registry of the Vietnamese packs, plus any extra packs (e.g. a province's own file):
 * an extra pack replaces a shipped one of the same id and version; the packs found beside
 * (`beside`) only add what is neither shipped nor given.
 * @internal
 */
export async function registryWith(extra: readonly unknown[] = [], beside: readonly unknown[] = []): Promise<PackRegistry> {
  const rules = await loadRules()
  const base = rules?.packs ?? (rules?.vnCchc ? rules.vnCchc.list().map((s) => rules.vnCchc!.get(s.id, s.version)) : [])
  const extraKeys = new Set(extra.map((p) => keyOf(p)))
  const kept = base.filter((p) => !extraKeys.has(keyOf(p)))
  const taken = new Set([...extraKeys, ...kept.map((p) => keyOf(p))])
  return createRegistry([...kept, ...extra, ...beside.filter((p) => !taken.has(keyOf(p)))])
}

function keyOf(p: unknown): string {
  const o = p as { id?: unknown; version?: unknown } | null
  return `${String(o?.id)}@${String(o?.version)}`
}

/** Pack files larger than this are not read as candidate bases (a pack of a few hundred criteria is well under 1 MB). */
const MAX_CANDIDATE_BYTES = 8 * 1024 * 1024

/** The pack files that may serve as bases for `extends`, beyond the shipped packs. @internal */
export interface PackCandidates {
  /** the pack JSONs of the files given, each id@version once */
  readonly given: readonly unknown[]
  /** the pack JSONs found beside them whose id@version no file given holds */
  readonly beside: readonly unknown[]
  /** id@version held by two different files beside the packs (none given): left out, named when needed */
  readonly ambiguous: ReadonlyMap<string, readonly string[]>
  /** the folders searched, for messages */
  readonly folders: readonly string[]
}

/**
 * The rule for finding the base of a pack that `extends` another one that is not shipped
 * with chiso (a province extending its own earlier pack): every pack file given on the
 * command line, then every pack `.json` in the folder of each of them (not in sub-folders;
 * `*.test.json` and files that are no pack are ignored), then the shipped packs. A file
 * given wins over one found beside it with the same id and version; two different files
 * beside it with the same id and version are ambiguous and neither is used.
 * @internal
 */
export async function packCandidates(files: readonly string[], cwd: string): Promise<PackCandidates> {
  const given = [...new Set(files.map((f) => resolve(cwd, f)))]
  const folders = [...new Set(given.map((f) => dirname(f)))]
  const beside: string[] = []
  for (const dir of folders) {
    const names = await readdir(dir).catch(() => [] as string[])
    for (const n of names.sort()) {
      const f = join(dir, n)
      if (/\.json$/i.test(n) && !/\.test\.json$/i.test(n) && !given.includes(f) && !beside.includes(f)) beside.push(f)
    }
  }
  const read = async (f: string): Promise<unknown> => {
    const s = await stat(f).catch(() => undefined)
    if (!s?.isFile() || s.size > MAX_CANDIDATE_BYTES) return undefined
    try {
      const j: unknown = JSON.parse(await readFile(f, 'utf8'))
      return PackSchema.safeParse(j).success ? j : undefined
    } catch {
      return undefined
    }
  }
  const byKey = new Map<string, { json: unknown; file: string; given: boolean; text: string }>()
  const ambiguous = new Map<string, string[]>()
  for (const [list, isGiven] of [
    [given, true],
    [beside, false],
  ] as const) {
    for (const f of list) {
      const j = await read(f)
      if (j === undefined) continue
      const key = keyOf(j)
      const had = byKey.get(key)
      const text = JSON.stringify(j)
      if (!had) byKey.set(key, { json: j, file: f, given: isGiven, text })
      else if (!had.given && !isGiven && had.text !== text) ambiguous.set(key, [...(ambiguous.get(key) ?? [had.file]), f])
    }
  }
  for (const k of ambiguous.keys()) byKey.delete(k)
  const all = [...byKey.values()]
  return { given: all.filter((v) => v.given).map((v) => v.json), beside: all.filter((v) => !v.given).map((v) => v.json), ambiguous, folders }
}

/** The message of a base pack not found: where chiso looked and how to give it. @internal */
export function baseMissing(i: ChisoIssue, c: PackCandidates, cwd: string): ChisoIssue {
  const ext = i.value as { id?: unknown; version?: unknown } | undefined
  const name = `${String(ext?.id)}${typeof ext?.version === 'string' ? `@${ext.version}` : ''}`
  const shown = (f: string): string => {
    const r = relative(cwd, f)
    return r === '' ? '.' : r.startsWith('..') ? f : r
  }
  const twice = c.ambiguous.get(name)
  if (twice) {
    const files = twice.map(shown).join(', ')
    return {
      ...i,
      message: {
        vi: `Bộ chỉ số gốc ${name} có trong nhiều tệp khác nhau (${files}): không biết dùng tệp nào; hãy giữ một tệp, hoặc nêu đúng tệp đó trong lệnh`,
        en: `The base pack ${name} is in several different files (${files}): which one to use is undecided; keep one, or name the right one on the command line`,
      },
    }
  }
  const folders = c.folders.map(shown).join(', ')
  return {
    ...i,
    message: {
      vi: `Không tìm thấy bộ chỉ số gốc ${name}: không có trong các tệp đã cho, các tệp .json cùng thư mục (${folders}) hay các bộ chỉ số có sẵn; hãy đặt tệp JSON của bộ chỉ số gốc cùng thư mục với tệp này (hoặc nêu cả tệp đó trong lệnh, khi lệnh nhận nhiều tệp bộ chỉ số)`,
      en: `Base pack ${name} not found: it is not among the files given, the .json files in the same folder (${folders}) or the shipped packs; put the base pack's JSON file in the same folder as this one (or name that file too, where the command takes several pack files)`,
    },
  }
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
export async function loadPack(spec: string, options: { year?: string; unitKind?: string; cwd?: string; packFiles?: readonly string[] } = {}): Promise<LoadPackResult> {
  const cwd = options.cwd ?? process.cwd()
  const path = resolve(cwd, spec)
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
      // the base: among the files given, the pack files beside them, then the shipped packs
      const candidates = await packCandidates([path, ...(options.packFiles ?? [])], cwd)
      try {
        const reg = await registryWith([json, ...candidates.given.filter((p) => keyOf(p) !== keyOf(json))], candidates.beside)
        const { id, version } = json as { id: string; version: string }
        r = reg.safeCompile(id, version)
      } catch (e) {
        const issues = (e as { issues?: ChisoIssue[] }).issues
        if (issues) return { ok: false, kind: 'invalid', issues, file: spec }
        throw e
      }
      if (!r.ok) return { ok: false, kind: 'invalid', issues: r.issues.map((i) => (i.code === 'base_pack_missing' ? baseMissing(i, candidates, cwd) : i)), file: spec }
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
    message: {
      vi: `Không có bộ chỉ số "${spec}" trong các bộ có sẵn (có: ${known}). Bộ chỉ số riêng (của tỉnh) được nêu bằng đường dẫn tệp .json của nó.`,
      en: `No pack "${spec}" among the shipped packs (known: ${known}). A pack of your own (a province's) is named by the path of its .json file.`,
    },
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
