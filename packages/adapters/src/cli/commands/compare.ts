/**
 * `chiso compare`: year over year from saved result records — rank changes ("tăng 2 bậc so
 * với năm 2022"), index changes, streaks ("3 năm liền dẫn đầu") — across mergers, following
 * each unit's predecessors.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  compareYears,
  createUnitRegistry,
  evaluateBatch,
  type BatchResult,
  type ChisoIssue,
  type CompiledPack,
  type LineagePolicy,
  type PackRegistry,
  type UnitInput,
  type UnitRegistry,
  type UnitYears,
} from '@chiso/core'
import type { Command } from 'commander'
import { indexUnit } from '../../shared/index-unit.js'
import { anySample, packMarkLine, SAMPLE_MARK } from '../../shared/marks.js'
import { packLine } from '../../shared/summary.js'
import { displayWidth, formatVi, padEndW, padStartW } from '../../shared/text.js'
import { json, packJson, say } from '../common.js'
import { coreIssueLine, err, EXIT, out, UsageError, type Ctx } from '../context.js'
import { parseYears, readRecords, type ReadRecord, type UnreadRecord } from '../records.js'
import { samplePredecessors } from '../sample-lineage.js'
import { isSampleUnit } from '../../shared/marks.js'
import { streakText } from '../../shared/streak.js'

type Lang = 'vi' | 'en'

interface Comparison {
  /** the pack family compared (or the pack id when it names no family) */
  readonly family: string
  readonly years: readonly string[]
  readonly packs: readonly string[]
  readonly history: readonly UnitYears[]
  readonly names: ReadonlyMap<string, string>
  /** each unit's ranking group in the last year */
  readonly groups: ReadonlyMap<string, string>
  readonly policy: LineagePolicy
  /** the pack of the last year: what its index is counted in */
  readonly pack: CompiledPack
  /** each pack the years were scored under, in year order (each with what in it is reconstructed) */
  readonly editions: readonly CompiledPack[]
  /** whether any unit compared is sample data */
  readonly sample: boolean
  /** units of an earlier year that no unit of the last year follows (by id or as a predecessor) */
  readonly earlierOnly: readonly UnitYears[]
  /** per year, the records that could not be recalculated: that year's ranks are ranked again without them */
  readonly unread: ReadonlyMap<string, readonly UnreadRecord[]>
}

/** `chiso compare`: year over year from saved result records. */
export function compareCommand(program: Command, ctx: Ctx): void {
  program
    .command('compare')
    .description(
      'so sánh kết quả qua các năm từ bản ghi đã lưu: tăng/giảm bậc, năm liền dẫn đầu, qua sáp nhập / compare results year over year from saved records: places gained or lost, streaks, across mergers',
    )
    .argument('<records...>', 'tệp bản ghi kết quả (chiso score --save), một hay nhiều năm mỗi tệp / result record files (chiso score --save), one or more years each')
    .option('--years <years>', 'chỉ các năm này: 2022..2024 hoặc 2022,2024 / only these years: 2022..2024 or 2022,2024')
    .option('--units <file>', 'danh mục đơn vị JSON (kèm predecessors: đơn vị tiền thân); mặc định lấy từ bản ghi / units JSON with predecessors; default: the units in the records')
    .option('--policy <policy>', 'gộp chỉ số các đơn vị tiền thân: mean (trung bình), best, worst / how predecessors’ indexes combine', 'mean')
    .option('--unit <ids...>', 'chỉ in các đơn vị này / only these units')
    .option('-p, --pack <files...>', 'thêm bộ chỉ số từ tệp JSON (bộ riêng của tỉnh) / extra pack JSON files (a province’s own packs)')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .addHelpText(
      'after',
      `
Mỗi năm được xếp hạng lại từ các bản ghi của năm đó (tính lại theo đúng phiên bản bộ chỉ số ghi trong bản
ghi), theo từng họ bộ chỉ số (vn-cchc/commune …). Đơn vị mới sau sáp nhập được so với các đơn vị tiền thân.
Each year is ranked again from its records (recalculated under the pack version each names), per pack
family. A unit created by a merger is compared with its predecessors.

Ví dụ / examples:
  chiso score --pack vn-cchc/commune --year 2023 --in nop-2023/ --save ket-qua-2023.json
  chiso compare ket-qua-2022.json ket-qua-2023.json ket-qua-2024.json
  chiso compare ket-qua-*.json --years 2023..2024 --unit xa-an-binh --json`,
    )
    .action(async (files: string[], o: { years?: string; units?: string; policy: string; unit?: string[]; pack?: string[]; json?: boolean }) => {
      const lang: Lang = ctx.lang
      const policy = policyOf(ctx, o.policy)
      const keep = o.years === undefined ? () => true : parseYears(o.years, ctx)
      const { records, unread, registry } = await readRecords(ctx, files, o.pack ?? [])
      const chosen = records.filter((r) => keep(r.result.period))
      if (chosen.length === 0) throw new UsageError(say(ctx, `Không có bản ghi nào${o.years ? ` trong các năm ${o.years}` : ''}`, `No records${o.years ? ` in ${o.years}` : ''}`))
      const units = o.units === undefined ? await unitsFromRecords(chosen) : await unitsFromFile(ctx, o.units)
      const byFamily = linkedFamilies(chosen, registry)
      const comparisons: Comparison[] = []
      for (const [family, list] of byFamily) {
        const c = compareFamily(
          ctx,
          family,
          list,
          units,
          policy,
          unread.filter((u) => u.period !== undefined && keep(u.period)),
        )
        if (c) comparisons.push(c)
      }
      // families that cannot be compared with each other: said, with what to do, never a year dropped in silence
      if (comparisons.length > 1) {
        const parts = comparisons.map((c) => `${c.family} (${c.years.join(', ')})`)
        err(
          ctx,
          say(
            ctx,
            `Các bản ghi thuộc ${comparisons.length} họ bộ chỉ số không so được với nhau: ${parts.join('; ')}. Thứ hạng và chỉ số chỉ so được trong cùng một họ, hoặc khi bộ chỉ số này kế thừa bộ kia ("extends") và chỉ số tính cùng một đơn vị, nên mỗi họ một bảng riêng. Nếu bộ chỉ số của tỉnh dựng từ bộ kia, hãy ghi "extends" trong tệp bộ chỉ số và đưa tệp đó bằng --pack.`,
            `The records belong to ${comparisons.length} pack families that do not compare: ${parts.join('; ')}. Ranks and indexes compare only within one family, or where one pack extends the other ("extends") and both count the index in the same unit, so each family gets its own table. If the province's pack was made from the other, say so with "extends" in its file and give that file with --pack.`,
          ),
        )
      }
      const wanted = o.unit === undefined ? undefined : new Set(o.unit)
      const pick = (h: readonly UnitYears[]): readonly UnitYears[] => (wanted ? h.filter((u) => wanted.has(u.unitId)) : h)
      if (wanted && comparisons.every((c) => pick(c.history).length === 0))
        throw new UsageError(say(ctx, `Không có đơn vị ${[...wanted].join(', ')} trong năm cuối`, `No unit ${[...wanted].join(', ')} in the last year`))
      if (o.json) {
        json(ctx, {
          sample: comparisons.some((c) => c.sample),
          comparisons: comparisons.map((c) => ({
            family: c.family,
            pack: packJson(c.pack, lang),
            editions: c.editions.map((p) => packJson(p, lang)),
            sample: c.sample,
            years: c.years,
            packs: c.packs,
            units: pick(c.history).map((u) => ({ ...u, name: c.names.get(u.unitId) ?? u.unitId })),
            earlierOnly: pick(c.earlierOnly).map((u) => ({ ...u, name: c.names.get(u.unitId) ?? u.unitId })),
            unread: Object.fromEntries([...c.unread].map(([y, l]) => [y, l.map((u) => ({ file: u.file, index: u.index, unitId: u.unitId ?? null, name: u.name ?? null }))])),
          })),
        })
      } else for (const c of comparisons) out(ctx, formatComparison(c, pick(c.history), pick(c.earlierOnly), lang))
    })
}

/**
 * The records by the family they compare within: a pack's family (its id when it names
 * none), joined with the family of every pack it extends, directly or through others — a
 * province's pack made from the national one is compared year over year with the national
 * results, as two editions of one family are — when both count the index in the same unit.
 */
function linkedFamilies(records: readonly ReadRecord[], registry: PackRegistry): Map<string, ReadRecord[]> {
  const familyOfPack = (id: string, version: string): string => registry.get(id, version)?.family ?? id
  const parent = new Map<string, string>()
  const find = (f: string): string => {
    let x = f
    while (parent.get(x) !== x) x = parent.get(x)!
    return x
  }
  const unitOf = new Map<string, string>()
  const firstYear = new Map<string, string>()
  for (const r of records) {
    const f = familyOfPack(r.pack.id, r.pack.version)
    if (!parent.has(f)) parent.set(f, f)
    if (!unitOf.has(f)) unitOf.set(f, indexUnit(r.pack, 'en'))
    if ((firstYear.get(f) ?? '9999') > r.result.period) firstYear.set(f, r.result.period)
  }
  for (const key of new Set(records.map((r) => `${r.pack.id}@${r.pack.version}`))) {
    const r = records.find((x) => `${x.pack.id}@${x.pack.version}` === key)!
    const f = familyOfPack(r.pack.id, r.pack.version)
    let cur = registry.get(r.pack.id, r.pack.version)
    for (let depth = 0; cur?.extends && depth < 64; depth++) {
      const base = registry.get(cur.extends.id, cur.extends.version)
      if (!base) break
      const g = base.family ?? base.id
      if (parent.has(g) && unitOf.get(g) === unitOf.get(f)) {
        const [a, b] = [find(f), find(g)]
        // the family of the earliest year names the comparison
        if (a !== b) (firstYear.get(a) ?? '') <= (firstYear.get(b) ?? '') ? parent.set(b, a) : parent.set(a, b)
      }
      cur = base
    }
  }
  const out = new Map<string, ReadRecord[]>()
  const names = new Map<string, string[]>()
  for (const f of parent.keys()) names.set(find(f), [...(names.get(find(f)) ?? []), f])
  for (const r of records) {
    const root = find(familyOfPack(r.pack.id, r.pack.version))
    const label = names
      .get(root)!
      .sort((a, b) => ((firstYear.get(a) ?? '') < (firstYear.get(b) ?? '') ? -1 : 1))
      .join(' → ')
    out.set(label, [...(out.get(label) ?? []), r])
  }
  return out
}

function policyOf(ctx: Ctx, v: string): LineagePolicy {
  if (v === 'mean' || v === 'best' || v === 'worst') return v
  throw new UsageError(say(ctx, `--policy: mean, best hoặc worst, không phải "${v}"`, `--policy: mean, best or worst, not "${v}"`))
}

/** Ranks each year of a family from its records and compares the years. */
function compareFamily(ctx: Ctx, family: string, list: readonly ReadRecord[], units: UnitRegistry | undefined, policy: LineagePolicy, unreadAll: readonly UnreadRecord[]): Comparison | undefined {
  const byYear = new Map<string, ReadRecord[]>()
  for (const r of list) byYear.set(r.result.period, [...(byYear.get(r.result.period) ?? []), r])
  const batches: Record<string, BatchResult> = {}
  const packs = new Set<string>()
  const editions = new Map<string, CompiledPack>()
  let sample = false
  const names = new Map<string, string>()
  for (const [year, rs] of [...byYear].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const keys = [...new Set(rs.map((r) => `${r.pack.id}@${r.pack.version}`))]
    if (keys.length > 1) {
      err(
        ctx,
        say(
          ctx,
          `${family}, ${year}: bản ghi theo ${keys.length} bộ chỉ số khác nhau (${keys.join(', ')}), không xếp hạng chung được; bỏ qua năm này. Hãy chỉ đưa các bản ghi của một bộ chỉ số cho mỗi năm.`,
          `${family}, ${year}: records under ${keys.length} different packs (${keys.join(', ')}), which cannot be ranked together; year left out. Give each year's records under one pack only.`,
        ),
      )
      ctx.code = EXIT.problems
      continue
    }
    packs.add(keys[0]!)
    if (!editions.has(keys[0]!)) editions.set(keys[0]!, rs[0]!.pack)
    const seen = new Set<string>()
    const assessments = rs.flatMap((r) => {
      if (seen.has(r.result.unitId)) {
        err(
          ctx,
          say(
            ctx,
            `${family}, ${year}: đơn vị ${r.result.unitId} có nhiều bản ghi; dùng bản ghi đầu (${r.file} [${r.index}])`,
            `${family}, ${year}: unit ${r.result.unitId} has several records; the first is used (${r.file} [${r.index}])`,
          ),
        )
        ctx.code = EXIT.problems
        return []
      }
      seen.add(r.result.unitId)
      names.set(r.result.unitId, r.result.assessment.unit?.name ?? names.get(r.result.unitId) ?? r.result.unitId)
      return [r.result.assessment]
    })
    if (anySample(assessments)) sample = true
    batches[year] = evaluateBatch(rs[0]!.pack, assessments, { inputs: 'borrow' })
  }
  const years = Object.keys(batches).sort()
  if (years.length === 0) return undefined
  if (units) for (const u of units.all()) if (!names.has(u.id)) names.set(u.id, u.name)
  const lineage = { ...(units ? { units } : {}), policy }
  const history = compareYears(batches, lineage)
  const groups = new Map(batches[years[years.length - 1]!]!.units.map((u) => [u.unitId, u.group]))
  // each pair of years in turn: a later year whose units the earlier does not know (new ids after a merger, no predecessors) is said loudly
  for (let k = 1; k < years.length; k++) {
    const [a, b] = [years[k - 1]!, years[k]!]
    const n = batches[b]!.units.length
    const matched = compareYears({ [a]: batches[a]!, [b]: batches[b]! }, lineage).filter((h) => h.years.some((y) => y.year === a)).length
    if (matched * 2 < n)
      err(
        ctx,
        say(
          ctx,
          `${family}: ${matched}/${n} đơn vị năm ${b} khớp với năm ${a} (cùng mã đơn vị hoặc qua đơn vị tiền thân); các đơn vị năm ${a} không nối được với năm ${b} vẫn được liệt kê ở cuối bảng. Nếu có sáp nhập, dùng --units <tệp> (danh mục đơn vị kèm "predecessors": các đơn vị tiền thân) để nối đơn vị mới với đơn vị cũ.`,
          `${family}: ${matched} of ${n} units of ${b} match ${a} (same unit id or through predecessors); the units of ${a} not followed into ${b} are still listed, at the end of the table. After a merger, give --units <file> (a list of units with "predecessors") to link the new units with the old.`,
        ),
      )
  }
  // units of an earlier year that no unit of the last year follows: still listed, never lost
  const followed = new Map(years.map((y) => [y, new Set(history.flatMap((h) => h.years.filter((e) => e.year === y).flatMap((e) => e.from)))]))
  const earlier = new Map<string, UnitYears['years'][number][]>()
  for (const y of years.slice(0, -1))
    for (const u of batches[y]!.units) {
      if (followed.get(y)!.has(u.unitId)) continue
      const entry = { year: y, from: [u.unitId], rank: u.rank, groupSize: u.groupSize, index: u.result.index, band: u.band?.code ?? null }
      earlier.set(u.unitId, [...(earlier.get(u.unitId) ?? []), entry])
      groups.set(u.unitId, u.group)
    }
  const earlierOnly: UnitYears[] = [...earlier].map(([unitId, entries]) => ({ unitId, years: entries, changes: [], leadingStreak: 0, risingStreak: 0, streakText: null }))
  // records that could not be recalculated, by year: that year's ranks are ranked again without them
  const ids = new Set(list.map((r) => r.pack.id))
  const unread = new Map<string, UnreadRecord[]>()
  for (const u of unreadAll) {
    const y = years.find((x) => x === u.period)
    if (y === undefined || u.packId === undefined || !ids.has(u.packId)) continue
    unread.set(y, [...(unread.get(y) ?? []), u])
  }
  for (const [y, l] of unread)
    err(
      ctx,
      say(
        ctx,
        `${family}, ${y}: thứ hạng năm này được xếp lại, thiếu ${l.length} đơn vị có bản ghi không tính lại được (${l.map((u) => u.name ?? `${u.file} [${u.index}]`).join(', ')}), nên có thể khác thứ hạng đã công bố; các ô của năm này được đánh dấu *`,
        `${family}, ${y}: this year's ranks are ranked again without ${l.length} unit${l.length === 1 ? '' : 's'} whose record${l.length === 1 ? '' : 's'} cannot be recalculated (${l.map((u) => u.name ?? `${u.file} [${u.index}]`).join(', ')}), so they may differ from the ranks published; this year's cells are marked *`,
      ),
    )
  return {
    family,
    years,
    packs: [...packs],
    history,
    names,
    groups,
    policy,
    pack: batches[years[years.length - 1]!]!.pack,
    editions: [...editions.values()],
    sample,
    earlierOnly,
    unread,
  }
}

/**
 * The units the records carry (their `unit`), predecessors kept where the predecessor is
 * known; a sample unit saved without its predecessors gets those the sample province gives.
 */
async function unitsFromRecords(records: readonly ReadRecord[]): Promise<UnitRegistry | undefined> {
  const byId = new Map<string, UnitInput>()
  const sample = records.some((r) => isSampleUnit(r.result.assessment.unit)) ? await samplePredecessors() : undefined
  for (const r of records) {
    const u = r.result.assessment.unit
    const p = u && sample && isSampleUnit(u) && u.predecessors === undefined ? sample.get(u.id) : undefined
    if (u) byId.set(u.id, p ? { ...u, predecessors: [...p] } : { ...u })
  }
  if (byId.size === 0) return undefined
  const list = [...byId.values()].map((u) => (u.predecessors ? { ...u, predecessors: u.predecessors.filter((p) => byId.has(p)) } : u))
  try {
    return createUnitRegistry(list)
  } catch {
    return undefined
  }
}

async function unitsFromFile(ctx: Ctx, file: string): Promise<UnitRegistry> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
  } catch (e) {
    throw new UsageError(
      `--units ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? say(ctx, 'không tìm thấy tệp', 'file not found') : say(ctx, `không đọc được: ${(e as Error).message}`, `cannot read: ${(e as Error).message}`)}`,
    )
  }
  const list = Array.isArray(data) ? data : (data as { units?: unknown } | null)?.units
  if (!Array.isArray(list)) throw new UsageError(say(ctx, `--units ${file}: cần một danh sách đơn vị`, `--units ${file}: expected a list of units`))
  try {
    return createUnitRegistry(list)
  } catch (e) {
    const issues = (e as { issues?: readonly ChisoIssue[] }).issues
    if (!issues) throw e
    throw new UsageError(`--units ${file}:\n${issues.map((i) => `  - ${coreIssueLine(i, ctx.lang)}`).join('\n')}`)
  }
}

/** A table per family: latest rank, the unit, each year's rank and index, the last change and the streak. */
function formatComparison(c: Comparison, current: readonly UnitYears[], earlierOnly: readonly UnitYears[], lang: Lang): string {
  const history = [...current, ...earlierOnly]
  const lines: string[] = []
  lines.push(
    lang === 'vi' ? `So sánh qua các năm — ${c.family} (${c.years.join(', ')}; bộ chỉ số ${c.packs.join(', ')})` : `Year over year — ${c.family} (${c.years.join(', ')}; packs ${c.packs.join(', ')})`,
  )
  // each pack with what in it is reconstructed, and the sample mark: as every other report heads itself
  for (const p of c.editions) lines.push(packLine(p, lang), packMarkLine(p, lang))
  if (c.sample) lines.push(SAMPLE_MARK[lang])
  // families joined because one pack extends the other: what is compared, and what is not the same
  if (c.family.includes(' → '))
    lines.push(
      lang === 'vi'
        ? `Các năm được chấm theo các bộ chỉ số khác họ, bộ sau kế thừa bộ trước (extends): thứ hạng và chỉ số (${indexUnit(c.pack, 'vi')}) được so qua các năm, nhưng tiêu chí và điểm tối đa có thể khác giữa các bộ (chiso diff cho biết khác biệt).`
        : `The years were scored under packs of different families, the later extending the earlier: ranks and indexes (${indexUnit(c.pack, 'en')}) are compared year over year, though criteria and maxima may differ between the packs (chiso diff tells what changed).`,
    )
  const latest = c.years[c.years.length - 1]!
  // the units of the last year by their rank, then those only earlier years have, by their last rank
  const rankIn = (u: UnitYears): number => u.years.find((y) => y.year === latest)?.rank ?? 1e6 + (u.years.at(-1)?.rank ?? 1e6)
  const nameOf = (u: UnitYears): string => c.names.get(u.unitId) ?? u.unitId
  const nameW = Math.min(30, Math.max(8, ...history.map((u) => displayWidth(nameOf(u)))))
  const cell = (u: UnitYears, year: string): string => {
    const e = u.years.find((y) => y.year === year)
    if (!e) return '—'
    const idx = lang === 'vi' ? formatVi(e.index) : e.index.toFixed(2)
    const mark = c.unread.has(year) && e.rank !== null ? '*' : ''
    return `${e.rank === null ? (lang === 'vi' ? 'gộp' : 'merged') : `${e.rank}/${e.groupSize}${mark}`} · ${idx}`
  }
  const colW = Math.max(14, ...history.flatMap((u) => c.years.map((y) => displayWidth(cell(u, y)))))
  const byGroup = new Map<string, UnitYears[]>()
  for (const u of history) {
    const g = c.groups.get(u.unitId) ?? ''
    byGroup.set(g, [...(byGroup.get(g) ?? []), u])
  }
  for (const [g, list] of [...byGroup].sort(([a], [b]) => a.localeCompare(b, 'vi'))) {
    lines.push('')
    if (byGroup.size > 1) lines.push(`${lang === 'vi' ? 'Nhóm' : 'Group'} ${g}`)
    lines.push([padEndW(lang === 'vi' ? 'Đơn vị' : 'Unit', nameW), ...c.years.map((y) => padStartW(c.unread.has(y) ? `${y}*` : y, colW)), lang === 'vi' ? 'Thay đổi' : 'Change'].join('  '))
    for (const u of list.sort((a, b) => rankIn(a) - rankIn(b) || nameOf(a).localeCompare(nameOf(b), 'vi'))) {
      let name = nameOf(u)
      if (displayWidth(name) > nameW) name = [...name.normalize('NFC')].slice(0, nameW - 1).join('') + '…'
      const last = u.changes[u.changes.length - 1]
      const gone = !u.years.some((y) => y.year === latest)
      const notes = gone ? (lang === 'vi' ? `không có trong năm ${latest}` : `not in ${latest}`) : [last ? last.text[lang] : '', streakText(u, lang) ?? ''].filter((s) => s !== '').join('; ')
      lines.push([padEndW(name, nameW), ...c.years.map((y) => padStartW(cell(u, y), colW)), notes].join('  ').trimEnd())
    }
  }
  for (const [y, l] of c.unread)
    lines.push(
      lang === 'vi'
        ? `* ${y}: xếp hạng lại, thiếu ${l.length} đơn vị có bản ghi không tính lại được (${l.map((u) => u.name ?? `${u.file} [${u.index}]`).join(', ')}); thứ hạng có thể khác thứ hạng đã công bố`
        : `* ${y}: ranked again without ${l.length} unit${l.length === 1 ? '' : 's'} whose record cannot be recalculated (${l.map((u) => u.name ?? `${u.file} [${u.index}]`).join(', ')}); ranks may differ from those published`,
    )
  lines.push(
    lang === 'vi'
      ? `(mỗi ô: thứ hạng/số đơn vị · chỉ số (${indexUnit(c.pack, 'vi')}); "gộp": các đơn vị tiền thân trước sáp nhập, chỉ số ${{ mean: 'trung bình', best: 'cao nhất', worst: 'thấp nhất', 'weighted-mean': 'bình quân gia quyền' }[c.policy]} của chúng)`
      : `(each cell: rank/units ranked · index (${indexUnit(c.pack, 'en')}); "merged": the predecessors before a merger, their ${c.policy === 'weighted-mean' ? 'weighted mean' : c.policy} index)`,
  )
  return lines.join('\n') + '\n'
}
