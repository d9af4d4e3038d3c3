/**
 * verify: walks each province's chain (every event's hash, every link, no gap), checks
 * that every row of every table is the row its event recorded (nothing edited, removed or
 * slipped in), that stored columns agree with the bodies they summarise, and recalculates
 * every result record under its pack. Each problem names its table, row and what differs.
 */
import { contentHash, safeRecalculate, sha256Hex, type ChisoIssue, type IssuePath, type PackRegistry, type ResultRecord } from '@chiso/core'
import { Args } from './args.js'
import { loadStreams, stateAt, type StreamRows } from './assessments.js'
import { eventHash, eventOf, GENESIS, type EventRow } from './chain.js'
import { loadRegistry, type StoreContext } from './context.js'
import type { Queryable } from './driver.js'
import { checksumOf, MIGRATIONS } from './migrations.js'
import { rankRecords } from './results.js'
import { normaliseRow, rowEntry, TABLE_NAMES, TABLES, type RowEntry, type RowValues, type TableName } from './tables.js'

/** Every code verify reports. */
export type VerifyCode =
  | 'event_changed'
  | 'chain_broken'
  | 'chain_gap'
  | 'version_gap'
  | 'head_mismatch'
  | 'row_changed'
  | 'row_missing'
  | 'row_unrecorded'
  | 'row_inconsistent'
  | 'record_differs'
  | 'record_invalid'
  | 'publication_differs'
  | 'migration_changed'

/** One problem found by verify. */
export interface VerifyProblem extends ChisoIssue {
  readonly code: VerifyCode
  /** the table the row is in */
  readonly table: TableName | 'events' | 'chiso_migrations'
  /** the row's id (events: their seq; migrations: their version) */
  readonly rowId: number | null
  readonly province: string | null
  /** the columns (or fields) that differ, when known */
  readonly columns?: readonly string[]
}

/** A chain's head: give it back to a later verify to detect a rewritten chain. */
export interface ChainHead {
  readonly seq: number
  readonly hash: string
}

/** Options of {@link Store.verify}. */
export interface VerifyOptions {
  /** one province (default: all) */
  readonly province?: string | undefined
  /** recalculate every result record under its pack (default true) */
  readonly recalculate?: boolean | undefined
  /**
   * heads recorded earlier (e.g. printed with a decision): each must still be in the chain.
   * Catches a chain rewritten wholesale from some event on, which no inner check can.
   */
  readonly heads?: Readonly<Record<string, ChainHead>> | undefined
  /** called as rows are checked */
  readonly onProgress?: ((done: number, what: string) => void) | undefined
}

/** Outcome of {@link Store.verify}. */
export interface VerifyReport {
  readonly ok: boolean
  readonly provinces: readonly { readonly province: string; readonly events: number; readonly head: ChainHead | null }[]
  readonly checked: { readonly events: number; readonly rows: Readonly<Record<TableName, number>>; readonly recalculated: number }
  readonly problems: readonly VerifyProblem[]
}

type Message = { vi: string; en: string }

function problem(
  code: VerifyCode,
  table: VerifyProblem['table'],
  rowId: number | null,
  province: string | null,
  message: Message,
  extra: { columns?: readonly string[]; value?: unknown } = {},
): VerifyProblem {
  const path: IssuePath = rowId === null ? [table] : [table, rowId]
  const p: VerifyProblem = { code, path, table, rowId, province, message }
  return { ...p, ...(extra.columns ? { columns: extra.columns, path: [...path, ...extra.columns.slice(0, 1)] } : {}), ...(extra.value !== undefined ? { value: extra.value } : {}) }
}

const PAGE = 500
const short = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 80 ? `${s.slice(0, 77)}…` : s
}

/** @internal */
export async function verify(ctx: StoreContext, options: VerifyOptions = {}): Promise<VerifyReport> {
  const a = new Args()
  if (options.province !== undefined) a.province(options.province)
  a.done()
  // one snapshot for the whole walk, so that writes going on meanwhile are not "problems"
  return ctx.driver.transaction((q) => walk(ctx, q, options), { isolation: 'repeatable read', readOnly: true })
}

async function walk(ctx: StoreContext, q: Queryable, options: VerifyOptions): Promise<VerifyReport> {
  const problems: VerifyProblem[] = []
  const only = options.province
  let done = 0
  const progress = (what: string): void => options.onProgress?.(++done, what)

  // 1. the schema's history is the one this program knows
  const migs = await q.query('select version, name, checksum from chiso_migrations order by version')
  for (const r of migs) {
    const v = Number(r.version)
    const known = MIGRATIONS.find((m) => m.version === v)
    if (!known || known.name !== r.name || checksumOf(known) !== r.checksum) {
      problems.push(
        problem(
          'migration_changed',
          'chiso_migrations',
          v,
          null,
          {
            vi: `Bản ghi lược đồ phiên bản ${v} khác với lần nâng cấp mà chương trình biết (tên ${short(r.name)}, mã kiểm ${short(r.checksum)})`,
            en: `Schema record version ${v} differs from the migration this program knows (name ${short(r.name)}, checksum ${short(r.checksum)})`,
          },
          { columns: !known ? ['version'] : known.name !== r.name ? ['name'] : ['checksum'] },
        ),
      )
    }
  }
  for (const m of MIGRATIONS) {
    if (!migs.some((r) => Number(r.version) === m.version)) {
      problems.push(problem('migration_changed', 'chiso_migrations', m.version, null, { vi: `Thiếu bản ghi lược đồ phiên bản ${m.version}`, en: `Schema record version ${m.version} is missing` }))
    }
  }

  // 2. each chain: hashes, links, gaps, stream versions; and what each event says it wrote
  const entries = new Map<string, { entry: RowEntry; province: string; seq: number }>()
  const provinces: { province: string; events: number; head: ChainHead | null }[] = []
  const provinceRows = await q.query<{ province: string }>(
    only
      ? 'select $1::text as province'
      : 'select distinct province from events union select distinct province from packs union select distinct province from units union select distinct province from submissions union select distinct province from appraisals union select distinct province from results union select distinct province from publications order by 1',
    only ? [only] : [],
  )
  let eventCount = 0
  for (const { province } of provinceRows) {
    let prev: EventRow | undefined
    let count = 0
    const streams = new Map<string, number>()
    let after = 0
    for (;;) {
      const page = (await q.query('select * from events where province = $1 and seq > $2 order by seq limit $3', [province, after, PAGE])).map(eventOf)
      if (page.length === 0) break
      for (const e of page) {
        count++
        eventCount++
        progress('events')
        const expectedSeq = (prev?.seq ?? 0) + 1
        if (e.seq !== expectedSeq) {
          problems.push(
            problem('chain_gap', 'events', e.seq, province, {
              vi: `Chuỗi sự kiện của tỉnh ${province} thiếu sự kiện ${expectedSeq}${e.seq - 1 > expectedSeq ? `–${e.seq - 1}` : ''} (đã bị xóa?)`,
              en: `The event chain of province ${province} lacks event ${expectedSeq}${e.seq - 1 > expectedSeq ? `–${e.seq - 1}` : ''} (deleted?)`,
            }),
          )
        }
        const recomputed = eventHash(e)
        if (recomputed !== e.hash) {
          problems.push(
            problem(
              'event_changed',
              'events',
              e.seq,
              province,
              {
                vi: `Sự kiện ${e.seq} (${e.kind}) của tỉnh ${province} đã bị sửa: mã băm lưu ${e.hash.slice(0, 12)}…, tính lại ${recomputed.slice(0, 12)}…`,
                en: `Event ${e.seq} (${e.kind}) of province ${province} was changed: stored hash ${e.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…`,
              },
              { columns: ['hash'] },
            ),
          )
        }
        const expectedPrev = prev ? prev.hash : e.seq === 1 ? GENESIS : undefined
        if (expectedPrev !== undefined && e.prevHash !== expectedPrev) {
          problems.push(
            problem(
              'chain_broken',
              'events',
              e.seq,
              province,
              {
                vi: `Chuỗi bị đứt tại sự kiện ${e.seq} của tỉnh ${province}: không khớp mã băm của sự kiện trước`,
                en: `The chain breaks at event ${e.seq} of province ${province}: it does not carry the previous event's hash`,
              },
              { columns: ['prev_hash'] },
            ),
          )
        }
        if (e.stream !== null && e.streamVersion !== null) {
          const last = streams.get(e.stream) ?? 0
          if (e.streamVersion !== last + 1) {
            problems.push(
              problem(
                'version_gap',
                'events',
                e.seq,
                province,
                {
                  vi: `Luồng ${e.stream} nhảy từ phiên bản ${last} lên ${e.streamVersion} tại sự kiện ${e.seq}`,
                  en: `Stream ${e.stream} jumps from version ${last} to ${e.streamVersion} at event ${e.seq}`,
                },
                { columns: ['stream_version'] },
              ),
            )
          }
          streams.set(e.stream, Math.max(last, e.streamVersion))
        }
        let list: RowEntry[] = []
        try {
          list = JSON.parse(e.rows) as RowEntry[]
        } catch {
          // an edited rows column: the event's hash already says so; its rows show as unrecorded
        }
        for (const en of Array.isArray(list) ? list : []) entries.set(`${en.t}:${en.id}`, { entry: en, province, seq: e.seq })
        prev = e
      }
      after = page[page.length - 1]!.seq
    }
    const head = prev ? { seq: prev.seq, hash: prev.hash } : null
    provinces.push({ province, events: count, head })
    const anchor = options.heads?.[province]
    if (anchor) {
      const at = (await q.query('select hash from events where province = $1 and seq = $2', [province, anchor.seq]))[0]
      if (!at || at.hash !== anchor.hash) {
        problems.push(
          problem('head_mismatch', 'events', anchor.seq, province, {
            vi: `Sự kiện ${anchor.seq} của tỉnh ${province} không còn là sự kiện đã ghi nhận (mã băm ${anchor.hash.slice(0, 12)}…): chuỗi đã bị viết lại`,
            en: `Event ${anchor.seq} of province ${province} is no longer the one recorded (hash ${anchor.hash.slice(0, 12)}…): the chain was rewritten`,
          }),
        )
      }
    }
  }

  // 3. every row of every table is the row an event recorded
  const rowsChecked = {} as Record<TableName, number>
  const resultIds = new Map<string, Map<string, number[]>>()
  const packRows = new Map<string, { id: number; packId: string; version: string; contentHash: string }[]>()
  const seen = new Set<string>()
  for (const table of TABLE_NAMES) {
    rowsChecked[table] = 0
    const cols = Object.keys(TABLES[table])
    let after = -1
    for (;;) {
      const page = await q.query(`select ${cols.join(', ')} from ${table} where id > $1${only ? ' and province = $3' : ''} order by id limit $2`, only ? [after, PAGE, only] : [after, PAGE])
      if (page.length === 0) break
      for (const raw of page) {
        const row = normaliseRow(table, raw)
        rowsChecked[table]++
        progress(table)
        checkRow(table, row, entries, seen, problems)
        checkConsistency(table, row, problems)
        if (table === 'packs') {
          const list = packRows.get(String(row.province)) ?? []
          list.push({ id: Number(row.id), packId: String(row.pack_id), version: String(row.version), contentHash: String(row.content_hash) })
          packRows.set(String(row.province), list)
        }
        if (table === 'results') {
          const prov = String(row.province)
          let byPeriod = resultIds.get(prov)
          if (!byPeriod) resultIds.set(prov, (byPeriod = new Map()))
          const list = byPeriod.get(String(row.period)) ?? []
          list.push(Number(row.id))
          byPeriod.set(String(row.period), list)
        }
      }
      after = Number(page[page.length - 1]!.id)
    }
  }
  // rows an event recorded that are gone (or moved out of this province's view)
  const missing = [...entries.entries()].filter(([k]) => !seen.has(k))
  for (const [, { entry, province, seq }] of missing) {
    const moved = only ? (await q.query(`select ${Object.keys(TABLES[entry.t]).join(', ')} from ${entry.t} where id = $1`, [entry.id]))[0] : undefined
    if (moved) {
      checkRow(entry.t, normaliseRow(entry.t, moved), entries, seen, problems)
      continue
    }
    problems.push(
      problem('row_missing', entry.t, entry.id, province, {
        vi: `Dòng ${entry.id} của bảng ${entry.t} (ghi ở sự kiện ${seq} của tỉnh ${province}) không còn: đã bị xóa`,
        en: `Row ${entry.id} of table ${entry.t} (written by event ${seq} of province ${province}) is gone: deleted`,
      }),
    )
  }

  // 4. every result record recalculates, and stands for the assessment it names
  let recalculated = 0
  if (options.recalculate !== false) {
    for (const province of new Set([...resultIds.keys(), ...packRows.keys()])) {
      const registry = await loadRegistry(q, province).catch(() => undefined)
      // each pack compiles to the content hash its row records (what result records name)
      for (const p of packRows.get(province) ?? []) {
        const c = registry?.safeCompile(p.packId, p.version)
        if (c?.ok && c.value.contentHash === p.contentHash) continue
        problems.push(
          problem(
            'row_inconsistent',
            'packs',
            p.id,
            province,
            {
              vi: `Bộ chỉ số ${p.packId}@${p.version} (dòng ${p.id}) không biên dịch ra mã nội dung đã ghi`,
              en: `Pack ${p.packId}@${p.version} (row ${p.id}) does not compile to the content hash recorded`,
            },
            { columns: ['content_hash'] },
          ),
        )
      }
      const byPeriod = resultIds.get(province) ?? new Map<string, number[]>()
      for (const [period, ids] of byPeriod) {
        const streams = await loadStreams(q, province, period)
        for (let i = 0; i < ids.length; i += PAGE) {
          const rows = await q.query('select id, unit_id, based_on_version, body from results where id = any($1::int8[]) order by id', [ids.slice(i, i + PAGE)])
          for (const r of rows) {
            recalculated++
            progress('recalculate')
            checkRecord(province, period, r, registry, streams, problems)
          }
        }
      }
    }
    // 5. every publication is the ranking of the records it names
    const pubs = await q.query(`select id, province, period, grp, body from publications${only ? ' where province = $1' : ''} order by id`, only ? [only] : [])
    for (const p of pubs) await checkPublication(ctx, q, p, problems)
  }
  return {
    ok: problems.length === 0,
    provinces,
    checked: { events: eventCount, rows: rowsChecked, recalculated },
    problems,
  }
}

function checkRow(table: TableName, row: RowValues, entries: ReadonlyMap<string, { entry: RowEntry; province: string; seq: number }>, seen: Set<string>, problems: VerifyProblem[]): void {
  const key = `${table}:${row.id}`
  seen.add(key)
  const rec = entries.get(key)
  const id = Number(row.id)
  if (!rec) {
    problems.push(
      problem('row_unrecorded', table, id, row.province === null ? null : String(row.province), {
        vi: `Dòng ${id} của bảng ${table} không do sự kiện nào ghi: đã được chèn thẳng vào cơ sở dữ liệu`,
        en: `Row ${id} of table ${table} was written by no event: it was inserted directly into the database`,
      }),
    )
    return
  }
  const now = rowEntry(table, row)
  if (now.h === rec.entry.h) return
  const columns = Object.keys(TABLES[table]).filter((c) => now.c[c] !== rec.entry.c[c])
  problems.push(
    problem(
      'row_changed',
      table,
      id,
      rec.province,
      {
        vi: `Dòng ${id} của bảng ${table} đã bị sửa sau khi ghi (sự kiện ${rec.seq}): cột ${columns.join(', ') || '?'} khác, giá trị hiện tại ${columns.map((c) => `${c}=${short(row[c])}`).join('; ')}`,
        en: `Row ${id} of table ${table} was changed after it was written (event ${rec.seq}): column ${columns.join(', ') || '?'} differs, now ${columns.map((c) => `${c}=${short(row[c])}`).join('; ')}`,
      },
      { columns },
    ),
  )
}

/** The summary columns agree with the body they summarise. */
function checkConsistency(table: TableName, row: RowValues, problems: VerifyProblem[]): void {
  const id = Number(row.id)
  const province = row.province === null ? null : String(row.province)
  const differ: string[] = []
  let body: Record<string, unknown> | undefined
  try {
    body = JSON.parse(String(row.body)) as Record<string, unknown>
  } catch {
    differ.push('body')
  }
  if (body) {
    const eq = (col: string, v: unknown): void => void (row[col] !== (v === undefined ? null : v) && differ.push(col))
    switch (table) {
      case 'packs':
        if (sha256Hex(String(row.body)) !== row.source_hash) differ.push('source_hash')
        eq('pack_id', body.id)
        eq('version', body.version)
        break
      case 'units':
        eq('unit_id', body.id)
        break
      case 'submissions':
        if (sha256Hex(String(row.body)) !== row.assessment_hash) differ.push('assessment_hash')
        eq('unit_id', body.unitId)
        eq('period', body.period)
        break
      case 'appraisals':
        eq('round', body.round)
        eq('reviewer', body.reviewer)
        eq('at', body.at)
        break
      case 'results': {
        const pack = body.pack as { id?: unknown; version?: unknown; contentHash?: unknown } | undefined
        eq('unit_id', body.unitId)
        eq('period', body.period)
        eq('grp', body.group)
        eq('pack_id', pack?.id)
        eq('pack_version', pack?.version)
        eq('pack_hash', pack?.contentHash)
        eq('fingerprint', body.fingerprint)
        eq('engine_version', body.engineVersion)
        eq('total', body.total)
        eq('idx', body.index)
        break
      }
      case 'publications': {
        const d = body.decision as { number?: unknown; date?: unknown } | undefined
        const pack = body.pack as { id?: unknown; version?: unknown } | undefined
        eq('decision_number', d?.number)
        eq('decision_date', d?.date)
        eq('pack_id', pack?.id)
        eq('pack_version', pack?.version)
        break
      }
    }
  }
  if (differ.length > 0) {
    problems.push(
      problem(
        'row_inconsistent',
        table,
        id,
        province,
        {
          vi: `Dòng ${id} của bảng ${table}: cột ${differ.join(', ')} không khớp với nội dung (body)`,
          en: `Row ${id} of table ${table}: column ${differ.join(', ')} does not match its body`,
        },
        { columns: differ },
      ),
    )
  }
}

function checkRecord(province: string, period: string, r: Record<string, unknown>, registry: PackRegistry | undefined, streams: ReadonlyMap<string, StreamRows>, problems: VerifyProblem[]): void {
  const id = Number(r.id)
  let record: ResultRecord
  try {
    record = JSON.parse(String(r.body)) as ResultRecord
  } catch {
    return // reported as row_inconsistent
  }
  if (!registry) {
    problems.push(problem('record_invalid', 'results', id, province, { vi: `Kết quả ${id}: không dựng được các bộ chỉ số của tỉnh`, en: `Result ${id}: the province's packs could not be loaded` }))
    return
  }
  const rc = safeRecalculate(record, { registry })
  if (!rc.ok) {
    problems.push(
      problem('record_invalid', 'results', id, province, {
        vi: `Kết quả ${id} không tính lại được: ${rc.issues
          .slice(0, 3)
          .map((i) => `[${i.code}] ${i.message.vi}`)
          .join('; ')}`,
        en: `Result ${id} cannot be recalculated: ${rc.issues
          .slice(0, 3)
          .map((i) => `[${i.code}] ${i.message.en}`)
          .join('; ')}`,
      }),
    )
    return
  }
  if (!rc.value.identical) {
    const d = rc.value.differences
    const what = [...(!rc.value.fingerprintMatches ? ['fingerprint'] : []), ...(!rc.value.packContentMatches ? ['pack.contentHash'] : []), ...d.map((x) => `${x.code}.${x.field}`)]
    problems.push(
      problem(
        'record_differs',
        'results',
        id,
        province,
        {
          vi: `Kết quả ${id} (${record.unitId} ${record.period}) tính lại khác bản lưu: ${what.slice(0, 6).join(', ')}${d[0] ? ` (${d[0].code}: lưu ${d[0].stored}, tính lại ${d[0].recalculated})` : ''}`,
          en: `Result ${id} (${record.unitId} ${record.period}) recalculates differently: ${what.slice(0, 6).join(', ')}${d[0] ? ` (${d[0].code}: stored ${d[0].stored}, recalculated ${d[0].recalculated})` : ''}`,
        },
        { columns: ['body'] },
      ),
    )
    return
  }
  // the record's inputs are the assessment the stream held at the version it names
  const s = streams.get(String(r.unit_id))
  const st = s && stateAt(province, String(r.unit_id), period, s, Number(r.based_on_version))
  if (!st || st.version !== Number(r.based_on_version) || contentHash(st.assessment) !== contentHash(record.assessment)) {
    problems.push(
      problem(
        'record_differs',
        'results',
        id,
        province,
        {
          vi: `Kết quả ${id} (${String(r.unit_id)} ${period}) không được tính từ bản đánh giá phiên bản ${String(r.based_on_version)} mà nó ghi`,
          en: `Result ${id} (${String(r.unit_id)} ${period}) was not computed from the assessment version ${String(r.based_on_version)} it names`,
        },
        { columns: ['based_on_version'] },
      ),
    )
  }
}

async function checkPublication(ctx: StoreContext, q: Queryable, p: Record<string, unknown>, problems: VerifyProblem[]): Promise<void> {
  const id = Number(p.id)
  const province = String(p.province)
  const fail = (what: Message, columns: string[] = ['body']): void => void problems.push(problem('publication_differs', 'publications', id, province, what, { columns }))
  let body: { entries?: { unitId: string; resultId: number; fingerprint: string; rank: number; index: string; band: { code: string } | null }[] }
  try {
    body = JSON.parse(String(p.body)) as typeof body
  } catch {
    return
  }
  const entries = Array.isArray(body.entries) ? body.entries : []
  const rows = await q.query('select id, unit_id, based_on_version, fingerprint, body from results where province = $1 and id = any($2::int8[])', [province, entries.map((e) => e.resultId)])
  const byId = new Map(rows.map((r) => [Number(r.id), r]))
  const srcs: { resultId: number; basedOnVersion: number; record: ResultRecord }[] = []
  for (const e of entries) {
    const r = byId.get(e.resultId)
    if (!r || r.unit_id !== e.unitId || r.fingerprint !== e.fingerprint) {
      return fail({
        vi: `Công bố ${id}: "${e.unitId}" trỏ tới kết quả ${e.resultId} không có hoặc có dấu vân tay khác`,
        en: `Publication ${id}: "${e.unitId}" names result ${e.resultId}, which is missing or has another fingerprint`,
      })
    }
    srcs.push({ resultId: e.resultId, basedOnVersion: Number(r.based_on_version), record: JSON.parse(String(r.body)) as ResultRecord })
  }
  if (srcs.length === 0) return
  let ranked
  try {
    ranked = (await rankRecords(ctx, q, province, srcs)).batch
  } catch (e) {
    return fail({ vi: `Công bố ${id}: không xếp hạng lại được (${(e as Error).message})`, en: `Publication ${id}: cannot be ranked again (${(e as Error).message})` })
  }
  for (const e of entries) {
    const u = ranked.unit(e.unitId)
    if (!u || u.rank !== e.rank || u.result.index.toString() !== e.index || (u.band?.code ?? null) !== (e.band?.code ?? null)) {
      return fail({
        vi: `Công bố ${id}: thứ hạng của "${e.unitId}" (hạng ${e.rank}, chỉ số ${e.index}) khác kết quả xếp hạng lại (hạng ${u?.rank}, chỉ số ${u?.result.index.toString()})`,
        en: `Publication ${id}: "${e.unitId}" is published at rank ${e.rank}, index ${e.index}; ranking again gives rank ${u?.rank}, index ${u?.result.index.toString()}`,
      })
    }
  }
}
