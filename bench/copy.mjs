// The floor under the default `inputs: 'copy'`: a plain recursive copy of every input, as a
// developer would write it (own keys, arrays, no checks), timed against the hand-written
// scoring in the same run. Whatever scores in that mode must read and copy every value at
// least once (the result keeps the input as it was), so this row shows how much of the
// "≤ 2× hand-written" budget the copy alone takes, whoever writes it.

/** a private deep copy of plain data */
function deepCopy(v) {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    const out = new Array(v.length)
    for (let i = 0; i < v.length; i++) out[i] = deepCopy(v[i])
    return out
  }
  const out = {}
  const keys = Object.keys(v)
  for (let i = 0; i < keys.length; i++) out[keys[i]] = deepCopy(v[keys[i]])
  return out
}

/** every assessment copied, the copies kept (as a batch keeps them) */
export function copyAll(assessments) {
  const out = new Array(assessments.length)
  for (let i = 0; i < assessments.length; i++) out[i] = deepCopy(assessments[i])
  return out
}
