import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ReportGrid, ReportLanguage } from './periodic-report.js';

/**
 * DejaVu Sans covers Vietnamese (every precomposed letter with its tone mark) and ≥ ≤; the font
 * files come from an npm package and are embedded (subset) in the PDF, so no system font is needed.
 */
const packages = createRequire(import.meta.url);
const FONTS = { regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' } as const;
const fontFile = (font: keyof typeof FONTS) => packages.resolve(FONTS[font]);

const PAGE_NUMBER: Record<ReportLanguage, (page: number, of: number) => string> = {
  vi: (page, of) => `Trang ${page}/${of}`,
  en: (page, of) => `Page ${page} of ${of}`,
};

export const PDF_PRODUCER = 'phong-chong-case-platform (PDFKit)';

/** Points (1/72 inch); A4 landscape is 841.89 × 595.28. */
const MARGIN = 42; // ≈ 15 mm, as the printable HTML
const CELL_PADDING = 3;
const SIZE = { title: 14, subtitle: 9, cell: 8.5, note: 8.5, pageNumber: 8 } as const;
const RULE = '#444444';
const HEADER_FILL = '#eeeeee';

/** A number as the report writes it: 7, 23,3 %, ≥ 20 %, 1.234,5, −2. */
const NUMBER = /^[≥≤<>]?\s*[-−+]?\d[\d.,\u00a0\u202f ]*\s*%?$/;

type Doc = PDFKit.PDFDocument;

/**
 * The periodic report as an A4 landscape PDF: title and subtitle, the table with its header row
 * on every page (long cells wrap within their column, the row grows to fit), numbers right-aligned,
 * the notes, "Trang n/N" or "Page n of N" on every page, and the title, subject and language in the
 * document's metadata.
 */
export async function reportPdf(grid: ReportGrid, lang: ReportLanguage): Promise<Buffer> {
  const text = (value: string | undefined) => (value ?? '').normalize('NFC');
  const headers = grid.headers.map(text);
  const rows = grid.rows.map((row) => headers.map((_, c) => text(row[c])));
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    lang,
    displayTitle: true,
    font: fontFile('regular'),
    info: { Title: text(grid.title), Subject: text(grid.subtitle), Producer: PDF_PRODUCER, Creator: PDF_PRODUCER },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fontFile('regular'));
  doc.registerFont('bold', fontFile('bold'));

  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(SIZE.title).text(text(grid.title), MARGIN, MARGIN, { width, align: 'center' });
  doc.moveDown(0.3).font('regular').fontSize(SIZE.subtitle).text(text(grid.subtitle), { width, align: 'center' });
  let y = doc.y + 10;

  const table = tableLayout(doc, headers, rows, width);
  const bottom = () => doc.page.height - MARGIN;
  if (headers.length > 0) {
    y = drawRow(doc, headers, table, y, 'bold');
    for (const row of rows) {
      const height = rowHeight(doc, row, table, 'regular');
      if (y + height > bottom()) {
        doc.addPage();
        y = drawRow(doc, headers, table, MARGIN, 'bold');
      }
      y = drawRow(doc, row, table, y, 'regular', bottom() - y);
    }
  }

  doc.font('regular').fontSize(SIZE.note);
  doc.x = MARGIN;
  doc.y = y + 8;
  for (const note of grid.notes) doc.text(text(note), { width }).moveDown(0.2);

  numberPages(doc, lang, width);
  doc.end();
  return finished;
}

interface TableLayout {
  widths: number[];
  right: boolean[];
}

/**
 * Column widths from the content: every column gets its natural width (its longest cell on one
 * line) if all fit; otherwise the narrow columns keep theirs and the wide ones share what is left,
 * so their cells wrap. Slack is spread in proportion. A column of mostly numbers is right-aligned.
 */
function tableLayout(doc: Doc, headers: string[], rows: string[][], width: number): TableLayout {
  const natural = headers.map((header, c) => {
    doc.font('bold').fontSize(SIZE.cell);
    let widest = doc.widthOfString(header);
    doc.font('regular');
    for (const row of rows) widest = Math.max(widest, doc.widthOfString(row[c]!));
    return Math.ceil(widest) + 2 * CELL_PADDING + 1;
  });
  const total = natural.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (total <= width) widths = natural.map((w) => (w / total) * width);
  else {
    widths = [...natural];
    let left = width;
    let open = natural.map((_, c) => c).sort((a, b) => natural[a]! - natural[b]!);
    while (open.length > 0 && natural[open[0]!]! <= left / open.length) {
      left -= natural[open[0]!]!;
      open = open.slice(1);
    }
    for (const c of open) widths[c] = left / open.length;
  }
  const right = headers.map((_, c) => {
    const filled = rows.map((row) => row[c]!).filter((cell) => cell.trim() !== '');
    return filled.length > 0 && filled.filter((cell) => NUMBER.test(cell.trim())).length * 2 > filled.length;
  });
  return { widths, right };
}

function rowHeight(doc: Doc, cells: string[], table: TableLayout, font: 'regular' | 'bold'): number {
  doc.font(font).fontSize(SIZE.cell);
  return Math.max(...cells.map((cell, c) => doc.heightOfString(cell, { width: table.widths[c]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
}

/** One row of bordered cells at y; returns the y below it. A row taller than the page is cut at the page's end. */
function drawRow(doc: Doc, cells: string[], table: TableLayout, y: number, font: 'regular' | 'bold', room = Infinity): number {
  const natural = rowHeight(doc, cells, table, font);
  const height = Math.min(natural, room);
  const cut = natural > room ? { height: height - 2 * CELL_PADDING, ellipsis: true } : {};
  let x = MARGIN;
  doc.lineWidth(0.5);
  cells.forEach((cell, c) => {
    const w = table.widths[c]!;
    if (font === 'bold') doc.rect(x, y, w, height).fillAndStroke(HEADER_FILL, RULE);
    else doc.rect(x, y, w, height).stroke(RULE);
    doc
      .fillColor('black')
      .font(font)
      .fontSize(SIZE.cell)
      .text(cell, x + CELL_PADDING, y + CELL_PADDING, { width: w - 2 * CELL_PADDING, align: table.right[c] ? 'right' : 'left', ...cut });
    x += w;
  });
  return y + height;
}

/** "Trang n/N" / "Page n of N" at the foot of every page, inside the bottom margin. */
function numberPages(doc: Doc, lang: ReportLanguage, width: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(SIZE.pageNumber)
      .fillColor('black')
      .text(PAGE_NUMBER[lang](i - range.start + 1, range.count), MARGIN, doc.page.height - MARGIN / 2 - SIZE.pageNumber, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
  }
}
