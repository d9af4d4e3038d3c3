/**
 * The PDF of a report, printed by a headless Chromium already on the machine (never one
 * downloaded): `playwright-core` drives it and is loaded only here, so the HTML part of the
 * report works without it.
 */
import { existsSync } from 'node:fs'

/** Options for {@link renderReportPdf}. */
export interface ReportPdfOptions {
  /** the Chromium (or Chrome) executable; default `CHISO_CHROMIUM`, then the usual places */
  readonly chromium?: string
  /** give up after this many milliseconds (default 120 000) */
  readonly timeout?: number
}

/** The outcome of {@link renderReportPdf}. */
export interface ReportPdf {
  readonly pdf: Uint8Array
  /** the executable that printed it */
  readonly chromium: string
  /**
   * pages whose content did not fit their A4 page in the browser (1-based page numbers):
   * empty for a report laid out as planned
   */
  readonly overflowing: readonly number[]
}

/** Why no PDF could be made: no Chromium, or no playwright-core. */
export class ReportPdfError extends Error {
  readonly code: 'chromium_not_found' | 'playwright_missing' | 'chromium_failed'
  readonly messages: { readonly vi: string; readonly en: string }
  constructor(code: ReportPdfError['code'], messages: { vi: string; en: string }) {
    super(`${messages.vi}\n${messages.en}`)
    this.name = 'ReportPdfError'
    this.code = code
    this.messages = messages
  }
}

/** Where a Chromium is usually installed (Debian/Ubuntu packages, Chrome, macOS, Windows). */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
]

/**
 * The Chromium to print with: the one given, else `CHISO_CHROMIUM`, else the first of the
 * usual places that exists; undefined when none is found.
 *
 * @example
 * ```ts
 * import { findChromium } from '@chiso/adapters/report'
 * findChromium() // '/usr/bin/chromium' on Debian with the chromium package
 * ```
 */
export function findChromium(explicit?: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const wanted = explicit ?? env.CHISO_CHROMIUM
  if (wanted !== undefined && wanted !== '') return existsSync(wanted) ? wanted : undefined
  return CANDIDATES.find((p) => existsSync(p))
}

/** Flags that keep the browser off the network and quiet. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
]

/**
 * Prints the report's HTML to an A4 PDF with a headless Chromium, after its fonts are
 * loaded, and reports any page whose content overflowed. Requests to anything but the
 * document itself are refused, so a report can never reach the network.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises'
 * import { buildReportData, renderReportHtml, renderReportPdf } from '@chiso/adapters/report'
 * const { pdf } = await renderReportPdf(renderReportHtml(buildReportData(batch)), { chromium: '/usr/bin/chromium' })
 * await writeFile('bao-cao.pdf', pdf)
 * ```
 */
export async function renderReportPdf(html: string, options: ReportPdfOptions = {}): Promise<ReportPdf> {
  const executable = findChromium(options.chromium)
  if (!executable) {
    const asked = options.chromium ?? process.env.CHISO_CHROMIUM
    throw new ReportPdfError('chromium_not_found', {
      vi: asked
        ? `Không tìm thấy Chromium tại "${asked}". Hãy chỉ đúng đường dẫn bằng --chromium hoặc biến môi trường CHISO_CHROMIUM.`
        : 'Không tìm thấy Chromium để in PDF. Hãy cài Chromium (Debian/Ubuntu: apt-get install chromium) hoặc chỉ đường dẫn bằng --chromium hoặc biến môi trường CHISO_CHROMIUM. Báo cáo HTML vẫn ghi được mà không cần Chromium.',
      en: asked
        ? `No Chromium at "${asked}". Give the right path with --chromium or the CHISO_CHROMIUM environment variable.`
        : 'No Chromium found to print the PDF. Install Chromium (Debian/Ubuntu: apt-get install chromium) or give its path with --chromium or the CHISO_CHROMIUM environment variable. The HTML report needs no Chromium.',
    })
  }
  let playwright: typeof import('playwright-core')
  try {
    playwright = await import('playwright-core')
  } catch {
    throw new ReportPdfError('playwright_missing', {
      vi: 'Cần gói playwright-core để in PDF (npm install playwright-core; gói này không tải trình duyệt nào về).',
      en: 'The playwright-core package is needed to print the PDF (npm install playwright-core; it downloads no browser).',
    })
  }
  const chromium = playwright.chromium ?? (playwright as unknown as { default: typeof import('playwright-core') }).default.chromium
  const timeout = options.timeout ?? 120_000
  let browser: Awaited<ReturnType<typeof chromium.launch>>
  try {
    browser = await chromium.launch({ executablePath: executable, args: ARGS, timeout })
  } catch (e) {
    throw new ReportPdfError('chromium_failed', {
      vi: `Không khởi động được Chromium "${executable}": ${(e as Error).message.split('\n')[0]}`,
      en: `Chromium "${executable}" did not start: ${(e as Error).message.split('\n')[0]}`,
    })
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: true, offline: true })
    const page = await context.newPage()
    page.setDefaultTimeout(timeout)
    // the report is self-contained: anything it would fetch is refused
    await page.route(/^(?!data:|about:)/, (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load' })
    // run in the page (as text: this package is not compiled against the DOM's types)
    await page.evaluate('document.fonts.ready.then(() => undefined)')
    await page.emulateMedia({ media: 'print' })
    const overflowing = await page.evaluate<number[]>(
      `[...document.querySelectorAll('section.page')].map((p, i) => { const b = p.querySelector('.body'); return b && b.scrollHeight > b.clientHeight + 1 ? i + 1 : 0 }).filter((n) => n > 0)`,
    )
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, margin: { top: '0', right: '0', bottom: '0', left: '0' } })
    await context.close()
    return { pdf: new Uint8Array(pdf), chromium: executable, overflowing }
  } finally {
    await browser.close()
  }
}
