/**
 * A tiny progress bar for long work, drawn only on a terminal.
 */

/** Where the CLI writes. */
export interface OutStream {
  write(text: string): unknown
  readonly isTTY?: boolean
  readonly columns?: number
}

/**
 * A one-line progress bar on a TTY stream; does nothing when the output is not a TTY
 * (pipes, files, CI logs), so scripts never see control characters.
 *
 * @example
 * ```ts
 * import { ProgressBar } from '@chiso/adapters/cli'
 * const bar = new ProgressBar(process.stderr, 'Đọc tệp', files.length, process.stdout.isTTY === true)
 * files.forEach((f, i) => bar.update(i + 1, f))
 * bar.done()
 * ```
 */
export class ProgressBar {
  #last = 0
  #drawn = false
  constructor(
    private readonly stream: OutStream,
    private readonly label: string,
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  /** Redraws (at most every 50 ms, and always on the last step). */
  update(done: number, detail = ''): void {
    if (!this.enabled || this.total <= 0) return
    const now = Date.now()
    if (done < this.total && now - this.#last < 50) return
    this.#last = now
    const width = 24
    const filled = Math.round((done / this.total) * width)
    const cols = this.stream.columns ?? 80
    let line = `${this.label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${this.total} ${detail}`
    if (line.length > cols - 1) line = line.slice(0, cols - 2) + '…'
    this.stream.write(`\r\x1b[2K${line}`)
    this.#drawn = true
  }

  /** Clears the bar. */
  done(): void {
    if (this.#drawn) this.stream.write('\r\x1b[2K')
    this.#drawn = false
  }
}
