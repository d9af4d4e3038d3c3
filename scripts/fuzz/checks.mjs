// What the fuzz harness counts as a failure, and the helpers that detect it.
import { performance } from 'node:perf_hooks'
import { ChisoError, canonicalJson } from '@chiso/core'

/** Failure categories, in the order the summary prints them. */
export const CATEGORIES = ['uncaught', 'internal', 'slow', 'pollution', 'disagreement']

/** One case's findings. */
export class Trial {
  constructor(index, kind) {
    this.index = index
    this.kind = kind
    this.what = ''
    this.failures = []
    /** wall time spent inside the API (making the input does not count) */
    this.apiMs = 0
  }

  fail(category, detail) {
    this.failures.push({ category, detail })
  }

  /**
   * Runs a call that may throw a ChisoError (and nothing else); a `safe` call may not throw
   * at all. Returns { value } or { error }.
   */
  call(name, f, { safe = false } = {}) {
    const t0 = performance.now()
    try {
      return { value: f() }
    } catch (e) {
      this.threw(name, e, safe)
      return { error: e }
    } finally {
      this.apiMs += performance.now() - t0
    }
  }

  /** {@link call} for a promise. */
  async callAsync(name, f, { safe = false } = {}) {
    const t0 = performance.now()
    try {
      return { value: await f() }
    } catch (e) {
      this.threw(name, e, safe)
      return { error: e }
    } finally {
      this.apiMs += performance.now() - t0
    }
  }

  threw(name, e, safe) {
    if (!safe && e instanceof ChisoError) {
      this.internalIssues(name, e.issues)
      return
    }
    this.fail('uncaught', `${name} threw ${describeError(e)}`)
  }

  /** An issue that stands for a caught bug (`unexpected_error`, a reader's `internal_error`) is a failure. */
  internalIssues(name, issues) {
    for (const i of issues ?? []) {
      if (i.code === 'unexpected_error' || i.code === 'internal_error')
        this.fail('internal', `${name}: ${i.code} ${i.message?.en ?? ''} ${typeof i.value === 'string' ? i.value.split('\n').slice(0, 3).join(' | ') : ''}`.trim())
    }
  }
}

/** An exception, in one line with where it was thrown. */
export function describeError(e) {
  if (e instanceof Error) {
    const at = (e.stack ?? '').split('\n').find((l) => l.includes(' at ')) ?? ''
    return `${e.constructor.name}: ${e.message.slice(0, 200)} ${at.trim()}`
  }
  return `${typeof e} ${String(e).slice(0, 200)}`
}

const PROTOTYPES = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
]

/** Every own property of the shared prototypes, with its value, to tell when a case changed one. */
export function prototypeSnapshot() {
  const snap = new Map()
  for (const [name, proto] of PROTOTYPES) {
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)
      snap.set(`${name}.${String(key)}`, d.value ?? d.get)
    }
    snap.set(`${name} [[Prototype]]`, Object.getPrototypeOf(proto))
  }
  return snap
}

/** What differs between two snapshots; a changed property is put back so later cases run clean. */
export function pollutionSince(before) {
  const found = []
  for (const [name, proto] of PROTOTYPES) {
    for (const key of Reflect.ownKeys(proto)) {
      const id = `${name}.${String(key)}`
      const d = Object.getOwnPropertyDescriptor(proto, key)
      if (!before.has(id)) {
        found.push(`${id} added`)
        delete proto[key]
      } else if ((d.value ?? d.get) !== before.get(id)) found.push(`${id} changed`)
    }
    if (Object.getPrototypeOf(proto) !== before.get(`${name} [[Prototype]]`)) found.push(`${name} [[Prototype]] changed`)
  }
  return found
}

/** Canonical JSON of a result's record, for comparing two evaluations of one assessment. */
export function recordText(result) {
  return canonicalJson(result.toJSON())
}

/** The first place two texts differ, shown briefly. */
export function firstDifference(a, b) {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return `at ${i}: …${a.slice(Math.max(0, i - 40), i + 40)}… vs …${b.slice(Math.max(0, i - 40), i + 40)}…`
}
