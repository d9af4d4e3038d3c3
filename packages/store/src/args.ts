/**
 * Checks of the arguments every store call takes (province, unit, period, version, actor),
 * each problem reported with its path, all at once.
 */
import { invalid, StoreError, type StoreIssue } from './errors.js'

const PROVINCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** The path of an argument named as code names it ("decision.date", "items[0].expectedVersion"): ['decision', 'date'], ['items', 0, 'expectedVersion']. */
function pathOf(name: string): (string | number)[] {
  const path: (string | number)[] = []
  for (const part of name.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part)
    if (!m) {
      path.push(part)
      continue
    }
    if (m[1] !== '') path.push(m[1]!)
    for (const i of m[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(i[1]))
  }
  return path
}

/** Collects argument problems; `done()` throws them all at once. @internal */
export class Args {
  readonly issues: StoreIssue[] = []

  province(v: unknown): string {
    if (typeof v !== 'string' || !PROVINCE.test(v)) {
      this.issues.push(
        invalid(['province'], v, {
          vi: 'mã tỉnh phải là chữ, số, ".", "_" hoặc "-" (tối đa 64 ký tự), ví dụ "ha-tinh"',
          en: 'a province code is letters, digits, ".", "_" or "-" (up to 64 characters), e.g. "ha-tinh"',
        }),
      )
    }
    return v as string
  }

  text(name: string, v: unknown, max = 500): string {
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
      this.issues.push(invalid(pathOf(name), v, { vi: `"${name}" phải là chuỗi không rỗng (tối đa ${max} ký tự)`, en: `"${name}" must be a non-empty string (up to ${max} characters)` }))
    }
    return v as string
  }

  version(name: string, v: unknown): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      this.issues.push(invalid(pathOf(name), v, { vi: `"${name}" phải là số nguyên không âm (phiên bản đã đọc)`, en: `"${name}" must be a non-negative integer (the version read)` }))
    }
    return v as number
  }

  date(name: string, v: unknown): string {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      this.issues.push(invalid(pathOf(name), v, { vi: `"${name}" phải là ngày dạng YYYY-MM-DD`, en: `"${name}" must be a date as YYYY-MM-DD` }))
    }
    return v as string
  }

  done(): void {
    if (this.issues.length > 0) throw new StoreError(this.issues)
  }
}
