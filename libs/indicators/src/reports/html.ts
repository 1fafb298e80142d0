import type { ReportGrid } from './periodic-report.js';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A printable page (print CSS, A4 landscape), the report as a web page. */
export function reportHtml(grid: ReportGrid, lang: string): string {
  const head = grid.headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = grid.rows
    .map((row) => `<tr>${row.map((c, i) => `<td${i >= 2 ? ' class="num"' : ''}>${escape(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escape(lang)}">
<head>
<meta charset="utf-8">
<title>${escape(grid.title)}</title>
<style>
  body { font-family: "Times New Roman", serif; margin: 2em; color: #000; }
  h1 { font-size: 1.3em; text-align: center; }
  p.subtitle { text-align: center; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
  th, td { border: 1px solid #444; padding: 0.25em 0.4em; vertical-align: top; }
  th { background: #eee; }
  td.num { text-align: right; white-space: nowrap; }
  tr { page-break-inside: avoid; }
  @page { size: A4 landscape; margin: 15mm; }
  @media print { body { margin: 0; } th { background: none; } }
</style>
</head>
<body>
<h1>${escape(grid.title)}</h1>
<p class="subtitle">${escape(grid.subtitle)}</p>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${grid.notes.map((n) => `<p class="note">${escape(n)}</p>`).join('\n')}
</body>
</html>
`;
}
