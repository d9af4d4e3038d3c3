/**
 * Reading saved result records (`chiso score --save`: `{ kind: 'chiso.result-records',
 * records }`) back for the analyses: each record recalculated under the pack it names, so
 * an analysis works on stored results and says when one no longer reproduces.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { safeRecalculate, type ChisoIssue, type CompiledPack, type PackRegistry, type UnitResult } from '@chiso/core'
import { coreIssueLine, err, EXIT, UsageError, type Ctx } from './context.js'
import { registryWith } from './packs.js'

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
export async function readRecords(ctx: Ctx, files: readonly string[], packFiles: readonly string[] = []): Promise<{ records: ReadRecord[]; registry: PackRegistry }> {
  const extra: unknown[] = []
  for (const f of packFiles) {
    const j = await readJson(ctx, f)
    if (j === undefined) throw new UsageError(`--pack ${f}: không phải JSON hợp lệ / not valid JSON`)
    extra.push(j)
  }
  let registry: PackRegistry
  try {
    registry = await registryWith(extra)
  } catch (e) {
    const issues = (e as { issues?: readonly ChisoIssue[] }).issues
    if (!issues) throw e
    throw new UsageError(`--pack: ${issues.map((i) => coreIssueLine(i, ctx.lang)).join('\n')}`)
  }
  const records: ReadRecord[] = []
  for (const file of files) {
    const data = await readJson(ctx, file)
    if (data === undefined) continue
    const list: unknown[] = Array.isArray(data) ? data : Array.isArray((data as { records?: unknown } | null)?.records) ? (data as { records: unknown[] }).records : [data]
    list.forEach((rec, index) => {
      const r = safeRecalculate(rec, { registry })
      if (!r.ok) {
        err(ctx, `${file} [${index}]: không đọc được bản ghi / cannot read the record:`)
        for (const i of r.issues) err(ctx, `  - ${coreIssueLine(i, ctx.lang)}`)
        ctx.code = EXIT.problems
        return
      }
      const result = r.value.result
      if (!r.value.identical) {
        err(
          ctx,
          `${file} [${index}] ${result.unitId} ${result.period}: tính lại không khớp bản ghi (${r.value.differences.length} khác biệt; chiso recalc để xem) — dùng kết quả tính lại / recalculation differs from the record (${r.value.differences.length} differences; see chiso recalc) — the recalculated result is used`,
        )
        ctx.code = EXIT.problems
      }
      records.push({ file, index, result, pack: result.pack, identical: r.value.identical })
    })
  }
  return { records, registry }
}

async function readJson(ctx: Ctx, file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`Không tìm thấy tệp / file not found: ${file}`)
    throw new UsageError(`Không đọc được tệp / cannot read ${file}: ${(e as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    // one bad file does not stop the others
    err(ctx, `${file}: không phải JSON hợp lệ / not valid JSON: ${(e as Error).message}`)
    ctx.code = EXIT.problems
    return undefined
  }
}

/**
 * Years from `--years`: "2022..2024", "2022,2024" or "2024". @internal
 */
export function parseYears(spec: string): (period: string) => boolean {
  const range = /^\s*(\d{4})\s*\.\.\s*(\d{4})\s*$/.exec(spec)
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])]
    if (a > b) throw new UsageError(`--years ${spec}: năm đầu sau năm cuối / the first year is after the last`)
    return (p) => /^\d{4}/.test(p) && Number(p.slice(0, 4)) >= a && Number(p.slice(0, 4)) <= b
  }
  const list = spec.split(',').map((s) => s.trim())
  if (list.length === 0 || list.some((y) => !/^\d{4}$/.test(y))) throw new UsageError(`--years ${spec}: viết 2022..2024 hoặc 2022,2024 / write 2022..2024 or 2022,2024`)
  return (p) => list.includes(p.slice(0, 4))
}
