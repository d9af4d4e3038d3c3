/**
 * Packs, content-addressed: every version a province has used is kept, keyed by the hash of
 * its JSON; the same content twice is one row, another content under a taken id@version is
 * refused.
 */
import { canonicalJson, checkInputLimits, ChisoError, compareVersions, contentHash, createRegistry, type ChisoIssue, type PackRegistry } from '@chiso/core'
import { Args } from './args.js'
import type { StoreContext } from './context.js'
import type { Queryable } from './driver.js'
import { storeIssue, StoreError, underPath, type StoreIssue } from './errors.js'

/** A pack the store holds. */
export interface StoredPack {
  readonly id: string
  readonly version: string
  /** sha256 of the pack's canonical JSON as given (its address in the store) */
  readonly sourceHash: string
  /** the compiled pack's content hash (after `extends`), the one result records name */
  readonly contentHash: string
}

/** Arguments of {@link Store.putPacks}. */
export interface PutPacksInput {
  readonly province: string
  /** pack JSON objects; a pack that extends another needs that one stored or given too */
  readonly packs: readonly unknown[]
  readonly actor: string
}

/** Outcome of {@link Store.putPacks}. */
export interface PutPacksResult {
  readonly added: readonly StoredPack[]
  /** packs the province already held with the same content */
  readonly unchanged: readonly StoredPack[]
}

const packOf = (r: Record<string, unknown>): StoredPack => ({
  id: String(r.pack_id),
  version: String(r.version),
  sourceHash: String(r.source_hash),
  contentHash: String(r.content_hash),
})

/** @internal */
export async function putPacks(ctx: StoreContext, input: PutPacksInput): Promise<PutPacksResult> {
  const a = new Args()
  const province = a.province(input.province)
  const actor = a.text('actor', input.actor)
  if (!Array.isArray(input.packs) || input.packs.length === 0)
    a.issues.push(storeIssue('invalid_value', ['packs'], { vi: '"packs" phải là danh sách bộ chỉ số không rỗng', en: '"packs" must be a non-empty list of packs' }, input.packs))
  // the engine's input limits before anything walks a pack (hashing it is a recursive walk)
  else
    input.packs.forEach((raw, index) => {
      for (const i of checkInputLimits(raw)) a.issues.push({ ...i, path: ['packs', index, ...i.path] })
    })
  a.done()
  return ctx.write(province, 'putPacks', async (w) => {
    const stored = await w.tx.query('select pack_id, version, source_hash, content_hash, body from packs where province = $1', [province])
    const bySource = new Map(stored.map((r) => [String(r.source_hash), packOf(r)]))
    const byKey = new Map(stored.map((r) => [`${r.pack_id}@${r.version}`, packOf(r)]))
    const issues: StoreIssue[] = []
    const fresh: { index: number; pack: Record<string, unknown>; body: string; sourceHash: string }[] = []
    const unchanged: StoredPack[] = []
    const seen = new Set<string>()
    input.packs.forEach((raw, index) => {
      let body: string
      try {
        body = canonicalJson(raw)
      } catch (e) {
        issues.push(storeIssue('invalid_value', ['packs', index], { vi: `Bộ chỉ số không phải JSON: ${(e as Error).message}`, en: `The pack is not JSON: ${(e as Error).message}` }))
        return
      }
      const sourceHash = contentHash(raw)
      const known = bySource.get(sourceHash)
      if (known) return void unchanged.push(known)
      if (seen.has(sourceHash)) return
      seen.add(sourceHash)
      const pack = JSON.parse(body) as Record<string, unknown>
      const taken = byKey.get(`${String(pack.id)}@${String(pack.version)}`)
      if (taken) {
        issues.push(
          storeIssue(
            'pack_version_taken',
            ['packs', index, 'version'],
            {
              vi: `Tỉnh ${province} đã lưu ${taken.id}@${taken.version} với nội dung khác: một phiên bản đã dùng không được đổi nội dung, hãy tăng số phiên bản`,
              en: `Province ${province} already holds ${taken.id}@${taken.version} with other content: a version once used never changes, give it a new version number`,
            },
            `${taken.id}@${taken.version}`,
          ),
        )
        return
      }
      fresh.push({ index, pack, body, sourceHash })
    })
    if (issues.length > 0) throw new StoreError(issues)
    if (fresh.length === 0) return { added: [], unchanged }
    // every new pack must compile, composed over what the province holds
    let registry: PackRegistry
    try {
      registry = createRegistry([...fresh.map((f) => f.pack), ...stored.map((r) => JSON.parse(String(r.body)) as unknown)])
    } catch (e) {
      if (!(e instanceof ChisoError)) throw e
      throw new StoreError(
        e.issues.map((i) =>
          remap(
            i,
            fresh.map((f) => f.index),
          ),
        ),
      )
    }
    const added: StoredPack[] = []
    for (const f of fresh) {
      const c = registry.safeCompile(String(f.pack.id), String(f.pack.version))
      if (!c.ok) {
        for (const i of underPath(c.issues, ['packs', f.index])) issues.push(i)
        continue
      }
      added.push({ id: c.value.id, version: c.value.version, sourceHash: f.sourceHash, contentHash: c.value.contentHash })
    }
    if (issues.length > 0) throw new StoreError(issues)
    await w.append([
      {
        kind: 'packs.added',
        stream: null,
        streamVersion: null,
        actor,
        rows: added.map((p, k) => ({
          table: 'packs' as const,
          values: { pack_id: p.id, version: p.version, source_hash: p.sourceHash, content_hash: p.contentHash, body: fresh[k]!.body },
        })),
      },
    ])
    return { added, unchanged }
  })
}

/** A registry issue's path `[i, …]` back to the caller's `['packs', index, …]`. */
function remap(i: ChisoIssue, indexes: readonly number[]): StoreIssue {
  const [first, ...rest] = i.path
  if (typeof first === 'number' && first < indexes.length) return { ...i, path: ['packs', indexes[first]!, ...rest] }
  return { ...i, path: ['packs', ...i.path] }
}

/**
 * The province's packs by id, each id's versions in semver precedence (lowest first: the
 * last of an id is its highest version, whatever order they were stored in).
 * @internal
 */
export async function listPacks(q: Queryable, province: string): Promise<StoredPack[]> {
  const a = new Args()
  a.province(province)
  a.done()
  const rows = (await q.query('select pack_id, version, source_hash, content_hash from packs where province = $1 order by pack_id, id', [province])).map(packOf)
  return rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : compareVersions(x.version, y.version)))
}

/** @internal */
export async function getPackJson(q: Queryable, province: string, id: string, version: string): Promise<unknown | undefined> {
  const rows = await q.query<{ body: string }>('select body from packs where province = $1 and pack_id = $2 and version = $3', [province, id, version])
  return rows[0] ? (JSON.parse(rows[0].body) as unknown) : undefined
}
