/**
 * What every command shares: where it writes, its exit code, and how it prints.
 */
import type { ChisoIssue } from '@chiso/core'
import { localiseNumbers, type Locale } from '../shared/locale.js'
import { messages, type Messages } from './messages.js'
import type { OutStream } from './progress.js'

/** Version of the `chiso` command. */
export const CLI_VERSION = '0.1.0'

/** Where the command reads and writes; `process` by default. */
export interface CliIO {
  readonly stdout: OutStream
  readonly stderr: OutStream
  readonly cwd: string
}

/** Exit codes: 0 fine, 1 problems found in the input, 2 usage error, 3 internal error (a bug in chiso). */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const

/** A mistake in how the command was called: printed as is, exit code 2. @internal */
export class UsageError extends Error {}

/** One run of the command: its streams and the exit code its action sets. @internal */
export interface Ctx {
  io: CliIO
  code: number
  /** the output language (--lang), Vietnamese by default */
  lang: Locale
  /** the command's own words in that language */
  m: Messages
}

/** Sets the output language of a run. @internal */
export function setLang(ctx: Ctx, lang: Locale): void {
  ctx.lang = lang
  ctx.m = messages(lang)
}

/** @internal */
export const out = (ctx: Ctx, s = ''): void => void ctx.io.stdout.write(`${s}\n`)
/** @internal */
export const err = (ctx: Ctx, s = ''): void => void ctx.io.stderr.write(`${s}\n`)

/** A core issue on one line in the output language, with its path and code. @internal */
export function coreIssueLine(i: ChisoIssue, lang: Locale, file?: string): string {
  const path =
    i.path.length > 0
      ? i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : p))
          .join('.')
          .replace(/\.\[/g, '[')
      : ''
  return `${file ? `${file}: ` : ''}${path ? `${path}: ` : ''}${localiseNumbers(i.message[lang], lang)} [${i.code}]`
}

/** Progress bars only on a terminal, never in JSON mode. @internal */
export function tty(ctx: Ctx, jsonMode: boolean): boolean {
  return ctx.io.stdout.isTTY === true && !jsonMode
}
