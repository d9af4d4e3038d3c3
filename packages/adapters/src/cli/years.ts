/**
 * Year over year, the way reports write it: "tăng 2 bậc so với năm 2022", "3 năm liền
 * dẫn đầu", "tăng 5 xã đạt loại tốt so với năm 2023".
 *
 * `--years 2022..2024` scores the last year and compares it with the earlier ones. Each
 * earlier year comes from a subfolder named by the year in each `--in` folder
 * (`ho-so/2022/`, `ho-so/2023/`, `ho-so/2024/`: the last year's forms are then read from
 * `ho-so/2024/`), or from result records saved with `chiso score --save` and given with
 * `--history` (re-evaluated under the pack version each record names).
 */
import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { compareYears, evaluateBatch, type AssessmentInput, type BatchResult, type RankedUnit, type UnitYears } from '@chiso/core'
import { indexChangeUnit } from '../shared/index-unit.js'
import { issueText } from '../shared/issues.js'
import { streakText } from '../shared/streak.js'
import { formatNumber, type Locale } from '../shared/locale.js'
import { bandLabel, groupHeading, meanExact, unitWord } from '../shared/summary.js'
import { readAll, scoreBatch, type ReadOptions } from './common.js'
import { UsageError, type Ctx } from './context.js'
import { registryWith } from './packs.js'
import { recordsIn } from './records.js'

/**
 * The years of `--years`: "2022..2024" or "2022,2023,2024", sorted, at least two; the last
 * is the year scored. Undefined when the text is neither.
 * @internal
 */
export function parseYears(text: string): string[] | undefined {
  const range = /^(\d{4})\s*\.\.\s*(\d{4})$/.exec(text.trim())
  let years: number[]
  if (range) {
    const a = Number(range[1])
    const b = Number(range[2])
    if (b <= a || b - a > 30) return undefined
    years = Array.from({ length: b - a + 1 }, (_, k) => a + k)
  } else {
    const parts = text.split(/[,\s]+/).filter((p) => p !== '')
    if (parts.length < 2 || !parts.every((p) => /^\d{4}$/.test(p))) return undefined
    years = [...new Set(parts.map(Number))].sort((x, y) => x - y)
    if (years.length < 2) return undefined
  }
  return years.map(String)
}

/** The --in paths of one year: the year's subfolder of each path that has one. @internal */
export function yearInputs(ctx: Ctx, inputs: readonly string[], year: string): string[] {
  return inputs
    .map((p) => join(p, year))
    .filter((p) => {
      const full = resolve(ctx.io.cwd, p)
      return existsSync(full) && statSync(full).isDirectory()
    })
}

/** The records of a `--history` file; a usage error naming it when it is missing or holds none. */
async function historyRecords(ctx: Ctx, file: string): Promise<unknown[]> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(ctx.m.notFound([file]))
    throw new UsageError(ctx.m.historyNotRecords(file))
  }
  const records = recordsIn(data)
  if (!records) throw new UsageError(ctx.m.historyNotRecords(file))
  return records
}

/** Results of earlier years from records saved by `score --save`, by period. */
async function historyBatches(ctx: Ctx, files: readonly string[], extraPacks: readonly unknown[]): Promise<Map<string, RankedUnit[]>> {
  const byPeriod = new Map<string, { pack: { id: string; version: string }; assessment: AssessmentInput }[]>()
  for (const f of files) {
    const records = await historyRecords(ctx, f)
    for (const rec of records) {
      const r = rec as { period?: unknown; pack?: { id?: unknown; version?: unknown }; assessment?: AssessmentInput }
      if (typeof r.period !== 'string' || typeof r.pack?.id !== 'string' || typeof r.pack.version !== 'string' || !r.assessment) throw new UsageError(ctx.m.historyNotRecords(f))
      let l = byPeriod.get(r.period)
      if (!l) byPeriod.set(r.period, (l = []))
      l.push({ pack: { id: r.pack.id, version: r.pack.version }, assessment: r.assessment })
    }
  }
  const registry = await registryWith(extraPacks)
  const out = new Map<string, RankedUnit[]>()
  for (const [period, list] of byPeriod) {
    // each pack version the records name, scored and ranked as it was
    const byPack = new Map<string, typeof list>()
    for (const x of list) {
      const key = `${x.pack.id}@${x.pack.version}`
      let l = byPack.get(key)
      if (!l) byPack.set(key, (l = []))
      l.push(x)
    }
    const units: RankedUnit[] = []
    for (const xs of byPack.values()) {
      const pack = registry.safeCompile(xs[0]!.pack.id, xs[0]!.pack.version)
      if (!pack.ok) throw new UsageError(ctx.m.historyNotRecords(files.join(', ')))
      // one by one: a year can hold more units than a call can spread
      for (const u of evaluateBatch(
        pack.value,
        xs.map((x) => x.assessment),
      ).units)
        units.push(u)
    }
    out.set(period.match(/\d{4}/)?.[0] ?? period, units)
  }
  return out
}

/**
 * The years `--history` records hold, before `year`: `--history` without `--years`
 * compares with them (it was ignored without a word). @internal
 */
export async function historyYears(ctx: Ctx, files: readonly string[], year: string): Promise<string[]> {
  const years = new Set<string>()
  for (const f of files) {
    const records = await historyRecords(ctx, f)
    for (const r of records) {
      const p = (r as { period?: unknown })?.period
      const y = typeof p === 'string' ? (p.match(/\d{4}/)?.[0] ?? p) : undefined
      if (y !== undefined && y < year) years.add(y)
    }
  }
  return [...years].sort()
}

/** The batches of the earlier years of `--years`, from year subfolders or --history records. @internal */
export async function earlierYears(
  ctx: Ctx,
  o: ReadOptions & { readonly exclude?: readonly string[] | undefined },
  inputs: readonly string[],
  years: readonly string[],
  history: readonly string[],
  extraPacks: readonly unknown[],
): Promise<Map<string, BatchResult | RankedUnit[]>> {
  const fromHistory = history.length > 0 ? await historyBatches(ctx, history, extraPacks) : new Map<string, RankedUnit[]>()
  const out = new Map<string, BatchResult | RankedUnit[]>()
  for (const y of years.slice(0, -1)) {
    const folders = yearInputs(ctx, inputs, y)
    if (folders.length > 0) {
      // an earlier year's forms, under the edition of that year; its survey table is the one in its folder
      let read = await readAll(ctx, { ...o, year: y, survey: undefined, facts: undefined, json: true }, folders)
      if (read && read.r.submissions.length === 0) {
        // an earlier year's forms made under another pack (the national one, before the
        // province's own): read under the pack they all name, and say so
        const named = new Set(read.r.issues.filter((i) => i.code === 'pack_mismatch' && i.severity === 'error').map((i) => String(i.value)))
        const other = named.size === 1 ? [...named][0]! : undefined
        if (other !== undefined) {
          // (the survey table the first read found and announced: not found and announced again)
          const again = await readAll(ctx, { ...o, pack: other, year: y, survey: read.survey, facts: undefined, json: true }, folders).catch((e: unknown) => {
            if (e instanceof UsageError) return undefined
            throw e
          })
          if (again && again.r.submissions.length > 0) {
            ctx.io.stderr.write(`${ctx.m.earlierUnderOwnPack(y, other)}\n`)
            read = again
          }
        }
      }
      if (!read || read.r.submissions.length === 0) {
        // never a comparison dropped without a word: which year, which folder, and why
        const first = read?.r.issues.find((i) => i.severity === 'error')
        const why = first ? `${first.file}${first.cell ? ` › ${first.cell}` : ''}: ${issueText(first, ctx.lang)}` : ''
        ctx.io.stderr.write(`${ctx.m.earlierYearUnusable(y, folders, read?.r.rejected.length ?? 0, why)}\n`)
        continue
      }
      if (read.r.rejected.length > 0) ctx.io.stderr.write(`${ctx.m.earlierYearPartial(y, read.r.rejected)}\n`)
      const batch = scoreBatch(
        ctx,
        read.pack,
        read.r.submissions.map((s) => s.assessment),
        true,
        o.exclude ? { exclude: { units: o.exclude } } : {},
      )
      if (batch) out.set(y, batch)
      continue
    }
    const h = fromHistory.get(y)
    if (h) out.set(y, h)
    else ctx.io.stderr.write(`${ctx.m.noEarlierData(y)}\n`)
  }
  return out
}

/** What the years say, ready to print: a column of changes, notes per unit, summary lines. @internal */
export interface YearsReport {
  readonly history: readonly UnitYears[]
  /** the heading and each unit's change since the previous year ("tăng 2 bậc") */
  readonly change: { readonly heading: string; readonly byUnit: ReadonlyMap<string, string> }
  /** a note per unit for the summary ("3 năm liền dẫn đầu", "tăng 2 bậc so với năm 2023") */
  readonly notes: ReadonlyMap<string, string>
  /** per group: band counts and mean index against the previous year */
  readonly lines: readonly string[]
}

const unitsOf = (x: BatchResult | readonly RankedUnit[]): readonly RankedUnit[] => (Array.isArray(x) ? (x as readonly RankedUnit[]) : (x as BatchResult).units)

/** Compares the scored batch with the earlier years, in the output language. @internal */
export function yearsReport(batch: BatchResult, year: string, earlier: ReadonlyMap<string, BatchResult | RankedUnit[]>, locale: Locale): YearsReport | undefined {
  if (earlier.size === 0) return undefined
  const vi = locale === 'vi'
  const all: Record<string, BatchResult | readonly RankedUnit[]> = { [year]: batch }
  for (const [y, b] of earlier) all[y] = b
  const history = compareYears(all)
  const prevYear = [...earlier.keys()].sort().at(-1)!
  const byUnit = new Map<string, string>()
  const notes = new Map<string, string>()
  for (const h of history) {
    const last = h.changes.at(-1)
    if (last && last.toYear === year) {
      const n = last.rankChange
      const from = h.years.find((y) => y.year === last.fromYear)
      const to = h.years.find((y) => y.year === last.toYear)
      // groups of different sizes (after mergers): both places, not a difference of ranks
      const places = n === null && from?.rank != null && to?.rank != null && from.from.length === 1 ? `${from.rank}/${from.groupSize} → ${to.rank}/${to.groupSize}` : undefined
      let t = places ?? (n === null ? '—' : n > 0 ? (vi ? `tăng ${n} bậc` : `up ${n}`) : n < 0 ? (vi ? `giảm ${-n} bậc` : `down ${-n}`) : vi ? 'giữ nguyên' : 'same')
      if (last.fromYear !== prevYear && (n !== null || places)) t += ` (${last.fromYear})`
      byUnit.set(h.unitId, t)
    } else byUnit.set(h.unitId, vi ? 'mới' : 'new')
    const streak = streakText(h, locale)
    if (streak) notes.set(h.unitId, streak)
    else if (last && last.toYear === year && last.rankChange !== null && last.rankChange !== 0) notes.set(h.unitId, last.text[locale])
  }
  const lines: string[] = []
  const prev = unitsOf(earlier.get(prevYear)!)
  const many = batch.groups.size > 1
  for (const [g, list] of batch.groups) {
    const before = prev.filter((u) => u.group === g)
    if (before.length === 0) continue
    const word = unitWord(batch, g, locale)
    const parts: string[] = []
    for (const b of batch.pack.bands) {
      const now = list.filter((u) => u.band?.code === b.code).length
      const then = before.filter((u) => u.band?.code === b.code).length
      const d = now - then
      if (d === 0) continue
      const label = bandLabel(b, locale).toLocaleLowerCase(locale)
      parts.push(vi ? `${d > 0 ? 'tăng' : 'giảm'} ${Math.abs(d)} ${word} đạt loại ${label}` : `${Math.abs(d)} ${d > 0 ? 'more' : 'fewer'} ${word} rated ${label}`)
    }
    const m1 = meanExact(list.map((u) => u.result.index))
    const m0 = meanExact(before.map((u) => u.result.index))
    if (m1 && m0) {
      const d = m1.sub(m0)
      const abs = formatNumber(d.isNegative() ? d.neg() : d, locale)
      const unit = indexChangeUnit(batch.pack, locale)
      // an unchanged mean is said so, not "tăng 0,00 điểm phần trăm"
      if (d.round(2).isZero()) parts.push(vi ? 'chỉ số bình quân không đổi' : 'mean index unchanged')
      else parts.push(vi ? `chỉ số bình quân ${d.isNegative() ? 'giảm' : 'tăng'} ${abs} ${unit}` : `mean index ${d.isNegative() ? 'down' : 'up'} ${abs} ${unit}`)
    }
    if (parts.length === 0) continue
    const prefix = many ? `${groupHeading(batch, g, locale)}: ` : ''
    lines.push(`${prefix}${vi ? `So với năm ${prevYear}` : `Against ${prevYear}`}: ${parts.join(', ')}`)
  }
  return { history, change: { heading: vi ? `So với ${prevYear}` : `vs ${prevYear}`, byUnit }, notes, lines }
}
