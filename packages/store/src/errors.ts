/**
 * The store's problems, in the engine's own shape: a {@link ChisoIssue} with a stable code,
 * a path, the offending value and a message in Vietnamese and English. A refused write
 * throws one {@link StoreError} carrying every problem found.
 */
import { ChisoError, type ChisoIssue, type IssueCode, type IssuePath } from '@chiso/core'

/** Every code the store reports (verify's codes are in {@link VerifyCode}). */
export type StoreIssueCode =
  | 'conflict'
  | 'not_found'
  | 'schema_too_new'
  | 'database_unavailable'
  | 'store_closed'
  | 'invalid_value'
  | 'unknown_unit'
  | 'unknown_pack'
  | 'pack_version_taken'
  | 'appraisals_in_submission'
  | 'unit_mismatch'
  | 'duplicate_unit'
  | 'duplicate_assessment'
  | 'stale_results'
  | 'nothing_to_publish'
  | 'mixed_packs'

/**
 * One problem with a store operation: a store code, or the engine's own code when the
 * engine found it (an invalid pack, unit or assessment keeps `score_above_max` and the like).
 */
export interface StoreIssue extends ChisoIssue {
  readonly code: StoreIssueCode | IssueCode
}

type Message = { readonly vi: string; readonly en: string }

/** @internal */
export function storeIssue(code: StoreIssueCode, path: IssuePath, message: Message, value?: unknown): StoreIssue {
  return value === undefined ? { code, path, message } : { code, path, value, message }
}

/**
 * The one error class the store throws. It is a {@link ChisoError} (so one `catch` serves
 * the engine and the store), with the first problem's `code` at hand and, for a
 * `conflict`, the version the store holds now.
 *
 * @example
 * ```ts
 * import { StoreError } from '@chiso/store'
 * try {
 *   await store.appraise({ province: 'ha-tinh', unitId: 'xa-a', period: '2024', expectedVersion: 3, actor: 'tdt', changes })
 * } catch (e) {
 *   if (e instanceof StoreError && e.code === 'conflict') console.log('reload: the store is at version', e.currentVersion)
 * }
 * ```
 */
export class StoreError extends ChisoError {
  /** the first problem's code */
  readonly code: StoreIssueCode | IssueCode
  /** for a `conflict`: the version the stream holds now */
  readonly currentVersion: number | undefined
  constructor(issues: readonly StoreIssue[], options: { readonly currentVersion?: number } = {}) {
    super(issues, 'store operation')
    this.name = 'StoreError'
    this.code = issues[0]?.code ?? 'invalid_value'
    this.currentVersion = options.currentVersion
    // a reader of a log sees the problem itself, in both languages, not "Invalid input"
    const first = issues[0]
    if (first) this.message = `${first.message.en} / ${first.message.vi}${issues.length > 1 ? ` (+${issues.length - 1} more / và ${issues.length - 1} vấn đề khác)` : ''}`
  }
}

/** A conflict: the writer saw `expected`, the stream is at `current`. @internal */
export function conflict(stream: string | { readonly vi: string; readonly en: string }, expected: number, current: number, path: IssuePath = ['expectedVersion']): StoreError {
  // what is written to, in each language (a unit id and a period need no translation)
  const named = typeof stream === 'string' ? { vi: stream, en: stream } : stream
  return new StoreError(
    [
      storeIssue(
        'conflict',
        path,
        {
          vi: `Xung đột phiên bản: ${named.vi} đang ở phiên bản ${current}, yêu cầu dựa trên phiên bản ${expected}; hãy tải lại rồi thử lại`,
          en: `Version conflict: ${named.en} is at version ${current}, the write was based on version ${expected}; reload and try again`,
        },
        expected,
      ),
    ],
    { currentVersion: current },
  )
}

/** Not found. @internal */
export function notFound(what: Message, path: IssuePath, value?: unknown): StoreError {
  return new StoreError([storeIssue('not_found', path, { vi: `Không tìm thấy ${what.vi}`, en: `Not found: ${what.en}` }, value)])
}

/** A bad argument. @internal */
export function invalid(path: IssuePath, value: unknown, detail: Message): StoreIssue {
  return storeIssue('invalid_value', path, { vi: `Giá trị không hợp lệ: ${detail.vi}`, en: `Invalid value: ${detail.en}` }, value)
}

/** The engine's issues, their paths placed under `prefix`. @internal */
export function underPath(issues: readonly ChisoIssue[], prefix: IssuePath): StoreIssue[] {
  return issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }))
}
