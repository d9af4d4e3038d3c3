/**
 * Versioned migrations: one SQL text per version, the same on PGlite and on PostgreSQL,
 * each applied in its own transaction and recorded with its checksum. A database whose
 * schema is newer than this program knows is refused, never written to.
 */
import { sha256Hex } from '@chiso/core'
import type { Driver } from './driver.js'
import { StoreError, storeIssue } from './errors.js'
import { TABLE_NAMES } from './tables.js'

/** One migration. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

const appendOnly = (table: string): string => `
create trigger ${table}_append_only before update or delete on ${table} for each row execute function chiso_append_only();
create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function chiso_append_only();`

const INITIAL = `
create sequence row_ids;

-- the chain: one row per event, per province; each event's hash covers the one before it
create table events (
  province text not null,
  seq bigint not null check (seq >= 1),
  prev_hash text not null,
  hash text not null,
  kind text not null,
  stream text,
  stream_version integer check (stream_version >= 1),
  actor text not null,
  at timestamptz not null,
  rows text not null,
  constraint events_pkey primary key (province, seq),
  constraint events_stream_version unique (province, stream, stream_version),
  check ((stream is null) = (stream_version is null))
);

create table packs (
  id bigint primary key default nextval('row_ids'),
  province text not null,
  event_seq bigint not null,
  pack_id text not null,
  version text not null,
  source_hash text not null,
  content_hash text not null,
  body text not null,
  constraint packs_source unique (province, source_hash),
  constraint packs_version unique (province, pack_id, version)
);

create table units (
  id bigint primary key default nextval('row_ids'),
  province text not null,
  event_seq bigint not null,
  unit_id text not null,
  version integer not null,
  body text not null,
  constraint units_version unique (province, unit_id, version)
);

create table submissions (
  id bigint primary key default nextval('row_ids'),
  province text not null,
  event_seq bigint not null,
  unit_id text not null,
  period text not null,
  version integer not null,
  pack_id text not null,
  pack_version text not null,
  file_hash text,
  assessment_hash text not null,
  body text not null,
  constraint submissions_version unique (province, unit_id, period, version)
);
create index submissions_period on submissions (province, period);

create table appraisals (
  id bigint primary key default nextval('row_ids'),
  province text not null,
  event_seq bigint not null,
  unit_id text not null,
  period text not null,
  version integer not null,
  round integer not null,
  reviewer text not null,
  at text not null,
  body text not null,
  constraint appraisals_version unique (province, unit_id, period, version),
  constraint appraisals_round unique (province, unit_id, period, round)
);

create table results (
  id bigint primary key default nextval('row_ids'),
  province text not null,
  event_seq bigint not null,
  unit_id text not null,
  period text not null,
  grp text not null,
  based_on_version integer not null,
  pack_id text not null,
  pack_version text not null,
  pack_hash text not null,
  fingerprint text not null,
  engine_version text not null,
  total text not null,
  idx text not null,
  body text not null
);
create index results_unit on results (province, unit_id, period);
create index results_period on results (province, period, grp);

create table publications (
  id bigint primary key default nextval('row_ids'),
  province text not null,
  event_seq bigint not null,
  period text not null,
  grp text not null,
  version integer not null,
  decision_number text not null,
  decision_date text not null,
  pack_id text not null,
  pack_version text not null,
  body text not null,
  constraint publications_version unique (province, period, grp, version)
);

-- defence in depth: nothing is changed or removed in place (verify still finds an edit
-- made with these triggers dropped)
create function chiso_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'chiso: % on % is not allowed: the store is append-only / không được % trên bảng %: kho dữ liệu chỉ ghi thêm', tg_op, tg_table_name, tg_op, tg_table_name
    using errcode = 'P0001';
end
$$;
${['events', 'chiso_migrations', ...TABLE_NAMES].map(appendOnly).join('\n')}
`

/** Every migration this program knows, oldest first. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([{ version: 1, name: 'initial', sql: INITIAL }])

/** The newest schema version this program knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

/** A migration's checksum, as recorded. @internal */
export const checksumOf = (m: Migration): string => sha256Hex(m.sql)

const MIGRATIONS_TABLE = `
create table if not exists chiso_migrations (
  version integer primary key,
  name text not null,
  checksum text not null,
  applied_at timestamptz not null
)`

/** The error for a database newer than this program. @internal */
export function schemaTooNew(found: number, known: number): StoreError {
  return new StoreError([
    storeIssue(
      'schema_too_new',
      ['schemaVersion'],
      {
        vi: `Cơ sở dữ liệu có lược đồ phiên bản ${found}, mới hơn phiên bản ${known} mà chương trình này biết: hãy cập nhật chiso trước khi mở (không ghi gì vào cơ sở dữ liệu)`,
        en: `The database schema is at version ${found}, newer than version ${known} this program knows: upgrade chiso before opening it (nothing was written)`,
      },
      found,
    ),
  ])
}

/**
 * Brings the schema up to this program's version: each pending migration in its own
 * transaction, under a lock so two programs opening one database migrate it once.
 * Returns the version found before and after.
 * @internal
 */
export async function migrate(driver: Driver, migrations: readonly Migration[] = MIGRATIONS): Promise<{ from: number; to: number }> {
  const known = migrations[migrations.length - 1]?.version ?? 0
  // creating the table is itself serialised: two first openings must not both create it
  await driver.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext(current_schema() || ':chiso:migrate'))`)
    await tx.query(MIGRATIONS_TABLE)
  })
  const current = async (q: Pick<Driver, 'query'>): Promise<number> => Number((await q.query<{ v: number | null }>('select max(version) as v from chiso_migrations'))[0]?.v ?? 0)
  const from = await current(driver)
  if (from > known) throw schemaTooNew(from, known)
  for (const m of migrations) {
    if (m.version <= from) continue
    await driver.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext(current_schema() || ':chiso:migrate'))`)
      const now = await current(tx)
      if (now > known) throw schemaTooNew(now, known)
      if (now >= m.version) return
      await tx.exec(m.sql)
      await tx.query('insert into chiso_migrations (version, name, checksum, applied_at) values ($1, $2, $3, $4)', [m.version, m.name, checksumOf(m), new Date()])
    })
  }
  return { from, to: Math.max(from, known) }
}
