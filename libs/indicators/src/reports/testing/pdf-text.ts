import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface PdfTextItem {
  text: string;
  /** Where the text starts, in points from the page's lower left corner. */
  x: number;
  y: number;
  /** Its advance width in points. */
  width: number;
}

export interface PdfContent {
  pageCount: number;
  /** The document information as pdf.js reports it: Title, Subject, Producer, Language, … */
  info: Record<string, unknown>;
  pages: { size: [number, number]; items: PdfTextItem[] }[];
}

const READER = fileURLToPath(new URL('./read-pdf.mjs', import.meta.url));

/** Parses a PDF with pdf.js in a child Node process and returns its text; rejects if pdf.js cannot read it. */
export function readPdf(pdf: Uint8Array): Promise<PdfContent> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [READER], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as PdfContent);
      else reject(new Error(`pdf.js could not read the PDF (exit ${code}): ${Buffer.concat(err).toString('utf8').slice(0, 2000)}`));
    });
    child.stdin.end(pdf);
  });
}

/** The text of one page, item by item, as one string per line of text (items on the same baseline joined by a space). */
export function pageLines(page: PdfContent['pages'][number]): string[] {
  const lines = new Map<number, PdfTextItem[]>();
  for (const item of page.items) {
    const y = Math.round(item.y);
    lines.set(y, [...(lines.get(y) ?? []), item]);
  }
  return [...lines.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, items]) =>
      items
        .sort((a, b) => a.x - b.x)
        .map((i) => i.text)
        .join(' '),
    );
}
