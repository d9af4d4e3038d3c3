/**
 * The dashboard's routes: server-rendered pages over the store, the sign-in and the
 * signed-in forms, the stylesheet and the little script.
 */
import { evaluate, Exact, type AssessmentInput, type CompiledPack, type PackRegistry } from '@chiso/core'
import { StoreError, type Store } from '@chiso/store'
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { esc } from '../report/html.js'
import type { Locale } from '../shared/locale.js'
import { groupHeading } from '../shared/summary.js'
import { csrfMatches, mayActOn, safeNext, sameOrigin, Sessions, SESSION_COOKIE, type Authenticator, type Principal } from './auth.js'
import { ChartCache } from './chart-cache.js'
import { DashboardData, type PeriodView } from './data.js'
import { DASHBOARD_JS, dashboardCss, page, sayIn, type PageContext, type PageMarks } from './layout.js'
import { appraisalBody, fieldId, noticeHtml, parseScore, publishBody, scoreText, signInBody, submissionBody, type FormProblem, type Notice } from './pages/forms.js'
import { overviewBody } from './pages/overview.js'
import { unitBody, type UnitYear } from './pages/unit.js'

/** Options of {@link createDashboard}. */
export interface DashboardOptions {
  /** the store of record (`openStore()` of `@chiso/store`) */
  readonly store: Store
  /** the province the dashboard shows (the store's province key, e.g. "ha-tinh") */
  readonly province: string
  /** the province's name as people write it ("Tỉnh Hà Tĩnh"); default the key */
  readonly provinceName?: string
  /** resolves the tokens people sign in with (the service's authenticator) */
  readonly auth: Authenticator
  /** the packs in force, to find the pack of a unit's first submission of a year (`vnCchc` of `@chiso/rules-vn-cchc`) */
  readonly packs?: PackRegistry
  /** mark the session cookie `Secure` (default: when the request came over https) */
  readonly secureCookies?: boolean
}

const LANG_COOKIE = 'chiso_lang'
const YEAR = /^[\p{L}\p{N}._-]{1,50}$/u

type Env = { Variables: { ctx: PageContext; sessionId: string | undefined } }

/**
 * The dashboard: a Hono app serving HTML pages at `/` (and its assets under `/assets/`),
 * never under `/api`. Anonymous readers see published rankings only; people sign in with
 * a token and then see (by role) the provisional results, a unit's self-assessment form,
 * the appraisal screen and publishing.
 *
 * @example
 * ```ts
 * import { serve } from '@hono/node-server'
 * import { openStore } from '@chiso/store'
 * import { vnCchc } from '@chiso/rules-vn-cchc'
 * import { createDashboard } from '@chiso/adapters/dashboard'
 * const store = await openStore({ dataDir: './chiso-data' })
 * const app = createDashboard({ store, province: 'ha-tinh', provinceName: 'Tỉnh Hà Tĩnh', packs: vnCchc, auth: tokens })
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 8080 })
 * ```
 */
export function createDashboard(options: DashboardOptions): Hono<Env> {
  const { store, province, auth } = options
  const provinceName = options.provinceName ?? province
  const data = new DashboardData(store, province)
  const sessions = new Sessions()
  const charts = new ChartCache()
  const app = new Hono<Env>()
  let css: string | undefined

  app.use('*', async (c, next) => {
    const started = performance.now()
    // language: ?lang= switches (and is remembered), else the cookie, else Vietnamese
    const q = c.req.query('lang')
    let locale: Locale = getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'vi'
    if (q === 'en' || q === 'vi') {
      locale = q
      setCookie(c, LANG_COOKIE, q, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 })
    }
    const sessionId = getCookie(c, SESSION_COOKIE)
    const session = sessions.get(sessionId)
    let principal: Principal | null = null
    if (session) {
      principal = await auth.authenticate(session.token)
      if (!principal) sessions.end(sessionId)
    }
    const url = new URL(c.req.url)
    url.searchParams.delete('lang')
    c.set('sessionId', sessionId)
    c.set('ctx', { locale, say: sayIn(locale), principal, csrf: principal && session ? session.csrf : null, here: url.pathname + url.search, provinceName, charts })
    await next()
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'same-origin')
    c.header('X-Frame-Options', 'DENY')
    if (!c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'no-store')
    // how long the page took to make, for the browser's devtools and the tests that print it
    c.header('Server-Timing', `render;dur=${(performance.now() - started).toFixed(1)}`)
  })

  // every POST: from this origin, and (once signed in) with the session's CSRF token
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const ctx = c.get('ctx')
    if (!sameOrigin(c.req.url, c.req.header('origin'), c.req.header('referer'))) return forbidden(c, ctx.say('Yêu cầu không đến từ trang này.', 'The request did not come from this site.'))
    if (c.req.path !== '/sign-in') {
      const body = await c.req.parseBody()
      const session = sessions.get(c.get('sessionId'))
      if (!session || !csrfMatches(session.csrf, body._csrf))
        return forbidden(
          c,
          ctx.say('Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ: hãy tải lại trang rồi thử lại.', 'Your session has ended or the form is not valid: reload the page and try again.'),
        )
    }
    return next()
  })

  app.get('/assets/dashboard.css', (c) => {
    css ??= dashboardCss()
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' })
  })
  app.get('/assets/dashboard.js', (c) => c.body(DASHBOARD_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }))
  app.get('/favicon.ico', (c) => c.body(null, 204))

  const render = (c: Context<Env>, o: { title: string; body: string; marks: PageMarks; style?: string; active?: string }, status: 200 | 400 | 401 | 403 | 404 | 409 | 422 = 200) =>
    c.html(page(c.get('ctx'), o), status)

  /** Every stored pack, for the marks of pages that show no result. */
  const allPacks = async (): Promise<CompiledPack[]> => {
    const list = await store.listPacks({ province })
    return Promise.all(list.map((p) => data.pack(p.id, p.version)))
  }
  const marksOf = (view: PeriodView | null): PageMarks => ({ packs: view ? view.packs.map((p) => p.pack) : [], sample: view ? view.packs.some((p) => p.data.sample) : false })
  const anySample = async (): Promise<boolean> => (await data.units()).list.some((u) => u.unit.attributes?.sample === true)

  function forbidden(c: Context<Env>, text: string) {
    const ctx = c.get('ctx')
    return c.html(
      page(ctx, {
        title: ctx.say('Không được phép', 'Not allowed'),
        body: `<h1>${ctx.say('Không được phép', 'Not allowed')}</h1><p class="notice error" role="alert">${esc(text)}</p>`,
        marks: { packs: [], sample: false },
      }),
      403,
    )
  }
  async function notFound(c: Context<Env>, text?: string) {
    const ctx = c.get('ctx')
    return render(
      c,
      {
        title: ctx.say('Không tìm thấy', 'Not found'),
        body: `<h1>${ctx.say('Không tìm thấy', 'Not found')}</h1><p>${esc(text ?? ctx.say('Trang này không có.', 'There is no such page.'))}</p><p><a href="/">${ctx.say('Về trang tổng quan', 'Back to the overview')}</a></p>`,
        marks: { packs: await allPacks(), sample: await anySample() },
      },
      404,
    )
  }
  /** Sends a visitor who is not signed in to the sign-in page; a signed-in one without the role gets 403. */
  function needs(c: Context<Env>, ok: (p: Principal) => boolean): Response | null {
    const ctx = c.get('ctx')
    if (!ctx.principal) return c.redirect(`/sign-in?next=${encodeURIComponent(ctx.here)}`, 303)
    if (!ok(ctx.principal)) return forbidden(c, ctx.say('Tài khoản của bạn không có quyền với trang này.', 'Your account may not use this page.'))
    return null
  }
  const audienceOf = (p: Principal | null): 'public' | 'internal' => (p && (p.role === 'admin' || p.role === 'appraiser') ? 'internal' : 'public')
  const pickPeriod = (periods: readonly string[], asked: string | undefined): string | null => (asked !== undefined && periods.includes(asked) ? asked : (periods[0] ?? null))
  /** The periods an audience may pick: for the public, those with something published. */
  async function periodsFor(audience: 'public' | 'internal'): Promise<string[]> {
    const all = await data.periods()
    if (audience === 'internal') return all
    const published = new Set((await store.listPublications({ province })).map((p) => p.period))
    return all.filter((p) => published.has(p))
  }
  const issueText = (e: unknown, locale: Locale): FormProblem[] => {
    if (e instanceof StoreError) return e.issues.map((i) => ({ text: `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${locale === 'en' ? (i.message.en ?? i.message.vi) : i.message.vi}` }))
    throw e
  }

  // ---------------------------------------------------------------- reading

  app.get('/', async (c) => {
    const ctx = c.get('ctx')
    const audience = audienceOf(ctx.principal)
    const periods = await periodsFor(audience)
    const year = c.req.query('year')
    const period = pickPeriod(periods, year)
    const view = period === null ? null : await data.view(period, audience)
    const groupAsked = c.req.query('group')
    const group = groupAsked && view?.packs.some((p) => p.groups.some((g) => g.key === groupAsked)) ? groupAsked : null
    const { body, style } = overviewBody(ctx, { view, periods, period, group })
    return render(c, {
      title: ctx.say('Tổng quan', 'Overview'),
      body,
      style,
      marks: view && view.packs.length > 0 ? marksOf(view) : { packs: await allPacks(), sample: await anySample() },
      active: 'overview',
    })
  })

  app.get('/units/:id', async (c) => {
    const ctx = c.get('ctx')
    const unitId = c.req.param('id')
    const { list } = await data.units()
    const stored = list.find((u) => u.unit.id === unitId)
    if (!stored) return notFound(c, ctx.say('Không có đơn vị này.', 'There is no such unit.'))
    const p = ctx.principal
    // a unit officer sees its own unit's provisional results; appraisers and admins every unit's
    const audience = audienceOf(p) === 'internal' || (p?.role === 'unit' && mayActOn(p, unitId)) ? 'internal' : 'public'
    const periods = await periodsFor(audience)
    const period = pickPeriod(periods, c.req.query('year'))
    let year: UnitYear | null = null
    let marks: PageMarks = { packs: await allPacks(), sample: stored.unit.attributes?.sample === true }
    if (period !== null) {
      const view = await data.view(period, audience)
      for (const v of view.packs) {
        const ranked = v.batch.units.find((u) => u.unitId === unitId)
        if (!ranked) continue
        const group = v.groups.find((g) => g.key === ranked.group)!
        year = { view: v, group, ranked, unit: v.dataIn(ctx.locale).units.find((u) => u.id === unitId)! }
        marks = { packs: [v.pack], sample: v.data.sample }
      }
    }
    const history = await data.history(unitId)
    const actions: string[] = []
    if (p && period !== null) {
      if (p.role === 'unit' && mayActOn(p, unitId))
        actions.push(`<a class="button" href="/units/${encodeURIComponent(unitId)}/submission?year=${encodeURIComponent(period)}">${ctx.say('Tự đánh giá', 'Self-assessment')}</a>`)
      if (p.role === 'appraiser' && mayActOn(p, unitId))
        actions.push(`<a class="button" href="/units/${encodeURIComponent(unitId)}/appraisal?year=${encodeURIComponent(period)}">${ctx.say('Thẩm định', 'Appraise')}</a>`)
    }
    // band names of every edition the province holds (a history spans editions)
    const bandNames = new Map<string, string>()
    for (const p of await allPacks()) for (const b of p.bands) if (!bandNames.has(b.code)) bandNames.set(b.code, ctx.locale === 'en' ? (b.label.en ?? b.label.vi) : b.label.vi)
    const { body, style } = unitBody(ctx, {
      unitId,
      name: stored.unit.name,
      period,
      periods,
      year,
      history,
      publicOnly: audience === 'public',
      actions: actions.length > 0 ? `<p>${actions.join(' ')}</p>` : '',
      bandName: (code) => bandNames.get(code) ?? code,
    })
    return render(c, { title: stored.unit.name, body, style, marks })
  })

  // ---------------------------------------------------------------- signing in

  app.get('/sign-in', async (c) => {
    const ctx = c.get('ctx')
    return render(c, {
      title: ctx.say('Đăng nhập', 'Sign in'),
      body: signInBody(ctx, { next: safeNext(c.req.query('next')), notice: null }),
      marks: { packs: await allPacks(), sample: await anySample() },
    })
  })

  app.post('/sign-in', async (c) => {
    const ctx = c.get('ctx')
    const body = await c.req.parseBody()
    const token = typeof body.token === 'string' ? body.token.trim() : ''
    const principal = token === '' ? null : await auth.authenticate(token)
    if (!principal) {
      const notice: Notice = {
        kind: 'error',
        title: ctx.say('Mã truy cập không đúng hoặc đã bị thu hồi.', 'The access token is wrong or has been revoked.'),
        problems: [{ text: ctx.say('Mã truy cập', 'Access token'), field: 'f-token' }],
      }
      return render(c, { title: ctx.say('Đăng nhập', 'Sign in'), body: signInBody(ctx, { next: safeNext(body.next), notice }), marks: { packs: await allPacks(), sample: await anySample() } }, 401)
    }
    sessions.end(c.get('sessionId'))
    const id = sessions.create(token)
    setCookie(c, SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'Strict', secure: options.secureCookies ?? new URL(c.req.url).protocol === 'https:', maxAge: 8 * 3600 })
    return c.redirect(safeNext(body.next), 303)
  })

  app.post('/sign-out', (c) => {
    sessions.end(c.get('sessionId'))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect('/', 303)
  })

  // ---------------------------------------------------------------- a unit's self-assessment

  /** The pack a unit submits under for a year: its current assessment's, else the one in force on 31 December. */
  async function packFor(unitId: string, period: string): Promise<{ pack: CompiledPack; state: Awaited<ReturnType<Store['getAssessment']>> | null } | { problem: string }> {
    const state = await store.getAssessment({ province, unitId, period }).catch((e: unknown) => {
      if (e instanceof StoreError && e.code === 'not_found') return null
      throw e
    })
    if (state) return { pack: await data.pack(state.pack.id, state.pack.version), state }
    const unit = (await data.units()).list.find((u) => u.unit.id === unitId)?.unit
    const stored = await store.listPacks({ province })
    const candidates: CompiledPack[] = []
    if (options.packs && unit?.kind) {
      const families = new Set(
        options.packs
          .list()
          .map((p) => p.family)
          .filter((f): f is string => typeof f === 'string'),
      )
      for (const family of families) {
        const r = options.packs.resolve({ family, unitKind: unit.kind, date: /^\d{4}$/.test(period) ? `${period}-12-31` : period })
        if (r.ok && stored.some((s) => s.id === r.value.id && s.version === r.value.version)) candidates.push(await data.pack(r.value.id, r.value.version))
      }
    }
    if (candidates.length !== 1) return { problem: 'no_pack' }
    return { pack: candidates[0]!, state: null }
  }

  async function submissionPage(c: Context<Env>, o: { period: string; entered: Record<string, string> | null; notice: Notice | null; invalid: Set<string> }, status: 200 | 409 | 422 = 200) {
    const ctx = c.get('ctx')
    const unitId = c.req.param('id')!
    const stored = (await data.units()).list.find((u) => u.unit.id === unitId)
    if (!stored) return notFound(c)
    const found = await packFor(unitId, o.period)
    if ('problem' in found) {
      return render(
        c,
        {
          title: ctx.say('Tự đánh giá', 'Self-assessment'),
          body: `<h1>${ctx.say('Tự đánh giá', 'Self-assessment')} — ${esc(stored.unit.name)}</h1><p class="notice error" role="alert">${ctx.say(`Chưa xác định được bộ chỉ số áp dụng cho đơn vị năm ${esc(o.period)}: hãy liên hệ Sở Nội vụ.`, `No pack is set for the unit in ${esc(o.period)}: contact the department.`)}</p>`,
          marks: { packs: await allPacks(), sample: stored.unit.attributes?.sample === true },
        },
        422,
      )
    }
    const current: Record<string, Exact> = {}
    for (const [code, v] of Object.entries(found.state?.submission.assessment.selfScores ?? {})) {
      const x = Exact.tryFrom(v as string | number)
      if (x) current[code] = x
    }
    const body = submissionBody(ctx, {
      unitId,
      unitName: stored.unit.name,
      period: o.period,
      pack: found.pack,
      version: found.state?.version ?? 0,
      current,
      entered: o.entered,
      notice: o.notice,
      invalid: o.invalid,
      appraised: (found.state?.appraisals.length ?? 0) > 0,
    })
    return render(c, { title: ctx.say('Tự đánh giá', 'Self-assessment'), body, marks: { packs: [found.pack], sample: stored.unit.attributes?.sample === true }, active: 'submission' }, status)
  }

  const isUnitOf = (unitId: string) => (p: Principal) => p.role === 'unit' && mayActOn(p, unitId)
  const yearOf = async (asked: unknown): Promise<string> => {
    if (typeof asked === 'string' && YEAR.test(asked)) return asked
    return (await data.periods())[0] ?? String(new Date().getUTCFullYear())
  }

  app.get('/units/:id/submission', async (c) => {
    const denied = needs(c, isUnitOf(c.req.param('id')))
    if (denied) return denied
    const saved = c.req.query('saved')
    const ctx = c.get('ctx')
    const notice: Notice | null = saved
      ? { kind: 'ok', title: ctx.say(`Đã ghi bản tự đánh giá (phiên bản ${saved}); kết quả đã được tính lại.`, `Self-assessment recorded (version ${saved}); the result has been scored again.`) }
      : null
    return submissionPage(c, { period: await yearOf(c.req.query('year')), entered: null, notice, invalid: new Set() })
  })

  app.post('/units/:id/submission', async (c) => {
    const unitId = c.req.param('id')
    const denied = needs(c, isUnitOf(unitId))
    if (denied) return denied
    const ctx = c.get('ctx')
    const body = await c.req.parseBody()
    const period = await yearOf(body.year)
    const expectedVersion = Number(body.expectedVersion)
    const found = await packFor(unitId, period)
    if ('problem' in found) return submissionPage(c, { period, entered: null, notice: null, invalid: new Set() }, 422)
    const entered: Record<string, string> = {}
    const scores: Record<string, string> = {}
    const problems: FormProblem[] = []
    const invalid = new Set<string>()
    for (const n of found.pack.nodes) {
      if (!n.isLeaf || n.source !== 'self') continue
      const raw = body[`self.${n.code}`]
      const text = typeof raw === 'string' ? raw.trim() : ''
      entered[n.code] = text
      if (text === '') continue
      const x = parseScore(text)
      if (!x || x.lt(Exact.ZERO) || x.gt(n.maxPoints)) {
        invalid.add(n.code)
        problems.push({
          field: fieldId('self', n.code),
          text: ctx.say(`${n.code}: điểm tự chấm phải là số từ 0 đến ${scoreText(n.maxPoints, 'vi')}`, `${n.code}: the self score must be a number from 0 to ${scoreText(n.maxPoints, 'en')}`),
        })
      } else scores[n.code] = x.toString()
    }
    if (problems.length > 0)
      return submissionPage(c, { period, entered, notice: { kind: 'error', title: ctx.say('Chưa gửi được: hãy sửa các ô sau.', 'Not submitted: correct these fields.'), problems }, invalid }, 422)
    const stored = (await data.units()).list.find((u) => u.unit.id === unitId)!
    // the previous submission's facts, evidence and explanations stay; the self scores are the form's
    const base: AssessmentInput = found.state ? found.state.submission.assessment : { unitId, period, unit: stored.unit }
    const assessment: AssessmentInput = { ...base, selfScores: scores }
    try {
      const r = await store.submit({
        province,
        unitId,
        period,
        pack: { id: found.pack.id, version: found.pack.version },
        assessment,
        expectedVersion: Number.isSafeInteger(expectedVersion) ? expectedVersion : -1,
        actor: ctx.principal!.name,
      })
      await store.score({ province, period, unitIds: [unitId], actor: ctx.principal!.name })
      return c.redirect(`/units/${encodeURIComponent(unitId)}/submission?year=${encodeURIComponent(period)}&saved=${r.version}`, 303)
    } catch (e) {
      const conflict = e instanceof StoreError && e.code === 'conflict'
      const notice: Notice = conflict
        ? {
            kind: 'error',
            title: ctx.say(
              `Hồ sơ vừa được cập nhật ở nơi khác (nay là phiên bản ${(e as StoreError).currentVersion ?? '?'}): bản của bạn chưa được ghi. Các điểm bạn nhập vẫn còn dưới đây; kiểm tra rồi gửi lại.`,
              `The file was just changed elsewhere (now version ${(e as StoreError).currentVersion ?? '?'}): yours was not recorded. What you entered is kept below; check it and submit again.`,
            ),
          }
        : { kind: 'error', title: ctx.say('Chưa gửi được:', 'Not submitted:'), problems: issueText(e, ctx.locale) }
      return submissionPage(c, { period, entered, notice, invalid }, conflict ? 409 : 422)
    }
  })

  // ---------------------------------------------------------------- appraisal

  const isAppraiserOf = (unitId: string) => (p: Principal) => p.role === 'appraiser' && mayActOn(p, unitId)

  async function appraisalPage(
    c: Context<Env>,
    o: { period: string; entered: { points: Record<string, string>; reasons: Record<string, string> } | null; notice: Notice | null; invalid: Set<string> },
    status: 200 | 409 | 422 = 200,
  ) {
    const ctx = c.get('ctx')
    const unitId = c.req.param('id')!
    const stored = (await data.units()).list.find((u) => u.unit.id === unitId)
    if (!stored) return notFound(c)
    const state = await store.getAssessment({ province, unitId, period: o.period }).catch((e: unknown) => {
      if (e instanceof StoreError && e.code === 'not_found') return null
      throw e
    })
    if (!state) return notFound(c, ctx.say(`Đơn vị chưa gửi hồ sơ năm ${o.period}.`, `The unit has submitted nothing for ${o.period}.`))
    const pack = await data.pack(state.pack.id, state.pack.version)
    const result = evaluate(pack, state.assessment, { trace: true })
    const body = appraisalBody(ctx, {
      unitId,
      unitName: stored.unit.name,
      period: o.period,
      version: state.version,
      result,
      entered: o.entered,
      invalid: o.invalid,
      notice: o.notice,
      rounds: state.appraisals.length,
    })
    return render(c, { title: ctx.say('Thẩm định', 'Appraisal'), body, marks: { packs: [pack], sample: stored.unit.attributes?.sample === true } }, status)
  }

  app.get('/units/:id/appraisal', async (c) => {
    const denied = needs(c, isAppraiserOf(c.req.param('id')))
    if (denied) return denied
    const ctx = c.get('ctx')
    const saved = c.req.query('saved')
    const notice: Notice | null = saved
      ? { kind: 'ok', title: ctx.say(`Đã ghi vòng thẩm định ${saved}; kết quả đã được tính lại.`, `Appraisal round ${saved} recorded; the result has been scored again.`) }
      : null
    return appraisalPage(c, { period: await yearOf(c.req.query('year')), entered: null, notice, invalid: new Set() })
  })

  app.post('/units/:id/appraisal', async (c) => {
    const unitId = c.req.param('id')
    const denied = needs(c, isAppraiserOf(unitId))
    if (denied) return denied
    const ctx = c.get('ctx')
    const body = await c.req.parseBody()
    const period = await yearOf(body.year)
    const state = await store.getAssessment({ province, unitId, period }).catch(() => null)
    if (!state) return notFound(c)
    const pack = await data.pack(state.pack.id, state.pack.version)
    const conflictNotice = (current: number | string): Notice => ({
      kind: 'error',
      title: ctx.say(
        `Xung đột: hồ sơ vừa được cập nhật ở nơi khác (bạn sửa phiên bản ${String(body.expectedVersion)}, nay là phiên bản ${current}). Vòng thẩm định của bạn chưa được ghi. Cột "Hiện tại" đã được tải lại; điểm và lý do bạn nhập vẫn còn — kiểm tra rồi ghi lại.`,
        `Conflict: the file was just changed elsewhere (you edited version ${String(body.expectedVersion)}, it is now version ${current}). Your round was not recorded. The "Current" column has been reloaded; your points and reasons are kept — check them and record again.`,
      ),
    })
    // the points the appraiser saw are those of the version they saw: on another version, stop here
    const seenVersion = Number(body.expectedVersion)
    // a change is measured against the current points
    const result = evaluate(pack, state.assessment, { trace: false })
    const points: Record<string, string> = {}
    const reasons: Record<string, string> = {}
    const changes: { code: string; points: string; reason: string }[] = []
    const problems: FormProblem[] = []
    const invalid = new Set<string>()
    for (const n of pack.nodes) {
      if (!n.isLeaf || n.source === 'survey') continue
      const p = typeof body[`points.${n.code}`] === 'string' ? (body[`points.${n.code}`] as string).trim() : ''
      const why = typeof body[`reason.${n.code}`] === 'string' ? (body[`reason.${n.code}`] as string).trim() : ''
      points[n.code] = p
      reasons[n.code] = why
      if (p === '') {
        if (why !== '') {
          invalid.add(`points:${n.code}`)
          problems.push({ field: fieldId('points', n.code), text: ctx.say(`${n.code}: có lý do nhưng chưa nhập điểm mới`, `${n.code}: a reason but no new points`) })
        }
        continue
      }
      const x = parseScore(p)
      if (!x || x.lt(Exact.ZERO) || x.gt(n.maxPoints)) {
        invalid.add(`points:${n.code}`)
        problems.push({
          field: fieldId('points', n.code),
          text: ctx.say(`${n.code}: điểm phải là số từ 0 đến ${scoreText(n.maxPoints, 'vi')}`, `${n.code}: points must be a number from 0 to ${scoreText(n.maxPoints, 'en')}`),
        })
        continue
      }
      if (x.eq(result.node(n.code)!.points)) continue
      if (why === '') {
        invalid.add(`reason:${n.code}`)
        problems.push({ field: fieldId('reason', n.code), text: ctx.say(`${n.code}: cần ghi lý do thay đổi điểm`, `${n.code}: a changed score needs a reason`) })
        continue
      }
      changes.push({ code: n.code, points: x.toString(), reason: why })
    }
    const entered = { points, reasons }
    if (seenVersion !== state.version) return appraisalPage(c, { period, entered, notice: conflictNotice(state.version), invalid }, 409)
    if (problems.length > 0)
      return appraisalPage(c, { period, entered, notice: { kind: 'error', title: ctx.say('Chưa ghi được: hãy sửa các ô sau.', 'Not recorded: correct these fields.'), problems }, invalid }, 422)
    if (changes.length === 0)
      return appraisalPage(
        c,
        { period, entered, notice: { kind: 'info', title: ctx.say('Không có điểm nào thay đổi: không ghi vòng thẩm định.', 'No score changed: no round recorded.') }, invalid },
        422,
      )
    try {
      const r = await store.appraise({ province, unitId, period, expectedVersion: Number(body.expectedVersion), actor: ctx.principal!.name, reviewer: ctx.principal!.name, changes })
      await store.score({ province, period, unitIds: [unitId], actor: ctx.principal!.name })
      return c.redirect(`/units/${encodeURIComponent(unitId)}/appraisal?year=${encodeURIComponent(period)}&saved=${r.round}`, 303)
    } catch (e) {
      const conflict = e instanceof StoreError && e.code === 'conflict'
      const notice: Notice = conflict
        ? conflictNotice((e as StoreError).currentVersion ?? '?')
        : { kind: 'error', title: ctx.say('Chưa ghi được:', 'Not recorded:'), problems: issueText(e, ctx.locale) }
      return appraisalPage(c, { period, entered, notice, invalid }, conflict ? 409 : 422)
    }
  })

  // ---------------------------------------------------------------- publishing

  const isAdmin = (p: Principal) => p.role === 'admin'

  async function publishPage(c: Context<Env>, o: { period: string | null; notice: Notice | null; entered: { group: string; number: string; date: string } | null }, status: 200 | 409 | 422 = 200) {
    const ctx = c.get('ctx')
    const periods = await data.periods()
    const period = o.period !== null && periods.includes(o.period) ? o.period : (periods[0] ?? null)
    const view = period === null ? null : await data.view(period, 'internal')
    const names = new Map((await data.units()).list.map((u) => [u.unit.id, u.unit.name]))
    const groups = (view?.packs ?? []).flatMap((p) => p.groups.map((g) => ({ group: g, name: groupHeading(p.batch, g.key, ctx.locale), staleNames: g.ranking.stale.map((id) => names.get(id) ?? id) })))
    const body = publishBody(ctx, { period, periods, groups, notice: o.notice, entered: o.entered })
    return render(
      c,
      { title: ctx.say('Công bố kết quả', 'Publish'), body, marks: view && view.packs.length > 0 ? marksOf(view) : { packs: await allPacks(), sample: await anySample() }, active: 'publish' },
      status,
    )
  }

  app.get('/publish', async (c) => {
    const denied = needs(c, isAdmin)
    if (denied) return denied
    const ctx = c.get('ctx')
    // the group by its name, as the page heads it
    const doneKey = c.req.query('done')
    const period = c.req.query('year') ?? null
    let done: string | undefined
    if (doneKey !== undefined) {
      const view = period !== null && (await data.periods()).includes(period) ? await data.view(period, 'internal') : null
      const p = view?.packs.find((x) => x.groups.some((g) => g.key === doneKey))
      done = p ? groupHeading(p.batch, doneKey, ctx.locale) : doneKey
    }
    const scored = c.req.query('scored')
    const notice: Notice | null = done
      ? { kind: 'ok', title: ctx.say(`Đã công bố kết quả: ${done}.`, `Published: ${done}.`) }
      : scored
        ? { kind: 'ok', title: ctx.say(`Đã tính lại ${scored} kết quả.`, `${scored} results scored again.`) }
        : null
    return publishPage(c, { period, notice, entered: null })
  })

  app.post('/publish', async (c) => {
    const denied = needs(c, isAdmin)
    if (denied) return denied
    const ctx = c.get('ctx')
    const body = await c.req.parseBody()
    const period = await yearOf(body.year)
    const group = typeof body.group === 'string' ? body.group : ''
    const number = typeof body.decisionNumber === 'string' ? body.decisionNumber.trim() : ''
    const date = typeof body.decisionDate === 'string' ? body.decisionDate.trim() : ''
    const entered = { group, number, date }
    const problems: FormProblem[] = []
    const id = group.replace(/[^a-zA-Z0-9_-]/g, '_')
    if (number === '') problems.push({ field: `f-number-${id}`, text: ctx.say('Cần số quyết định công bố.', 'The decision number is needed.') })
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push({ field: `f-date-${id}`, text: ctx.say('Cần ngày quyết định (năm-tháng-ngày).', 'The decision date is needed (year-month-day).') })
    if (problems.length > 0) return publishPage(c, { period, notice: { kind: 'error', title: ctx.say('Chưa công bố được:', 'Not published:'), problems }, entered }, 422)
    try {
      await store.publish({ province, period, group, decision: { number, date }, expectedVersion: Number(body.expectedVersion), actor: ctx.principal!.name })
      return c.redirect(`/publish?year=${encodeURIComponent(period)}&done=${encodeURIComponent(group)}`, 303)
    } catch (e) {
      const conflict = e instanceof StoreError && e.code === 'conflict'
      const notice: Notice = conflict
        ? {
            kind: 'error',
            title: ctx.say(
              `Xung đột: nhóm này vừa được công bố ở nơi khác (nay là phiên bản ${(e as StoreError).currentVersion ?? '?'}). Trang đã được tải lại; kiểm tra rồi công bố lại nếu cần đính chính.`,
              `Conflict: this group was just published elsewhere (now version ${(e as StoreError).currentVersion ?? '?'}). The page has been reloaded; check it and publish again if a correction is needed.`,
            ),
          }
        : { kind: 'error', title: ctx.say('Chưa công bố được:', 'Not published:'), problems: issueText(e, ctx.locale) }
      return publishPage(c, { period, notice, entered }, conflict ? 409 : 422)
    }
  })

  app.post('/publish/score', async (c) => {
    const denied = needs(c, isAdmin)
    if (denied) return denied
    const ctx = c.get('ctx')
    const body = await c.req.parseBody()
    const period = await yearOf(body.year)
    const r = await store.score({ province, period, actor: ctx.principal!.name })
    return c.redirect(`/publish?year=${encodeURIComponent(period)}&scored=${r.recorded.length}`, 303)
  })

  app.notFound((c) => notFound(c))
  app.onError((e, c) => {
    const ctx = c.get('ctx')
    const say = ctx?.say ?? sayIn('vi')
    // a store refusal is the caller's to fix; anything else is ours
    if (e instanceof StoreError)
      return c.html(
        `<!doctype html><html lang="${ctx?.locale ?? 'vi'}"><head><meta charset="utf-8"><title>${say('Lỗi', 'Error')}</title><link rel="stylesheet" href="/assets/dashboard.css"></head><body><main id="main"><h1>${say('Không thực hiện được', 'Could not be done')}</h1>${noticeHtml({ kind: 'error', title: e.message })}<p><a href="/">${say('Về trang tổng quan', 'Back to the overview')}</a></p></main></body></html>`,
        400,
      )
    console.error(e)
    return c.html(
      `<!doctype html><html lang="${ctx?.locale ?? 'vi'}"><head><meta charset="utf-8"><title>${say('Lỗi', 'Error')}</title></head><body><main><h1>${say('Lỗi máy chủ', 'Server error')}</h1><p>${say('Đã có lỗi ngoài dự kiến; hãy thử lại sau.', 'Something unexpected went wrong; try again later.')}</p></main></body></html>`,
      500,
    )
  })

  return app
}
