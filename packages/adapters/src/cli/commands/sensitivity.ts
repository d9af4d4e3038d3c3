/**
 * `chiso sensitivity`: how far each unit's rank would move if the areas were weighted a
 * little differently — seeded random weights, each unit's 5th–95th percentile rank.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { Exact, type AssessmentInput, type CompiledPack } from '@chiso/core'
import { analyseSensitivity, type RankInterval, type SensitivityReport } from '@chiso/core/analysis'
import type { Command } from 'commander'
import { anySample, packMarkLine, SAMPLE_MARK } from '../../shared/marks.js'
import { displayWidth, formatVi, padEndW, padStartW } from '../../shared/text.js'
import { addPackOptions, json, packJson, printIssues, readAll, readCode, say } from '../common.js'
import { EXIT, out, tty, UsageError, type Ctx } from '../context.js'
import { ProgressBar } from '../progress.js'
import { readRecords } from '../records.js'

type Lang = 'vi' | 'en'

interface Options {
  pack?: string
  year?: string
  unitKind?: string
  in?: string[]
  records?: string[]
  sheet?: string
  survey?: string
  draws: string
  seed: string
  spread: string
  range?: string[]
  json?: boolean
}

interface Run {
  readonly pack: CompiledPack
  readonly period: string | null
  readonly report: SensitivityReport
  readonly names: ReadonlyMap<string, string>
  /** whether any unit is sample data */
  readonly sample: boolean
}

/** `chiso sensitivity`: rank intervals under perturbed area weights. */
export function sensitivityCommand(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('sensitivity')
    .description('độ nhạy thứ hạng: khoảng thứ hạng của mỗi đơn vị khi trọng số các lĩnh vực thay đổi ngẫu nhiên / ranking sensitivity: each unit’s rank interval when area weights vary at random')
  addPackOptions(cmd, false)
    .option('-i, --in <paths...>', 'thư mục hoặc các tệp biểu đã nộp (cần --pack) / submitted workbooks or folders (with --pack)')
    .option('--records <files...>', 'hoặc: tệp bản ghi kết quả (chiso score --save) / or: saved result records (chiso score --save)')
    .option('--sheet <name>', 'tên trang tính / worksheet name')
    .option('--survey <file>', 'kết quả điều tra xã hội học / survey results table')
    .option('--draws <n>', 'số lần rút ngẫu nhiên / number of random draws', '1000')
    .option('--seed <n>', 'hạt giống ngẫu nhiên: cùng hạt giống cho cùng kết quả / random seed: the same seed gives the same result', '1')
    .option('--spread <x>', 'trọng số mỗi lĩnh vực trong [1 − x; 1 + x], ví dụ 0.1 = ±10% / each area weight within [1 − x, 1 + x], e.g. 0.1 = ±10%', '0.1')
    .option('--range <area=lo..hi...>', 'khoảng trọng số riêng cho lĩnh vực, ví dụ 9=0.8..1.2 / a weight range for one area, e.g. 9=0.8..1.2')
    .option('--json', 'kết quả dạng JSON / JSON output')
    .addHelpText(
      'after',
      `
Mỗi lần rút, trọng số từng lĩnh vực được chọn ngẫu nhiên trong khoảng đã cho, điểm được cộng lại như bộ chỉ số
quy định và xếp hạng lại; khoảng thứ hạng là phân vị 5 đến 95 (luôn chứa thứ hạng thật).
Each draw weights every area at random within its range, re-adds the points as the pack does and re-ranks;
the interval is the 5th to 95th percentile rank (it always holds the actual rank).

Ví dụ / examples:
  chiso sensitivity --pack vn-cchc/commune --year 2024 --in nop-2024/
  chiso sensitivity --records ket-qua-2024.json --draws 2000 --spread 0.2 --json`,
    )
    .action(async (o: Options) => {
      const lang: Lang = ctx.lang
      const draws = wholeNumber(ctx, o.draws, '--draws')
      const seed = wholeNumber(ctx, o.seed, '--seed')
      const spread = decimal(ctx, o.spread, '--spread')
      const ranges = rangesOf(ctx, o.range ?? [])
      if ((o.in === undefined) === (o.records === undefined))
        throw new UsageError(say(ctx, 'Cần đúng một trong hai: --in (biểu đã nộp, kèm --pack) hoặc --records', 'Give exactly one of --in (submissions, with --pack) or --records'))
      const groups: { pack: CompiledPack; period: string | null; inputs: AssessmentInput[] }[] = []
      let fileIssues: NonNullable<Awaited<ReturnType<typeof readAll>>>['r']['issues'] = []
      if (o.in) {
        if (!o.pack) throw new UsageError(say(ctx, '--in cần --pack', '--in needs --pack'))
        // the edition from --year, else from the forms' own period, as score and rank read them
        const read = await readAll(ctx, { ...o, pack: o.pack }, o.in)
        if (!read) return
        fileIssues = read.r.issues
        groups.push({ pack: read.pack, period: read.period ?? null, inputs: read.r.submissions.map((s) => s.assessment) })
      } else {
        // records name their pack; a province pack file given with --pack joins the registry and picks its records
        const packFile = o.pack !== undefined && (o.pack.endsWith('.json') || existsSync(resolve(ctx.io.cwd, o.pack))) ? o.pack : undefined
        const { records, registry } = await readRecords(ctx, o.records!, packFile ? [packFile] : [])
        const [wantId, wantVersion] = (o.pack ?? '').split('@') as [string, string | undefined]
        const familyOf = (id: string, version: string): string | undefined => registry.list().find((x) => x.id === id && x.version === version)?.family
        const wanted = (pack: CompiledPack): boolean =>
          o.pack === undefined || packFile !== undefined || ((pack.id === wantId || familyOf(pack.id, pack.version) === wantId) && (wantVersion === undefined || pack.version === wantVersion))
        const byKey = new Map<string, { pack: CompiledPack; period: string; inputs: AssessmentInput[] }>()
        for (const r of records) {
          if (!wanted(r.pack)) continue
          if (o.year !== undefined && r.result.period !== o.year) continue
          const key = `${r.pack.id}@${r.pack.version} ${r.result.period}`
          const g = byKey.get(key) ?? { pack: r.pack, period: r.result.period, inputs: [] }
          g.inputs.push(r.result.assessment)
          byKey.set(key, g)
        }
        groups.push(...byKey.values())
        if (groups.length === 0) throw new UsageError(say(ctx, 'Không có bản ghi nào phù hợp', 'No matching records'))
      }
      const runs: Run[] = []
      for (const g of groups) {
        if (g.inputs.length === 0) continue
        for (const code of Object.keys(ranges)) {
          if (!g.pack.areas.some((i) => g.pack.nodes[i]!.code === code))
            throw new UsageError(say(ctx, `--range ${code}: không phải lĩnh vực của ${g.pack.id}`, `--range ${code}: not an area of ${g.pack.id}`))
        }
        const bar = new ProgressBar(ctx.io.stderr, 'Rút ngẫu nhiên', draws, tty(ctx, o.json === true))
        const report = analyseSensitivity(g.pack, g.inputs, { draws, seed, weights: { spread: spread.toString(), ranges }, onProgress: (d) => bar.update(d) })
        bar.done()
        runs.push({ pack: g.pack, period: g.period, report, names: new Map(g.inputs.map((a) => [a.unitId, a.unit?.name ?? a.unitId])), sample: anySample(g.inputs) })
      }
      if (o.json) {
        json(ctx, {
          sample: runs.some((r) => r.sample),
          analyses: runs.map((r) => ({
            pack: packJson(r.pack, lang),
            sample: r.sample,
            period: r.period,
            draws: r.report.draws,
            seed: r.report.seed,
            spread: spread.toString(),
            ranges,
            exact: r.report.integerPath ? 'integer' : 'rational',
            units: r.report.units.map((u) => ({ ...u, name: r.names.get(u.unitId) ?? u.unitId, stable: u.low === u.high })),
          })),
          ...(o.in ? { issues: fileIssues } : {}),
        })
      } else {
        for (const r of runs) out(ctx, formatRun(r, spread, ranges, lang))
        printIssues(ctx, fileIssues)
      }
      const code = readCode(ctx, fileIssues)
      if (code !== EXIT.ok || ctx.code === EXIT.ok) ctx.code = code
    })
}

function wholeNumber(ctx: Ctx, v: string, name: string): number {
  const n = Number(v)
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new UsageError(say(ctx, `${name} ${v}: cần một số nguyên ≥ 0`, `${name} ${v}: needs a whole number ≥ 0`))
  return n
}

/** A decimal typed the way users type it: "0.1" or "0,1". */
function decimal(ctx: Ctx, v: string, name: string): Exact {
  const x = Exact.tryFrom(v.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2'))
  if (x === undefined || x.isNegative()) throw new UsageError(say(ctx, `${name} ${v}: cần một số thập phân ≥ 0`, `${name} ${v}: needs a decimal ≥ 0`))
  return x
}

function rangesOf(ctx: Ctx, list: readonly string[]): Record<string, readonly [string, string]> {
  const out: Record<string, readonly [string, string]> = {}
  for (const r of list) {
    const m = /^([^=]+)=([^.]+(?:[.,]\d+)?)\.\.(.+)$/.exec(r.trim())
    if (!m) throw new UsageError(say(ctx, `--range ${r}: viết mã lĩnh vực=thấp..cao, ví dụ 9=0,8..1,2`, `--range ${r}: write area=low..high, e.g. 9=0.8..1.2`))
    const lo = decimal(ctx, m[2]!, '--range')
    const hi = decimal(ctx, m[3]!, '--range')
    if (hi.lt(lo)) throw new UsageError(say(ctx, `--range ${r}: cận dưới lớn hơn cận trên`, `--range ${r}: low above high`))
    out[m[1]!.trim()] = [lo.toString(), hi.toString()]
  }
  return out
}

function formatRun(r: Run, spread: Exact, ranges: Readonly<Record<string, readonly [string, string]>>, lang: Lang): string {
  const num = (x: Exact): string => (lang === 'vi' ? formatVi(x, 2).replace(/,?0+$/, '') : x.toString())
  const lines: string[] = []
  const { report } = r
  const pct = num(spread.mul(Exact.HUNDRED))
  const special = Object.entries(ranges).map(([a, [lo, hi]]) => `${lang === 'vi' ? 'LV' : 'area '}${a} [${num(Exact.from(lo))}; ${num(Exact.from(hi))}]`)
  if (lang === 'vi') {
    lines.push(`Độ nhạy thứ hạng — ${r.pack.title.vi} (${r.pack.id}@${r.pack.version})${r.period ? `, năm ${r.period}` : ''}`)
    lines.push(
      `${formatVi(Exact.from(report.draws), 0)} lần rút, trọng số mỗi lĩnh vực trong [${num(Exact.ONE.sub(spread))}; ${num(Exact.ONE.add(spread))}] (±${pct}%)${special.length > 0 ? `, riêng ${special.join(', ')}` : ''}, hạt giống ${report.seed}; khoảng thứ hạng: phân vị 5–95`,
    )
  } else {
    lines.push(`Ranking sensitivity — ${r.pack.title.en ?? r.pack.title.vi} (${r.pack.id}@${r.pack.version})${r.period ? `, ${r.period}` : ''}`)
    lines.push(
      `${report.draws} draws, each area weight within [${Exact.ONE.sub(spread)}, ${Exact.ONE.add(spread)}] (±${pct}%)${special.length > 0 ? `, except ${special.join(', ')}` : ''}, seed ${report.seed}; interval: 5th–95th percentile rank`,
    )
  }
  // what in the pack is reconstructed, and the sample mark: as every other report heads itself
  lines.push(packMarkLine(r.pack, lang))
  if (r.sample) lines.push(SAMPLE_MARK[lang])
  const byGroup = new Map<string, RankInterval[]>()
  for (const u of report.units) byGroup.set(u.group, [...(byGroup.get(u.group) ?? []), u])
  const name = (u: RankInterval): string => r.names.get(u.unitId) ?? u.unitId
  const nameW = Math.min(30, Math.max(8, ...report.units.map((u) => displayWidth(name(u)))))
  for (const [g, list] of byGroup) {
    list.sort((a, b) => a.rank - b.rank || name(a).localeCompare(name(b), 'vi'))
    lines.push('')
    if (byGroup.size > 1) lines.push(`${lang === 'vi' ? 'Nhóm' : 'Group'} ${g}`)
    const head = lang === 'vi' ? ['Hạng', 'Đơn vị', 'Khoảng 5–95%', 'Tốt nhất–kém nhất'] : ['Rank', 'Unit', '5–95% interval', 'Best–worst']
    lines.push([padStartW(head[0]!, 5), padEndW(head[1]!, nameW), padStartW(head[2]!, 13), padStartW(head[3]!, 18)].join('  '))
    for (const u of list) {
      let n = name(u)
      if (displayWidth(n) > nameW) n = [...n.normalize('NFC')].slice(0, nameW - 1).join('') + '…'
      lines.push([padStartW(String(u.rank), 5), padEndW(n, nameW), padStartW(u.low === u.high ? String(u.low) : `${u.low}–${u.high}`, 13), padStartW(`${u.best}–${u.worst}`, 18)].join('  ').trimEnd())
    }
    const stable = list.filter((u) => u.low === u.high).length
    const widest = [...list].sort((a, b) => b.high - b.low - (a.high - a.low))[0]
    const total = String(list.length).padStart(2, '0')
    if (lang === 'vi') {
      lines.push(
        `${String(stable).padStart(2, '0')}/${total} đơn vị giữ nguyên thứ hạng trong khoảng phân vị 5–95${widest && widest.high > widest.low ? `; dao động nhiều nhất: ${name(widest)} (thứ ${widest.low}–${widest.high})` : ''}`,
      )
    } else {
      lines.push(`${stable}/${list.length} units keep their rank within the 5th–95th percentile${widest && widest.high > widest.low ? `; widest: ${name(widest)} (${widest.low}–${widest.high})` : ''}`)
    }
  }
  return lines.join('\n') + '\n'
}
