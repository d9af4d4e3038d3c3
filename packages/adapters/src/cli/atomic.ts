/**
 * Writing a file so that it is never half-written: the bytes go to a temporary file in the
 * same folder, are flushed to disk, and the temporary file is renamed over the target. A
 * crash or a kill at any moment leaves either the previous file or the new one, whole.
 */
import { randomBytes } from 'node:crypto'
import { open, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Test hook, read only here: with `CHISO_TEST_PAUSE_WRITE=1` in the environment the
 * writer stops after half the bytes are in the temporary file, says so on stderr
 * ("chiso-test: write paused <temporary file>") and waits a minute, so a test can kill
 * the process in the middle of a write. Nothing else reads it.
 */
const PAUSE_ENV = 'CHISO_TEST_PAUSE_WRITE'

/**
 * Writes `data` to `path` atomically: `.<name>.<random>.tmp` next to it, fsync, rename;
 * the temporary file is removed when anything fails. An existing file keeps its mode.
 *
 * @example
 * ```ts
 * await writeFileAtomic('ket-qua-2024.xlsx', await writeResultWorkbook(batch))
 * ```
 * @internal
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const existingMode = await stat(path).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  )
  let fh: Awaited<ReturnType<typeof open>> | undefined
  try {
    fh = await open(tmp, 'wx', 0o666)
    if (existingMode !== undefined) await fh.chmod(existingMode)
    if (process.env[PAUSE_ENV] === '1') {
      const half = Math.floor(bytes.length / 2)
      await fh.write(bytes, 0, half, 0)
      await fh.sync()
      process.stderr.write(`chiso-test: write paused ${tmp}\n`)
      await new Promise((resolve) => setTimeout(resolve, 60_000))
      await fh.write(bytes, half, bytes.length - half, half)
    } else await fh.writeFile(bytes)
    await fh.sync()
    await fh.close()
    fh = undefined
    await rename(tmp, path)
  } catch (e) {
    await fh?.close().catch(() => undefined)
    await unlink(tmp).catch(() => undefined)
    throw e
  }
  // the rename itself reaches the disk once the folder is flushed (not possible everywhere)
  const dir = await open(dirname(path), 'r').catch(() => undefined)
  await dir?.sync().catch(() => undefined)
  await dir?.close().catch(() => undefined)
}
