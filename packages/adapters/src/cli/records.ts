/**
 * Reading saved result records (`chiso score --save`: `{ kind: 'chiso.result-records',
 * records }`) back for the analyses: each record recalculated under the pack it names, so
 * an analysis works on stored results and says when one no longer reproduces.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { safeRecalculate, type ChisoIssue, type CompiledPack, type PackRegistry, type UnitResult } from '@chiso/core'
import { coreIssueLine, err, EXIT, UsageError, type Ctx } from './context.js'
import { say } from './common.js'
import { packCandidates, registryWith } from './packs.js'

/** One record read back. @internal */
export interface ReadRecord {
  readonly file: string
  readonly index: number
  /** the result recalculated under the pack the record names */
  readonly result: UnitResult
  readonly pack: CompiledPack
  /** whether the recalculation reproduced every stored figure */
  readonly identical: boolean
}

/**
 * Reads record files and the extra pack files (a province's own packs), recalculates every
 * record, and reports on stderr — with file and position — each record that cannot be read
 * or no longer reproduces (exit code 1, the others still used). @internal
 */
export async function readRecords(ctx: Ctx, files: readonly string[], packFiles: readonly string[] = []): Promise<{ records: ReadRecord[]; unread: UnreadRecord[]; registry: PackRegistry }> {
  const registry = await packRegistry(ctx, packFiles)
  const records: ReadRecord[] = []
  const unread: UnreadRecord[] = []
  const missing = new Set<string>()
  for (const file of files) {
    const data = await readJson(ctx, file)
    if (data === undefined) continue
    const list = recordsIn(data) ?? [data]
    list.forEach((rec, index) => {
      const r = safeRecalculate(rec, { registry })
      if (!r.ok) {
        const raw = rec as { unitId?: unknown; period?: unknown; pack?: { id?: unknown }; assessment?: { unit?: { name?: unknown } } } | null
        const unitId = typeof raw?.unitId === 'string' ? raw.unitId : undefined
        const named = raw?.assessment?.unit?.name
        const name = typeof named === 'string' && named.trim() !== '' ? named : unitId
        unread.push({
          file,
          index,
          ...(unitId !== undefined ? { unitId } : {}),
          ...(name !== undefined ? { name } : {}),
          ...(typeof raw?.period === 'string' ? { period: raw.period } : {}),
          ...(typeof raw?.pack?.id === 'string' ? { packId: raw.pack.id } : {}),
        })
        err(ctx, `${file} [${index}]${name !== undefined ? ` ${name}` : ''}: ${say(ctx, 'không đọc được bản ghi:', 'cannot read the record:')}`)
        for (const line of recordIssueLines(ctx, r.issues, missing)) err(ctx, `  - ${line}`)
        ctx.code = EXIT.problems
        return
      }
      const result = r.value.result
      if (!r.value.identical) {
        const n = r.value.differences.length
        err(
          ctx,
          `${file} [${index}] ${result.assessment.unit?.name ?? result.unitId} ${result.period}: ${say(
            ctx,
            `tính lại không khớp bản ghi (${n} khác biệt; chiso recalc để xem) — dùng kết quả tính lại`,
            `recalculation differs from the record (${n} difference${n === 1 ? '' : 's'}; see chiso recalc) — the recalculated result is used`,
          )}`,
        )
        ctx.code = EXIT.problems
      }
      records.push({ file, index, result, pack: result.pack, identical: r.value.identical })
    })
  }
  if (missing.size > 0) err(ctx, `\n${missingPackHint(ctx, [...missing])}`)
  return { records, unread, registry }
}

/** A record that could not be recalculated: what of it can still be told. @internal */
export interface UnreadRecord {
  readonly file: string
  readonly index: number
  readonly unitId?: string
  /** the unit's name, else its id */
  readonly name?: string
  readonly period?: string
  readonly packId?: string
}

/**
 * The registry records are recalculated in: the shipped packs, the pack files given with
 * `--pack` and the pack files beside them (a province pack that extends its earlier one).
 * A file that is not found, not JSON or not a valid pack is a usage error naming it.
 * @internal
 */
export async function packRegistry(ctx: Ctx, packFiles: readonly string[]): Promise<PackRegistry> {
  for (const f of packFiles) {
    const j = await readJson(ctx, f, true, '--pack: ')
    const o = j as { id?: unknown; version?: unknown } | null
    if (!o || typeof o !== 'object' || typeof o.id !== 'string' || typeof o.version !== 'string')
      throw new UsageError(say(ctx, `--pack ${f}: không phải tệp bộ chỉ số (JSON có "id" và "version")`, `--pack ${f}: not a pack file (JSON with "id" and "version")`))
  }
  const given = []
  for (const f of packFiles) given.push(await readJson(ctx, f, true, '--pack: '))
  try {
    const c = await packCandidates(packFiles, ctx.io.cwd)
    return await registryWith(given, c.beside)
  } catch (e) {
    const issues = (e as { issues?: readonly ChisoIssue[] }).issues
    if (!issues) throw e
    throw new UsageError(`--pack:\n${issues.map((i) => `  - ${coreIssueLine(i, ctx.lang)}`).join('\n')}`)
  }
}

/** The records a parsed records file holds (a list, or `{ records: [...] }`); undefined when it has no list. @internal */
export function recordsIn(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data
  const records = (data as { records?: unknown } | null)?.records
  return Array.isArray(records) ? records : undefined
}

/**
 * A record's problems, one line each: a pack chiso does not have is said in words (and
 * added to `missing`, for one {@link missingPackHint} after every record). @internal
 */
export function recordIssueLines(ctx: Ctx, issues: readonly ChisoIssue[], missing: Set<string>): string[] {
  return issues.map((i) => {
    const pack = unknownPack(i)
    if (pack === undefined) return coreIssueLine(i, ctx.lang)
    missing.add(pack)
    return `${missingPackText(ctx, pack)} [${i.code}]`
  })
}

/** The pack a record names when the registry does not hold it (`unknown_pack`), as id@version. @internal */
export function unknownPack(i: ChisoIssue): string | undefined {
  if (i.code !== 'unknown_pack') return undefined
  // the message names id@version; the value only the id
  return i.message.en.match(/[^\s"]+@[^\s"]+/)?.[0] ?? (typeof i.value === 'string' ? i.value : undefined)
}

/** A record names a pack chiso does not have. @internal */
export function missingPackText(ctx: Ctx, pack: string): string {
  return say(
    ctx,
    `Bản ghi được chấm theo bộ chỉ số ${pack}, không có sẵn trong chiso và không có trong các tệp --pack đã cho`,
    `The record was scored under pack ${pack}, which is neither shipped with chiso nor among the --pack files given`,
  )
}

/** What to do about records under packs chiso does not have: give their files with --pack. @internal */
export function missingPackHint(ctx: Ctx, packs: readonly string[]): string {
  return say(
    ctx,
    `Thiếu bộ chỉ số ${packs.join(', ')} (bộ riêng của tỉnh?): hãy đưa tệp JSON của bộ chỉ số đó bằng --pack <tệp> (các tệp .json cùng thư mục với tệp đó cũng được dùng, như bộ chỉ số gốc mà nó kế thừa)`,
    `Missing pack ${packs.join(', ')} (a province's own pack?): give its JSON file with --pack <file> (the .json files in the same folder are used too, such as the base pack it extends)`,
  )
}

async function readJson(ctx: Ctx, file: string, required = false, option = ''): Promise<unknown> {
  let text: string
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(say(ctx, `${option}Không tìm thấy tệp ${file}`, `${option}File not found: ${file}`))
    throw new UsageError(say(ctx, `Không đọc được tệp ${file}: ${(e as Error).message}`, `Cannot read ${file}: ${(e as Error).message}`))
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    if (required) throw new UsageError(say(ctx, `${option}${file}: không phải JSON hợp lệ: ${(e as Error).message}`, `${option}${file}: not valid JSON: ${(e as Error).message}`))
    // one bad file does not stop the others
    err(ctx, say(ctx, `${file}: không phải JSON hợp lệ: ${(e as Error).message}`, `${file}: not valid JSON: ${(e as Error).message}`))
    ctx.code = EXIT.problems
    return undefined
  }
}

/**
 * Years from `--years`: "2022..2024", "2022,2024" or "2024". @internal
 */
export function parseYears(spec: string, ctx?: Ctx): (period: string) => boolean {
  const t = (vi: string, en: string): string => (ctx ? say(ctx, vi, en) : vi)
  const range = /^\s*(\d{4})\s*\.\.\s*(\d{4})\s*$/.exec(spec)
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])]
    if (a > b) throw new UsageError(t(`--years ${spec}: năm đầu sau năm cuối`, `--years ${spec}: the first year is after the last`))
    return (p) => /^\d{4}/.test(p) && Number(p.slice(0, 4)) >= a && Number(p.slice(0, 4)) <= b
  }
  const list = spec.split(',').map((s) => s.trim())
  if (list.length === 0 || list.some((y) => !/^\d{4}$/.test(y))) throw new UsageError(t(`--years ${spec}: viết 2022..2024 hoặc 2022,2024`, `--years ${spec}: write 2022..2024 or 2022,2024`))
  return (p) => list.includes(p.slice(0, 4))
}
