/**
 * The API reference page: one self-contained HTML page written from the OpenAPI document
 * (no script, no stylesheet or font from elsewhere: the service may run without network).
 */

interface Operation {
  operationId?: string
  summary?: string
  description?: string
  security?: unknown[]
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[]
  requestBody?: { content?: Record<string, { schema?: unknown }> }
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>
}

interface Document {
  info: { title: string; version: string; description?: string }
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, unknown> }
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const schemaText = (s: unknown): string => esc(JSON.stringify(s, null, 2) ?? '')
const anchor = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '-')

/**
 * The reference page of an OpenAPI document: every operation with its access, parameters,
 * request body and responses, and every schema, on one page.
 * @internal
 */
export function referencePage(doc: Document): string {
  const ops: string[] = []
  const toc: string[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const id = anchor(op.operationId ?? `${method}-${path}`)
      toc.push(`<li><a href="#${id}"><code>${method.toUpperCase()} ${esc(path)}</code></a> ${esc(op.summary ?? '')}</li>`)
      const params = (op.parameters ?? [])
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><pre>${schemaText(p.schema)}</pre></td></tr>`)
        .join('')
      const body = Object.entries(op.requestBody?.content ?? {})
        .map(([type, c]) => `<h4>Request body: <code>${esc(type)}</code></h4><pre>${schemaText(c.schema)}</pre>`)
        .join('')
      const responses = Object.entries(op.responses ?? {})
        .filter(([status]) => Number(status) < 400)
        .map(
          ([status, r]) =>
            `<h4>${esc(status)}: ${esc(r.description ?? '')}</h4>${Object.entries(r.content ?? {})
              .map(([type, c]) => `<p><code>${esc(type)}</code></p><pre>${schemaText(c.schema)}</pre>`)
              .join('')}`,
        )
        .join('')
      const errors = Object.keys(op.responses ?? {}).filter((s) => Number(s) >= 400)
      ops.push(`<section id="${id}">
<h3><span class="m">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>
<p class="d">${esc(op.description ?? '').replace(/\n/g, '<br>')}</p>
${params ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${params}</table>` : ''}
${body}${responses}
<p>Errors: ${errors.map((s) => `<code>${esc(s)}</code>`).join(' ')} — <a href="#schema-Problem">application/problem+json</a></p>
</section>`)
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => `<section id="schema-${anchor(name)}"><h3>${esc(name)}</h3><pre>${schemaText(s)}</pre></section>`)
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} — API reference</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:72rem;margin:0 auto;padding:1rem 2rem;line-height:1.45;color:#1b1f24}
pre{background:#f4f6f8;padding:.6rem;overflow:auto;max-height:24rem;font-size:.8rem}
code{font-size:.9em}section{border-top:1px solid #d0d7de;padding:.4rem 0}
.m{display:inline-block;min-width:3.5rem;font-weight:700;color:#0b5cad}.d{color:#57606a}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.2rem .5rem;vertical-align:top;text-align:left}td pre{margin:0;max-height:8rem}
</style></head><body>
<h1>${esc(doc.info.title)}</h1>
<p>Version ${esc(doc.info.version)} · OpenAPI document: <a href="/openapi.json"><code>/openapi.json</code></a></p>
<p>${esc(doc.info.description ?? '')}</p>
<p>Authentication: <code>Authorization: Bearer &lt;token&gt;</code>. Language: <code>Accept-Language: vi</code> (default) or <code>en</code>.</p>
<h2>Operations</h2><ul>${toc.join('\n')}</ul>
${ops.join('\n')}
<h2>Schemas</h2>
${schemas}
</body></html>
`
}
