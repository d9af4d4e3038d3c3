/**
 * The tables the store keeps, column by column, and the digest of a row: what the chain
 * records for every row it writes, so that an edit of any column is found and named.
 */
import { canonicalJson, sha256Hex } from '@chiso/core'

type ColumnType = 'int8' | 'int4' | 'text'

/** A content table's name. */
export type TableName = 'packs' | 'units' | 'submissions' | 'appraisals' | 'results' | 'publications'

/** The content tables, column by column (the events and migrations tables are described apart). @internal */
export const TABLES = {
  packs: { id: 'int8', province: 'text', event_seq: 'int8', pack_id: 'text', version: 'text', source_hash: 'text', content_hash: 'text', body: 'text' },
  units: { id: 'int8', province: 'text', event_seq: 'int8', unit_id: 'text', version: 'int4', body: 'text' },
  submissions: {
    id: 'int8',
    province: 'text',
    event_seq: 'int8',
    unit_id: 'text',
    period: 'text',
    version: 'int4',
    pack_id: 'text',
    pack_version: 'text',
    file_hash: 'text',
    assessment_hash: 'text',
    body: 'text',
  },
  appraisals: { id: 'int8', province: 'text', event_seq: 'int8', unit_id: 'text', period: 'text', version: 'int4', round: 'int4', reviewer: 'text', at: 'text', body: 'text' },
  results: {
    id: 'int8',
    province: 'text',
    event_seq: 'int8',
    unit_id: 'text',
    period: 'text',
    grp: 'text',
    based_on_version: 'int4',
    pack_id: 'text',
    pack_version: 'text',
    pack_hash: 'text',
    fingerprint: 'text',
    engine_version: 'text',
    total: 'text',
    idx: 'text',
    body: 'text',
  },
  publications: {
    id: 'int8',
    province: 'text',
    event_seq: 'int8',
    period: 'text',
    grp: 'text',
    version: 'int4',
    decision_number: 'text',
    decision_date: 'text',
    pack_id: 'text',
    pack_version: 'text',
    body: 'text',
  },
} as const satisfies Record<TableName, Record<string, ColumnType>>

/** The content tables in the order verify reads them. */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[]

/** A row's values by column (ints as numbers, the rest as strings; `null` where empty). */
export type RowValues = Record<string, string | number | null>

/** What the chain keeps of each row it wrote. */
export interface RowEntry {
  /** table */
  readonly t: TableName
  readonly id: number
  /** sha256 over the row's column hashes */
  readonly h: string
  /** each column's hash, shortened: enough to name the column that was changed */
  readonly c: Readonly<Record<string, string>>
}

const columnHash = (value: unknown): string => sha256Hex(canonicalJson(value ?? null))

/** The chain's entry for a row. @internal */
export function rowEntry(table: TableName, row: RowValues): RowEntry {
  const full: Record<string, string> = {}
  const short: Record<string, string> = {}
  for (const col of Object.keys(TABLES[table])) {
    const h = columnHash(row[col])
    full[col] = h
    short[col] = h.slice(0, 16)
  }
  return { t: table, id: row.id as number, h: sha256Hex(canonicalJson({ t: table, c: full })), c: short }
}

/** Normalises a row read back from either driver to the values its digest covers. @internal */
export function normaliseRow(table: TableName, raw: Record<string, unknown>): RowValues {
  const out: RowValues = {}
  for (const [col, type] of Object.entries(TABLES[table])) {
    const v = raw[col]
    out[col] = v === null || v === undefined ? null : type === 'text' ? String(v) : Number(v)
  }
  return out
}

/** `insert … select * from unnest(…)` for rows of one table, in one statement. @internal */
export function insertSql(table: TableName): { sql: string; columns: string[] } {
  const cols = Object.entries(TABLES[table])
  return {
    sql: `insert into ${table} (${cols.map(([c]) => c).join(', ')}) select * from unnest(${cols.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})`,
    columns: cols.map(([c]) => c),
  }
}
