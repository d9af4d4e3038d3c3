// The dashboard's small parts that every form relies on: numbers typed the Vietnamese or the
// English way, where a sign-in may send the browser, which POSTs count as this site's, and
// the session store.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { Exact } from '@chiso/core'
import { csrfMatches, safeNext, sameOrigin, Sessions } from '../src/dashboard/auth.js'
import { parseScore, scoreText } from '../src/dashboard/pages/forms.js'

describe('scores typed in a form', () => {
  test('a score shown in either language reads back as the same exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('vi' as const, 'en' as const), (hundredths, locale) => {
        const x = Exact.ratio(hundredths, 100)
        const shown = scoreText(x, locale)
        expect(shown).not.toMatch(locale === 'vi' ? /\./ : /,/)
        expect(parseScore(shown)!.eq(x)).toBe(true)
      }),
    )
  })

  test('a decimal comma and a decimal point mean the same; anything else is not a number', () => {
    expect(parseScore('2,75')!.toString()).toBe('2.75')
    expect(parseScore(' 2.75 ')!.toString()).toBe('2.75')
    for (const bad of ['', '2,5,1', '1e3', '0x10', 'hai', '2.', ',5', '1 000,5x']) expect(parseScore(bad), bad).toBeUndefined()
  })
})

describe('where a sign-in sends the browser', () => {
  test('always a path of this site', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.string().map((s) => `/${s}`),
          fc.string().map((s) => `//${s}`),
          fc.string().map((s) => `/\\${s}`),
        ),
        (next) => {
          const to = safeNext(next)
          expect(to.startsWith('/')).toBe(true)
          expect(new URL(to, 'http://this.host').host).toBe('this.host')
        },
      ),
    )
    expect(safeNext('/units/xa-a/submission?year=2025')).toBe('/units/xa-a/submission?year=2025')
    expect(safeNext('//evil.example/')).toBe('/')
    expect(safeNext('https://evil.example/')).toBe('/')
  })
})

describe("which POSTs are this site's", () => {
  test('only those whose Origin (or, without one, Referer) names the host they were sent to', () => {
    fc.assert(
      fc.property(fc.domain(), fc.domain(), fc.integer({ min: 1, max: 65535 }), (a, b, port) => {
        const url = `http://${a}:${port}/publish`
        expect(sameOrigin(url, `http://${a}:${port}`, undefined)).toBe(true)
        expect(sameOrigin(url, undefined, `http://${a}:${port}/publish?year=2025`)).toBe(true)
        if (a !== b) expect(sameOrigin(url, `http://${b}:${port}`, `http://${a}:${port}/`)).toBe(false)
        expect(sameOrigin(url, undefined, undefined)).toBe(false)
        expect(sameOrigin(url, 'null', undefined)).toBe(false)
      }),
    )
  })

  test('a CSRF token matches itself only', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (t, u) => {
        expect(csrfMatches(t, t)).toBe(true)
        expect(csrfMatches(t, u)).toBe(t === u)
        expect(csrfMatches(t, undefined)).toBe(false)
      }),
    )
  })
})

describe('sessions', () => {
  test('a session has a random id and its own CSRF token, ends when asked or when it expires', () => {
    let now = 1_000_000
    const s = new Sessions(() => now)
    const a = s.create('token-a')
    const b = s.create('token-a')
    expect(a).not.toBe(b)
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(s.get(a)!.token).toBe('token-a')
    expect(s.get(a)!.csrf).not.toBe(s.get(b)!.csrf)
    s.end(b)
    expect(s.get(b)).toBeUndefined()
    now += 8 * 60 * 60 * 1000
    expect(s.get(a)).toBeUndefined()
    expect(s.get(undefined)).toBeUndefined()
  })
})
