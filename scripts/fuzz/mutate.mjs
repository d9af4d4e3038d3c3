// Mutations of JSON data (a real pack, a sample assessment, a stored record): each picks
// one place in the data and breaks it the way a careless user or an attacker would, and
// says what it did, so a failing case can be read and replayed.
import { anyValue, depthToTry, hugeString, lookAlike, NOT_FINITE, NUMBERS, nest, numberTexts, oddString, withForbiddenKey } from './values.mjs'

/**
 * Every place in `root` (container, key), walked iteratively, up to `limit` places; a
 * place's path (`$.criteria[2].code`) is made only when asked for.
 */
export function places(root, limit = 20_000) {
  const out = []
  const stack = [[root, undefined]]
  while (stack.length > 0 && out.length < limit) {
    const [v, parent] = stack.pop()
    if (v === null || typeof v !== 'object') continue
    const isArray = Array.isArray(v)
    const keys = isArray ? v.map((_, i) => i) : Object.keys(v)
    for (const k of keys) {
      const place = new Place(v, k, parent)
      out.push(place)
      const x = v[k]
      if (x !== null && typeof x === 'object') stack.push([x, place])
    }
  }
  return out
}

class Place {
  constructor(holder, key, parent) {
    this.holder = holder
    this.key = key
    this.parent = parent
  }

  get path() {
    const parts = []
    for (let p = this; p; p = p.parent) parts.push(Array.isArray(p.holder) ? `[${p.key}]` : `.${p.key}`)
    return `$${parts.reverse().join('')}`
  }
}

/** How each mutation is weighted (the JSON-level ones, shared by every kind of input). */
const OPS = {
  delete: 6,
  retype: 6,
  number: 5,
  numberText: 5,
  notFinite: 2,
  hugeString: 0.25,
  oddString: 3,
  lookAlike: 4,
  renameKey: 3,
  forbiddenKey: 2,
  protoName: 2,
  deepNest: 0.6,
  wide: 0.15,
  duplicate: 3,
  swap: 2,
  empty: 2,
  anyValue: 3,
}

/** A place where strings (ids, codes, facts) are likeliest to matter, when `prefer` names keys. */
function choosePlace(all, rng, prefer) {
  if (prefer && rng.chance(0.5)) {
    const good = all.filter((p) => prefer.test(String(p.key)))
    if (good.length > 0) return rng.pick(good)
  }
  return rng.pick(all)
}

/**
 * Applies one random mutation to `root` in place (or returns a replacement root) and
 * describes it. `prefer` is a pattern of keys to aim at half the time.
 */
export function mutate(root, rng, prefer) {
  const all = places(root)
  const op = rng.weighted(OPS)
  if (all.length === 0) return { root: anyValue(rng), what: `root replaced (${op})` }
  const at = choosePlace(all, rng, prefer)
  const { holder, key, path } = at
  const old = holder[key]
  const set = (v) => {
    holder[key] = v
  }
  const shown = (v) => {
    if (typeof v === 'string') return v.length > 40 ? `"${v.slice(0, 20)}…"(${v.length})` : JSON.stringify(v)
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
    if (v === null || typeof v !== 'object') return String(v)
    return Array.isArray(v) ? `[…${v.length}]` : '{…}'
  }
  switch (op) {
    case 'delete':
      if (Array.isArray(holder)) holder.splice(key, 1)
      else delete holder[key]
      return { root, what: `delete ${path}` }
    case 'retype': {
      let v = anyValue(rng)
      for (let i = 0; i < 4 && typeof v === typeof old; i++) v = anyValue(rng)
      set(v)
      return { root, what: `retype ${path} = ${shown(v)}` }
    }
    case 'number': {
      const v = rng.pick(NUMBERS)
      set(rng.chance(0.3) ? -v : v)
      return { root, what: `${path} = ${shown(holder[key])}` }
    }
    case 'numberText': {
      const v = numberTexts(rng)
      set(v)
      return { root, what: `${path} = ${shown(v)}` }
    }
    case 'notFinite': {
      const v = rng.pick(NOT_FINITE)
      set(v)
      return { root, what: `${path} = ${v}` }
    }
    case 'hugeString': {
      const v = hugeString(rng)
      set(v)
      return { root, what: `${path} = ${shown(v)}` }
    }
    case 'oddString': {
      const v = oddString(rng)
      set(v)
      return { root, what: `${path} = ${shown(v)}` }
    }
    case 'lookAlike': {
      if (typeof old === 'string' || typeof old === 'number') {
        const v = lookAlike(String(old), rng)
        set(v)
        return { root, what: `look-alike ${path} = ${JSON.stringify(v)}` }
      }
      if (Array.isArray(holder)) return { root, what: `nothing (look-alike of a container at ${path})` }
      return renameKey(holder, key, lookAlike(String(key), rng), root, path)
    }
    case 'renameKey': {
      if (Array.isArray(holder)) {
        set(old === null || typeof old !== 'object' ? lookAlike(String(old), rng) : old)
        return { root, what: `look-alike item ${path}` }
      }
      return renameKey(holder, key, rng.chance(0.5) ? lookAlike(String(key), rng) : oddString(rng), root, path)
    }
    case 'forbiddenKey': {
      const target = old !== null && typeof old === 'object' && !Array.isArray(old) ? old : Array.isArray(holder) ? (set({ ...(typeof old === 'object' ? old : {}) }), holder[key]) : holder
      const k = withForbiddenKey(target, rng)
      return { root, what: `own key "${k}" at ${target === holder ? path.replace(/[.[][^.[]*$/, '') || '$' : path}` }
    }
    case 'protoName': {
      const v = rng.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])
      if (typeof old === 'string' || rng.chance(0.5) || Array.isArray(holder)) {
        set(v)
        return { root, what: `${path} = "${v}"` }
      }
      return renameKey(holder, key, v, root, path)
    }
    case 'deepNest': {
      const d = depthToTry(rng)
      set(nest(old, d, rng))
      return { root, what: `${path} nested ${d} deep` }
    }
    case 'wide': {
      const n = rng.pick([9_999, 10_000, 10_001, 40_000])
      if (rng.chance(0.5)) set(Array.from({ length: n }, () => old))
      else {
        const o = {}
        for (let i = 0; i < n; i++) o[`k${i}`] = typeof old === 'object' ? i : old
        set(o)
      }
      return { root, what: `${path} made ${n} wide` }
    }
    case 'duplicate': {
      if (Array.isArray(holder)) {
        // a copy of a small value; a large one (a subtree made wide) is shared, not serialised
        const copy = old !== null && typeof old === 'object' && places(old, 5_000).length < 5_000 ? JSON.parse(JSON.stringify(old) ?? 'null') : old
        holder.splice(rng.int(0, holder.length), 0, copy)
        return { root, what: `duplicate ${path}` }
      }
      const other = rng.pick(Object.keys(holder))
      holder[other] = old
      return { root, what: `${path.replace(/\.[^.]*$/, '')}.${other} = copy of ${path}` }
    }
    case 'swap': {
      const keys = Array.isArray(holder) ? holder.map((_, i) => i) : Object.keys(holder)
      const other = rng.pick(keys)
      holder[key] = holder[other]
      holder[other] = old
      return { root, what: `swap ${path} with ${String(other)}` }
    }
    case 'empty': {
      const v = rng.pick([[], {}, '', null])
      set(v)
      return { root, what: `${path} = ${JSON.stringify(v)}` }
    }
    default: {
      const v = anyValue(rng)
      set(v)
      return { root, what: `${path} = ${shown(v)}` }
    }
  }
}

/** Renames a key, keeping the order of the others. */
function renameKey(holder, key, to, root, path) {
  const entries = Object.entries(holder)
  for (const k of Object.keys(holder)) delete holder[k]
  for (const [k, v] of entries) Object.defineProperty(holder, k === key ? to : k, { value: v, enumerable: true, writable: true, configurable: true })
  return { root, what: `rename key ${path} → ${JSON.stringify(to.length > 40 ? `${to.slice(0, 20)}…` : to)}` }
}

/** Applies 1–`max` mutations; returns the new root and what was done. */
export function mutateMany(root, rng, max = 3, prefer) {
  const whats = []
  let r = root
  for (let i = rng.int(1, max); i > 0; i--) {
    const m = mutate(r, rng, prefer)
    r = m.root
    whats.push(m.what)
  }
  return { root: r, what: whats.join('; ') }
}
