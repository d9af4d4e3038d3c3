/**
 * One small driver contract, two implementations (PGlite embedded, PostgreSQL through
 * `pg`). Everything above it is driver-agnostic SQL that runs on both.
 */

/** A row as the driver returns it: int8 as number, timestamptz as Date, text as string. */
export type Row = Record<string, unknown>

/** Something that runs SQL: the driver itself, or an open transaction. */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>
  /** runs a script of several statements (no parameters) */
  exec(sql: string): Promise<void>
}

/** How a transaction runs. */
export interface TransactionOptions {
  /** `repeatable read` gives one snapshot for a long read (verify); default `read committed` */
  readonly isolation?: 'read committed' | 'repeatable read'
  readonly readOnly?: boolean
}

/** A database connection (or pool) with transactions. */
export interface Driver extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /** the schema the store's tables live in */
  readonly schema: string
  /** runs `fn` in one transaction: committed when it returns, rolled back when it throws */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>
  close(): Promise<void>
}

/** A PostgreSQL error's fields that the store reads (both drivers report them). @internal */
export interface SqlError {
  readonly code?: string
  readonly constraint?: string
  readonly message: string
}

/** Whether an error is a unique-constraint violation (of the named constraint). @internal */
export function isUniqueViolation(e: unknown, constraint?: string): e is SqlError {
  const err = e as SqlError | undefined
  return err?.code === '23505' && (constraint === undefined || err.constraint === constraint)
}

/** A schema name both drivers accept unquoted-safe: lower-case letters, digits, `_`. @internal */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** `BEGIN` with the options. @internal */
export function beginSql(options: TransactionOptions = {}): string {
  return `begin isolation level ${options.isolation ?? 'read committed'}${options.readOnly ? ' read only' : ''}`
}
