/**
 * The page every screen sits in: language, navigation, the marks (reconstructed packs,
 * sample data), the styles and the little script, all served by the app itself.
 */
import type { CompiledPack } from '@chiso/core'
import { esc } from '../report/html.js'
import { embeddedFontCss } from '../report/font.js'
import type { Locale } from '../shared/locale.js'
import { packMarkLine, reconstructionOf, SAMPLE_MARK } from '../shared/marks.js'
import type { Principal } from './auth.js'
import type { ChartCache } from './chart-cache.js'

/** A text in both languages, picked by the page's locale. @internal */
export type Say = (vi: string, en: string) => string

/** @internal */
export const sayIn =
  (locale: Locale): Say =>
  (vi, en) =>
    locale === 'vi' ? vi : en

/** What every page knows about the request. @internal */
export interface PageContext {
  readonly locale: Locale
  readonly say: Say
  readonly principal: Principal | null
  /** the session's CSRF token, for forms */
  readonly csrf: string | null
  /** the path and query of this page, to come back to after switching language or signing in */
  readonly here: string
  readonly provinceName: string
  /** charts already drawn */
  readonly charts: ChartCache
}

const ROLE: Record<Principal['role'], { vi: string; en: string }> = {
  admin: { vi: 'quản trị', en: 'administrator' },
  appraiser: { vi: 'thẩm định', en: 'appraiser' },
  unit: { vi: 'đơn vị', en: 'unit officer' },
}

/** The role's name in a locale. @internal */
export const roleName = (p: Principal, locale: Locale): string => ROLE[p.role][locale]

/** A link to this page in the other language. */
function langLink(ctx: PageContext): string {
  const other: Locale = ctx.locale === 'vi' ? 'en' : 'vi'
  const u = new URL(ctx.here, 'http://x')
  u.searchParams.set('lang', other)
  return `<a href="${esc(u.pathname + u.search)}" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a>`
}

/** The hidden CSRF field of a form. @internal */
export const csrfField = (ctx: PageContext): string => (ctx.csrf === null ? '' : `<input type="hidden" name="_csrf" value="${esc(ctx.csrf)}">`)

/** What the page marks about its packs and data. */
export interface PageMarks {
  readonly packs: readonly CompiledPack[]
  readonly sample: boolean
}

/** The marks block: each pack in view with what in it is reconstructed, and the sample-data mark. @internal */
export function marksHtml(ctx: PageContext, marks: PageMarks): string {
  const lines: string[] = []
  const seen = new Set<string>()
  for (const p of marks.packs) {
    const key = `${p.id}@${p.version}`
    if (seen.has(key)) continue
    seen.add(key)
    const official = reconstructionOf(p).standing === 'official'
    lines.push(
      `<li class="${official ? 'official' : 'reconstructed'}" data-pack="${esc(key)}">${official ? '' : `<b>${ctx.say('NỘI DUNG TÁI DỰNG', 'RECONSTRUCTED')}</b> — `}${esc(packMarkLine(p, ctx.locale))} <span class="pack-id">(${esc(key)})</span></li>`,
    )
  }
  if (marks.sample) lines.push(`<li class="sample"><b>${esc(SAMPLE_MARK[ctx.locale])}</b></li>`)
  return lines.length === 0 ? '' : `<aside class="marks" aria-label="${ctx.say('Lưu ý về nguồn và dữ liệu', 'Notes on sources and data')}"><ul>${lines.join('')}</ul></aside>`
}

/** A whole page. @internal */
export function page(ctx: PageContext, o: { title: string; body: string; marks: PageMarks; style?: string; active?: string }): string {
  const s = ctx.say
  const p = ctx.principal
  const nav: string[] = [`<a href="/"${o.active === 'overview' ? ' aria-current="page"' : ''}>${s('Tổng quan', 'Overview')}</a>`]
  if (p?.role === 'admin') nav.push(`<a href="/publish"${o.active === 'publish' ? ' aria-current="page"' : ''}>${s('Công bố kết quả', 'Publish')}</a>`)
  if (p?.role === 'unit' && p.units !== 'all' && p.units.length > 0) {
    nav.push(`<a href="/units/${encodeURIComponent(p.units[0]!)}/submission"${o.active === 'submission' ? ' aria-current="page"' : ''}>${s('Tự đánh giá', 'Self-assessment')}</a>`)
  }
  const who = p
    ? `<span class="who">${esc(p.name)} <span class="role">(${esc(roleName(p, ctx.locale))})</span></span><form method="post" action="/sign-out" class="inline">${csrfField(ctx)}<button type="submit">${s('Đăng xuất', 'Sign out')}</button></form>`
    : `<a href="/sign-in?next=${encodeURIComponent(ctx.here)}">${s('Đăng nhập', 'Sign in')}</a>`
  return `<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} — ${esc(ctx.provinceName)}</title>
<link rel="stylesheet" href="/assets/dashboard.css">
${o.style ? `<style>${o.style}</style>` : ''}
<script src="/assets/dashboard.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${s('Bỏ qua, đến nội dung chính', 'Skip to the content')}</a>
<header class="top">
<p class="brand"><a href="/">${s('Chỉ số cải cách hành chính', 'PAR Index')} — ${esc(ctx.provinceName)}</a></p>
<nav aria-label="${s('Điều hướng chính', 'Main navigation')}">${nav.join('')}</nav>
<div class="account">${langLink(ctx)}${who}</div>
</header>
${marksHtml(ctx, o.marks)}
<main id="main" tabindex="-1">
${o.body}
</main>
<footer><p>${s('Kết quả tính bằng chiso từ bộ chỉ số và hồ sơ lưu trong kho dữ liệu; mỗi kết quả có mã kiểm tra để đối chiếu.', 'Results computed by chiso from the packs and submissions in the store; every result carries a fingerprint to check it by.')}</p></footer>
</body>
</html>`
}

/** The stylesheet (the report's font inside: nothing is fetched from elsewhere). @internal */
export function dashboardCss(): string {
  return `${embeddedFontCss()}
:root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#c9c9c9;--accent:#0b4f8a;--bg:#ffffff;--soft:#f3f5f7;--warn:#8a4b00;--bad:#a61b1b}
*{box-sizing:border-box}
html{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;color:var(--ink);background:var(--bg);font-size:16px;line-height:1.45}
body{margin:0}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.6rem 1.2rem;background:#0b3d66;color:#fff}
header.top a{color:#fff}
header.top .brand{margin:0;font-weight:700}
header.top .brand a{text-decoration:none}
header.top nav{display:flex;gap:1rem;flex-wrap:wrap}
header.top nav a[aria-current]{text-decoration:underline;text-underline-offset:.3em;font-weight:700}
header.top .account{margin-left:auto;display:flex;gap:1rem;align-items:center}
header.top .role{opacity:.85}
form.inline{display:inline}
header.top button{background:transparent;color:#fff;border:1px solid #fff;border-radius:3px;padding:.15rem .6rem;font:inherit;cursor:pointer}
aside.marks{margin:0;padding:.5rem 1.2rem;background:#fff6e0;border-bottom:2px solid #c98a00;font-size:.9rem}
aside.marks ul{list-style:none;margin:0;padding:0}
aside.marks li{margin:.15rem 0}
aside.marks .pack-id{color:var(--muted);font-size:.85em}
main{padding:1rem 1.2rem 2rem;max-width:1200px}
main:focus{outline:none}
h1{font-size:1.5rem;margin:.3rem 0 .8rem}
h2{font-size:1.2rem;margin:1.6rem 0 .6rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
footer{padding:1rem 1.2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
form.filters{display:flex;flex-wrap:wrap;gap:.8rem 1.2rem;align-items:flex-end;background:var(--soft);padding:.7rem 1rem;border-radius:4px;margin-bottom:1rem}
.field{display:flex;flex-direction:column;gap:.2rem}
.field label,.field .label{font-weight:600;font-size:.92rem}
input,select,textarea,button{font:inherit}
input[type=text],input[type=password],input[type=date],select,textarea{border:1px solid #767676;border-radius:3px;padding:.3rem .45rem;background:#fff;color:var(--ink)}
button.primary,.button{background:var(--accent);color:#fff;border:0;border-radius:3px;padding:.45rem 1rem;cursor:pointer;text-decoration:none;display:inline-block}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
tbody th{background:none;font-weight:normal}
tr.area th{background:var(--soft);font-weight:700}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.chip{display:inline-block;min-width:2.2em;text-align:center;border-radius:3px;padding:0 .3em;font-weight:700;font-size:.85em;border:1px solid #333}
.status{display:inline-block;padding:.05rem .5rem;border-radius:3px;font-size:.85rem;font-weight:600}
.status.published{background:#dff3e4;color:#0d4a22;border:1px solid #2c7a43}
.status.provisional{background:#fff0d6;color:#6b3d00;border:1px solid #b8741a}
.lead{margin:.3rem 0 .6rem}
.chart-box{overflow-x:auto;margin:.4rem 0 1rem}
.chart-box svg{max-width:100%;height:auto}
.legend{font-size:.88rem;color:var(--muted)}
ul.legend.bands{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
.notice{padding:.6rem .9rem;border-radius:4px;margin:.6rem 0;border:1px solid}
.notice.ok{background:#e6f4ea;border-color:#2c7a43;color:#0d4a22}
.notice.error{background:#fdecea;border-color:var(--bad);color:#5c0b0b}
.notice.info{background:#eaf2fb;border-color:#0b4f8a;color:#0b2e52}
.notice ul{margin:.3rem 0 0;padding-left:1.2rem}
details.node{margin:.15rem 0 .15rem 0}
details.node>summary{cursor:pointer;padding:.15rem 0}
details.node .kids{margin-left:1.2rem;border-left:2px solid var(--line);padding-left:.6rem}
ul.steps{margin:.1rem 0 .4rem 1.2rem;padding:0;font-size:.9rem;color:#2b2b2b}
.mark-rec{font-size:.8em;background:#fff6e0;border:1px solid #c98a00;border-radius:3px;padding:0 .3em;color:#5a3a00}
.pts{font-variant-numeric:tabular-nums;font-weight:600}
.changed td{background:#fff8e6}
td input[type=text]{width:6em;text-align:right}
td textarea{width:100%;min-width:14em}
td .reason-label{display:block;font-size:.85rem;margin-top:.25rem}
[aria-invalid=true]{border-color:var(--bad)!important;box-shadow:0 0 0 1px var(--bad)}
.muted{color:var(--muted)}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.4rem 0 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
@media (max-width:700px){header.top .account{margin-left:0}}
`
}

/** The little script: the appraisal screen asks for a reason where a score changes (the server checks it again). Everything works without it. @internal */
export const DASHBOARD_JS = `(function(){
  // filters apply with their button (no submit on change: moving through a list by keyboard must not reload the page)
  document.querySelectorAll('tr[data-current]').forEach(function(tr){
    var input = tr.querySelector('input[name^="points."]')
    var reason = tr.querySelector('textarea[name^="reason."]')
    if (!input || !reason) return
    var sync = function(){
      var v = input.value.trim().replace(',', '.')
      var changed = v !== '' && Number(v) !== Number(tr.getAttribute('data-current'))
      tr.classList.toggle('changed', changed)
      reason.required = changed
    }
    input.addEventListener('input', sync)
    sync()
  })
})();
`
