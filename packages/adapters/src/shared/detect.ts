/**
 * What a file is, from its bytes rather than its name: an Office Open XML workbook, an
 * OpenDocument spreadsheet, an encrypted Office file, an old .xls, a web page saved as
 * .xlsx, text (and its encoding), or something else. The one place that tells file kinds
 * apart: a reader for a new format adds its kind here.
 */
import { LIMITS, type ReadLimits } from './limits.js'
import { latin1Text, peekZipEntry, readZipDirectory, looksLikeZip, type ZipEntry, type ZipProblem } from './zip.js'

/**
 * The keyword (document properties) that marks a result workbook written by chiso, so a
 * result lying in a folder of submissions is never read as one. The ranking CSV is known
 * by its header row.
 * @internal
 */
export const RESULT_KEYWORD = 'chiso-result'

/** A text encoding the CSV reader decodes. @internal */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258'

/** What a file holds. @internal */
export type FileKind =
  | { readonly kind: 'empty' }
  /** a zip with xl/workbook.xml */
  | { readonly kind: 'xlsx'; readonly entries: readonly ZipEntry[] }
  /** a zip whose `mimetype` says OpenDocument spreadsheet */
  | { readonly kind: 'ods'; readonly entries: readonly ZipEntry[] }
  /** a zip that is not a workbook; `what` names it when known */
  | { readonly kind: 'zip'; readonly what: 'xlsb' | 'docx' | 'pptx' | 'odt' | 'odp' | 'opendocument' | 'unknown' }
  /** a zip that cannot be read, or breaks a limit before anything is unpacked */
  | { readonly kind: 'bad_zip'; readonly problem: ZipProblem }
  /** an OLE compound file holding an encrypted Office Open XML package (a password-protected .xlsx) */
  | { readonly kind: 'encrypted' }
  /** an OLE compound file holding a BIFF workbook (Excel 97-2003 .xls), or one too damaged to tell */
  | { readonly kind: 'xls' }
  /** an OLE compound file holding a Word or PowerPoint 97-2003 document */
  | { readonly kind: 'ole' }
  | { readonly kind: 'html' }
  /** Excel 2003 "XML Spreadsheet" */
  | { readonly kind: 'xml_spreadsheet' }
  | { readonly kind: 'xml' }
  | { readonly kind: 'text'; readonly encoding: TextEncodingName; readonly bom: number }
  | { readonly kind: 'binary'; readonly what: 'pdf' | 'png' | 'jpeg' | 'gif' | 'rar' | '7z' | 'gzip' | 'unknown' }

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x)

/** Name (UTF-16LE, as in an OLE directory entry) of a stream; true when some directory slot holds it. */
function oleHasStream(b: Uint8Array, name: string): boolean {
  // directory entries are 128 bytes, in sectors of 512 or 4096 bytes after the header:
  // every entry starts at a multiple of 128 from 512 on; its name is UTF-16LE with the
  // name's byte length (terminator included) at +64
  const len = (name.length + 1) * 2
  outer: for (let o = 512; o + 128 <= b.length; o += 128) {
    if (b[o + 64] !== len || b[o + 65] !== 0) continue
    for (let i = 0; i < name.length; i++) if (b[o + 2 * i] !== name.charCodeAt(i) || b[o + 2 * i + 1] !== 0) continue outer
    return true
  }
  return false
}

/**
 * The encoding of text bytes, or undefined for binary data: a BOM decides; without one,
 * NUL bytes on every other position mean UTF-16 (Excel's "Unicode text"), other NULs or
 * many control characters mean binary; valid UTF-8 is UTF-8, anything else Windows-1258.
 * @internal
 */
export function textEncoding(b: Uint8Array): { encoding: TextEncodingName; bom: number } | undefined {
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: 3 }
  if (startsWith(b, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: 2 }
  if (startsWith(b, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: 2 }
  const sample = b.subarray(0, 8192)
  let evenNul = 0
  let oddNul = 0
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i]!
    if (x === 0) {
      if (i % 2 === 0) evenNul++
      else oddNul++
    } else if ((x < 0x20 && x !== 9 && x !== 10 && x !== 13 && x !== 12 && x !== 0x1a) || x === 0x7f) control++
  }
  const half = sample.length / 2
  if (sample.length >= 2 && oddNul >= half * 0.3 && evenNul <= half * 0.05) return { encoding: 'utf-16le', bom: 0 }
  if (sample.length >= 2 && evenNul >= half * 0.3 && oddNul <= half * 0.05) return { encoding: 'utf-16be', bom: 0 }
  if (evenNul + oddNul > 0) return undefined
  if (control > Math.max(2, sample.length / 100)) return undefined
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b)
    return { encoding: 'utf-8', bom: 0 }
  } catch {
    return { encoding: 'windows-1258', bom: 0 }
  }
}

function zipKind(b: Uint8Array, limits: ReadLimits): FileKind {
  const dir = readZipDirectory(b, limits)
  if (!dir.ok) return { kind: 'bad_zip', problem: dir.problem }
  const names = new Set(dir.entries.map((e) => e.name.replace(/^\//, '')))
  if (names.has('xl/workbook.xml')) return { kind: 'xlsx', entries: dir.entries }
  const mimeEntry = dir.entries.find((e) => e.name === 'mimetype')
  const mimeBytes = mimeEntry ? peekZipEntry(b, mimeEntry, 256) : undefined
  const mime = mimeBytes ? latin1Text(mimeBytes).trim() : undefined
  if (mime === 'application/vnd.oasis.opendocument.spreadsheet') return { kind: 'ods', entries: dir.entries }
  if (mime === 'application/vnd.oasis.opendocument.text') return { kind: 'zip', what: 'odt' }
  if (mime === 'application/vnd.oasis.opendocument.presentation') return { kind: 'zip', what: 'odp' }
  if (mime?.startsWith('application/vnd.oasis.opendocument')) return { kind: 'zip', what: 'opendocument' }
  if (names.has('xl/workbook.bin')) return { kind: 'zip', what: 'xlsb' }
  if (names.has('word/document.xml')) return { kind: 'zip', what: 'docx' }
  if (names.has('ppt/presentation.xml')) return { kind: 'zip', what: 'pptx' }
  return { kind: 'zip', what: 'unknown' }
}

/**
 * Tells what a file is from its first bytes (and, for a zip, its directory).
 * @internal
 */
export function detectFileKind(b: Uint8Array, limits: ReadLimits = LIMITS): FileKind {
  if (b.length === 0) return { kind: 'empty' }
  if (looksLikeZip(b)) return zipKind(b, limits)
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (oleHasStream(b, 'EncryptedPackage') || oleHasStream(b, 'EncryptionInfo')) return { kind: 'encrypted' }
    if (oleHasStream(b, 'WordDocument') || oleHasStream(b, 'PowerPoint Document')) return { kind: 'ole' }
    // a Workbook / Book stream, or a file too damaged to tell: most likely an old spreadsheet
    return { kind: 'xls' }
  }
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'binary', what: 'pdf' }
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'binary', what: 'png' }
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'binary', what: 'jpeg' }
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return { kind: 'binary', what: 'gif' }
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21])) return { kind: 'binary', what: 'rar' }
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf])) return { kind: 'binary', what: '7z' }
  if (startsWith(b, [0x1f, 0x8b])) return { kind: 'binary', what: 'gzip' }
  const enc = textEncoding(b)
  if (!enc) return { kind: 'binary', what: 'unknown' }
  // markup: a web page or an XML file saved under a spreadsheet's name
  const head = new TextDecoder(enc.encoding)
    .decode(b.subarray(enc.bom, enc.bom + 2048))
    .trimStart()
    .toLowerCase()
  if (head.startsWith('<')) {
    if (/<(!doctype html|html|head|body|table|meta)\b/.test(head)) return { kind: 'html' }
    if (head.includes('urn:schemas-microsoft-com:office:spreadsheet') || /<\?mso-application\s+progid="excel\.sheet"/.test(head)) return { kind: 'xml_spreadsheet' }
    if (head.startsWith('<?xml')) return { kind: 'xml' }
  }
  return { kind: 'text', ...enc }
}

/** How to name a file kind in a message (Vietnamese and English), with what to do about it. @internal */
export function describeFileKind(k: FileKind): { vi: string; en: string } {
  switch (k.kind) {
    case 'empty':
      return { vi: 'tệp rỗng', en: 'an empty file' }
    case 'xlsx':
      return { vi: 'sổ Excel (.xlsx)', en: 'an Excel workbook (.xlsx)' }
    case 'ods':
      return { vi: 'bảng tính OpenDocument (.ods) — hãy lưu lại thành Excel (.xlsx)', en: 'an OpenDocument spreadsheet (.ods): save it as an Excel workbook (.xlsx)' }
    case 'zip': {
      const what = {
        xlsb: ['sổ Excel dạng nhị phân (.xlsb) — hãy lưu lại thành .xlsx', 'an Excel binary workbook (.xlsb): save it as .xlsx'],
        docx: ['tài liệu Word (.docx)', 'a Word document (.docx)'],
        pptx: ['bản trình chiếu PowerPoint (.pptx)', 'a PowerPoint presentation (.pptx)'],
        odt: ['văn bản OpenDocument (.odt)', 'an OpenDocument text (.odt)'],
        odp: ['bản trình chiếu OpenDocument (.odp)', 'an OpenDocument presentation (.odp)'],
        opendocument: ['tệp OpenDocument không phải bảng tính', 'an OpenDocument file that is not a spreadsheet'],
        unknown: ['tệp nén .zip không phải sổ Excel', 'a zip archive that is not a workbook'],
      }[k.what]
      return { vi: what[0]!, en: what[1]! }
    }
    case 'bad_zip':
      return { vi: 'tệp nén bị hỏng hoặc bất thường', en: 'a damaged or abnormal zip' }
    case 'encrypted':
      return {
        vi: 'tệp được bảo vệ bằng mật khẩu — hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại',
        en: 'protected by a password: open it in Excel, remove the password and save it again',
      }
    case 'xls':
      return { vi: 'tệp .xls (Excel 97-2003) — hãy lưu lại thành .xlsx', en: 'an old .xls file (Excel 97-2003): save it as .xlsx' }
    case 'ole':
      return { vi: 'tài liệu Word hoặc PowerPoint 97-2003 (.doc, .ppt)', en: 'a Word or PowerPoint 97-2003 document (.doc, .ppt)' }
    case 'html':
      return {
        vi: 'trang web (HTML) mang tên tệp bảng tính — hãy mở bằng Excel và lưu thành Sổ làm việc Excel (.xlsx)',
        en: 'a web page (HTML) saved under a spreadsheet name: open it in Excel and save it as Excel Workbook (.xlsx)',
      }
    case 'xml_spreadsheet':
      return { vi: 'bảng tính XML của Excel 2003 — hãy lưu lại thành .xlsx', en: 'an Excel 2003 XML spreadsheet: save it as .xlsx' }
    case 'xml':
      return { vi: 'tệp XML, không phải bảng tính', en: 'an XML file, not a spreadsheet' }
    case 'text':
      return { vi: 'tệp văn bản (CSV?) — nếu là CSV, hãy đặt đuôi tệp .csv', en: 'a text file (CSV?): if it is a CSV, name it .csv' }
    case 'binary': {
      const what = {
        pdf: ['tài liệu PDF', 'a PDF document'],
        png: ['ảnh PNG', 'a PNG image'],
        jpeg: ['ảnh JPEG', 'a JPEG image'],
        gif: ['ảnh GIF', 'a GIF image'],
        rar: ['tệp nén RAR', 'a RAR archive'],
        '7z': ['tệp nén 7z', 'a 7z archive'],
        gzip: ['tệp nén gzip', 'a gzip archive'],
        unknown: ['dữ liệu nhị phân không rõ định dạng', 'binary data of no known format'],
      }[k.what]
      return { vi: what[0]!, en: what[1]! }
    }
  }
}
