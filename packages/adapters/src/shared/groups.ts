/**
 * The ranking group of every form read together, settled over the whole folder: a group
 * written by name ("Khối xã") is the same group as its code ("xa"), and a blank "Nhóm xếp
 * hạng" cell takes the group the other forms of the same kind of unit name.
 *
 * What a province officer expects, and what this does:
 * - "xa", "Xã", "Khối xã", "nhóm xa" are one group: a group's code is its words without
 *   marks, "khối"/"nhóm" and punctuation ("Khối phường, thị trấn" → "phuong-thi-tran").
 * - A blank cell, when no form names a group, leaves every form in the one ranking.
 * - A blank cell, when the forms of the same kind of unit (xã, phường …) name exactly one
 *   group, takes that group, with a warning at the cell saying so.
 * - A blank cell, when no form of that kind names a group but others do, takes the group
 *   the unit kind implies ("xa" for a xã), with the same warning: never a second ranking
 *   of its own.
 * - A blank cell, when the forms of that kind name several groups, cannot be settled: an
 *   error at the cell listing them, and the form is not scored.
 */
import type { AssessmentInput } from '@chiso/core'
import { fileIssue, type FileIssue } from './issues.js'
import { normalizeHeader } from './text.js'

/** One form's assessment with where it came from and where its group cell is. */
export interface GroupedForm {
  readonly file: string
  readonly sheet?: string | undefined
  /** the "Nhóm xếp hạng" value cell ("B6"), when the form has one */
  readonly cell?: string | undefined
  readonly assessment: AssessmentInput
}

/** The group code a unit kind implies when no form of that kind names one. */
const KIND_GROUP: Record<string, string> = {
  commune: 'xa',
  ward: 'phuong-thi-tran',
  township: 'phuong-thi-tran',
  district: 'huyen',
  department: 'so-ban-nganh',
}

/**
 * The code of a group as written on a form: "Khối xã" → "xa", "Khối phường, thị trấn" →
 * "phuong-thi-tran", "xa" → "xa"; a blank cell → undefined.
 *
 * @example
 * ```ts
 * groupCode('Khối xã') // 'xa'
 * ```
 */
export function groupCode(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const n = normalizeHeader(text)
    .replace(/^(khoi|nhom)\s+/, '')
    .trim()
  return n === '' ? undefined : n.replace(/ /g, '-')
}

const groupOf = (a: AssessmentInput): string | undefined => a.group ?? a.unit?.group

const withGroup = (a: AssessmentInput, group: string | undefined): AssessmentInput => {
  const { group: _g, ...rest } = a
  void _g
  const unit = a.unit
    ? (() => {
        const { group: _ug, ...u } = a.unit
        void _ug
        return group ? { ...u, group } : u
      })()
    : undefined
  return { ...rest, ...(unit ? { unit } : {}), ...(group ? { group } : {}) }
}

/**
 * Settles the ranking group of every form (see the module comment): returns the forms
 * with their groups as codes, each kept or rejected, and the warnings and errors to report.
 */
export function settleGroups(forms: readonly GroupedForm[]): { kept: GroupedForm[]; rejected: GroupedForm[]; issues: FileIssue[] } {
  const coded = forms.map((f) => ({ f, code: groupCode(groupOf(f.assessment)), kind: f.assessment.unit?.kind ?? 'unit' }))
  const named = coded.filter((c) => c.code !== undefined)
  const kept: GroupedForm[] = []
  const rejected: GroupedForm[] = []
  const issues: FileIssue[] = []
  if (named.length === 0) return { kept: [...forms], rejected, issues }
  const byKind = new Map<string, Set<string>>()
  // each group as the forms write it, for people: a name ("Khối xã") rather than its code ("xa")
  const written = new Map<string, string>()
  for (const c of named) {
    const s = byKind.get(c.kind) ?? new Set<string>()
    s.add(c.code!)
    byKind.set(c.kind, s)
    const text = groupOf(c.f.assessment)!.trim()
    const known = written.get(c.code!)
    if (known === undefined || (known === c.code && text !== c.code)) written.set(c.code!, text)
  }
  for (const c of coded) {
    const { f } = c
    if (c.code !== undefined) {
      kept.push({ ...f, assessment: withGroup(f.assessment, c.code) })
      continue
    }
    const at = { file: f.file, sheet: f.sheet, ...(f.cell ? { cell: f.cell } : {}) }
    const unitId = f.assessment.unitId
    const name = f.assessment.unit?.name
    const same = [...(byKind.get(c.kind) ?? [])].sort()
    if (same.length > 1) {
      issues.push(fileIssue('group_ambiguous', at, { unitId, name, groups: same, kind: c.kind }, undefined, 'error'))
      rejected.push(f)
      continue
    }
    const group = same[0] ?? KIND_GROUP[c.kind] ?? c.kind
    issues.push(fileIssue('group_inferred', at, { unitId, name, group: written.get(group) ?? group, fromOthers: same.length, kind: c.kind }, undefined, 'warning'))
    kept.push({ ...f, assessment: withGroup(f.assessment, group) })
  }
  return { kept, rejected, issues }
}
