/**
 * Loading a submitted file's bytes within the size limit, and turning what a file turned
 * out to be into the issue that explains why it is not read.
 */
import { describeFileKind, type FileKind } from './detect.js'
import { fileIssue, type FileIssue } from './issues.js'
import { formatBytes, formatCount, LIMITS, type ReadLimits } from './limits.js'
import type { ZipProblem } from './zip.js'
import { nodeBuiltin } from './node-builtin.js'

/** A file path, or the bytes of a file. */
export type FileInput = string | Uint8Array | ArrayBuffer

/**
 * Loads bytes from a path (refusing a file above the size limit before reading it) or
 * passes bytes through; a missing or unreadable file is an issue.
 * @internal
 */
export async function loadBytes(file: FileInput, fileName: string, limits: ReadLimits = LIMITS): Promise<{ bytes: Uint8Array } | { issue: FileIssue }> {
  if (typeof file !== 'string') {
    const bytes = file instanceof Uint8Array ? file : new Uint8Array(file)
    if (bytes.length > limits.maxFileBytes) return { issue: fileIssue('file_too_large', { file: fileName }, { size: bytes.length, limit: limits.maxFileBytes }, bytes.length) }
    return { bytes }
  }
  // node:fs is loaded here, never imported: the xlsx and csv entries then bundle for the
  // browser, where bytes are passed (a path needs Node.js)
  const fs = nodeBuiltin('node:fs/promises')
  if (!fs)
    return {
      issue: fileIssue(
        'read_failed',
        { file: fileName },
        { detail: { vi: 'đọc tệp theo đường dẫn cần Node.js; hãy truyền nội dung tệp', en: "reading a file by its path needs Node.js; pass the file's bytes" } },
      ),
    }
  const { open, stat } = fs
  let fh
  try {
    // a folder, a pipe or a device is not a file to read (opening a pipe would wait forever)
    if (!(await stat(file)).isFile()) return { issue: fileIssue('read_failed', { file: fileName }, { detail: { vi: 'không phải một tệp thông thường', en: 'not a regular file' } }) }
    fh = await open(file, 'r')
    const st = await fh.stat()
    if (st.size > limits.maxFileBytes) return { issue: fileIssue('file_too_large', { file: fileName }, { size: st.size, limit: limits.maxFileBytes }, st.size) }
    // read at most one byte past the limit: a file growing while it is read is still bounded
    const buf = new Uint8Array(Math.min(st.size, limits.maxFileBytes) + 1)
    let got = 0
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got)
      if (bytesRead === 0) break
      got += bytesRead
      if (got === buf.length) break
    }
    if (got > limits.maxFileBytes) return { issue: fileIssue('file_too_large', { file: fileName }, { size: got, limit: limits.maxFileBytes }, got) }
    return { bytes: buf.subarray(0, got) }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { issue: fileIssue('file_not_found', { file: fileName }, { file: fileName }) }
    return { issue: fileIssue('read_failed', { file: fileName }, { detail: (e as Error).message }) }
  } finally {
    await fh?.close().catch(() => undefined)
  }
}

/** The words for a zip problem, in both languages. @internal */
export function zipProblemText(p: ZipProblem): { vi: string; en: string } {
  switch (p.kind) {
    case 'damaged':
      return { vi: `cấu trúc nén bị hỏng (${p.detail.vi})`, en: `its zip structure is damaged (${p.detail.en})` }
    case 'encrypted':
      return { vi: 'các phần trong tệp nén bị mã hoá', en: 'its parts are encrypted' }
    case 'unsupported_method':
      return { vi: `phần ${p.entry} nén theo phương pháp không hỗ trợ (${p.method})`, en: `part ${p.entry} uses an unsupported compression method (${p.method})` }
    case 'too_many_entries':
      return {
        vi: `có ${formatCount(p.count, 'vi')} phần, vượt giới hạn ${formatCount(p.limit, 'vi')}`,
        en: `it has ${formatCount(p.count, 'en')} parts, above the limit of ${formatCount(p.limit, 'en')}`,
      }
    case 'part_too_large':
      return {
        vi: `phần ${p.entry} giải nén ra ${formatBytes(p.size, 'vi')}, vượt giới hạn ${formatBytes(p.limit, 'vi')} (có thể là "bom zip")`,
        en: `part ${p.entry} unpacks to ${formatBytes(p.size, 'en')}, above the limit of ${formatBytes(p.limit, 'en')} (possibly a zip bomb)`,
      }
    case 'unpacked_too_large':
      return {
        vi: `các phần giải nén ra tổng cộng ${formatBytes(p.size, 'vi')}, vượt giới hạn ${formatBytes(p.limit, 'vi')} (có thể là "bom zip")`,
        en: `its parts unpack to ${formatBytes(p.size, 'en')} in all, above the limit of ${formatBytes(p.limit, 'en')} (possibly a zip bomb)`,
      }
    case 'ratio':
      return {
        vi: `phần ${p.entry} nén với tỉ lệ ${Math.round(p.ratio)}:1, vượt giới hạn ${p.limit}:1 (dấu hiệu "bom zip")`,
        en: `part ${p.entry} is compressed ${Math.round(p.ratio)}:1, above the limit of ${p.limit}:1 (the mark of a zip bomb)`,
      }
    case 'size_mismatch':
      return {
        vi: `phần ${p.entry} giải nén ra khác kích thước khai báo (${formatBytes(p.declared, 'vi')}): tệp hỏng hoặc cố tình khai sai`,
        en: `part ${p.entry} does not unpack to its declared size (${formatBytes(p.declared, 'en')}): damaged, or lying about its size`,
      }
  }
}

/** The issue for a zip problem: unreadable zips are "not a workbook", limits broken are "unsafe". @internal */
export function zipProblemIssue(p: ZipProblem, file: string): FileIssue {
  if (p.kind === 'encrypted') return fileIssue('password_protected', { file })
  const detail = zipProblemText(p)
  if (p.kind === 'damaged' || p.kind === 'unsupported_method') return fileIssue('not_a_workbook', { file }, { detail: { vi: `tệp .xlsx hỏng: ${detail.vi}`, en: `a damaged .xlsx: ${detail.en}` } })
  return fileIssue('unsafe_zip', { file }, { detail }, p.kind)
}

/**
 * The issue for a file that is not of the kind a reader wanted: named for what it is
 * (a password-protected workbook, an old .xls, a web page …).
 * @internal
 */
export function kindIssue(k: FileKind, file: string, wanted: 'workbook' | 'csv'): FileIssue {
  if (k.kind === 'empty') return fileIssue('empty_file', { file })
  if (k.kind === 'encrypted') return fileIssue('password_protected', { file })
  if (k.kind === 'bad_zip' && wanted === 'workbook') return zipProblemIssue(k.problem, file)
  return fileIssue(wanted === 'csv' ? 'not_a_csv' : 'not_a_workbook', { file }, { detail: describeFileKind(k) }, k.kind)
}
