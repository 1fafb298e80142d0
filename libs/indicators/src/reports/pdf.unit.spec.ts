import { PDF_PRODUCER, reportPdf } from './pdf.js';
import type { ReportGrid } from './periodic-report.js';
import { pageLines, readPdf, type PdfContent, type PdfTextItem } from './testing/pdf-text.js';

const INSPECTED = 'Tỉ lệ cơ sở kinh doanh được kiểm tra';
const LONG_NAME = Array.from(
  { length: 12 },
  (_, i) => `Số người được hỗ trợ tiếp cận dịch vụ xã hội, y tế và pháp lý (nhóm ${i + 1})`,
).join(' ');
/** Every Vietnamese vowel with each of the six tones, lower and upper case, and đ / Đ. */
const LETTERS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']
  .flatMap((vowel) => ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'].map((tone) => `${vowel}${tone}`.normalize('NFC')))
  .flatMap((letter) => [letter, letter.toUpperCase()])
  .concat(['đ', 'Đ'])
  .join(' ');

const HEADERS = ['Mã', 'Chỉ tiêu', 'Kết quả', 'Tử số', 'Mẫu số', 'Chỉ tiêu kế hoạch', 'Đạt'];
const ROW_COUNT = 90;
const LONG_ROW = 40;
const code = (i: number) => `chi_tieu_${String(i).padStart(2, '0')}`;
const rows = Array.from({ length: ROW_COUNT }, (_, i) => [
  code(i),
  i === 0 ? INSPECTED : i === LONG_ROW ? LONG_NAME : `Chỉ tiêu số ${i}: cơ sở được kiểm tra, xử lý`,
  `${(i * 37) % 1000},${i % 10} %`,
  String(i * 1237),
  String(i * i * 13 + 3),
  '≥ 20 %',
  i % 2 === 0 ? 'Đạt' : 'Chưa đạt',
]);
const grid: ReportGrid = {
  title: 'Báo cáo kết quả thực hiện chỉ tiêu phòng, chống mại dâm',
  subtitle: 'Địa bàn: Hóc Môn (27559) · Kỳ báo cáo: Năm 2024 (2024-01-01 – 2024-12-31)',
  headers: HEADERS,
  rows,
  notes: ['Ô "Ẩn (bảo mật)": số người dưới 5, không công bố để bảo vệ người được hỗ trợ và người liên quan.', LETTERS],
};

/** The items of one row of a page: those on the baseline of the item that reads `first`. */
const rowItems = (items: PdfTextItem[], first: string) => {
  const start = items.find((item) => item.text === first)!;
  return items.filter((item) => Math.abs(item.y - start.y) < 0.5).sort((a, b) => a.x - b.x);
};

describe('periodic report as PDF (read back with pdf.js)', () => {
  let pdf: Buffer;
  let read: PdfContent;
  let lines: string[][];
  beforeAll(async () => {
    pdf = await reportPdf(grid, 'vi');
    read = await readPdf(pdf);
    lines = read.pages.map(pageLines);
  });

  it('is an A4 landscape document of several pages, "Trang n/N" at the foot of each', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(read.pageCount).toBeGreaterThanOrEqual(3);
    expect(read.pages).toHaveLength(read.pageCount);
    for (const page of read.pages) expect(page.size.map(Math.round)).toEqual([842, 595]);
    expect(lines.map((page) => page.at(-1))).toEqual(lines.map((_, n) => `Trang ${n + 1}/${read.pageCount}`));
  });

  it('carries the title, subject, language and producer in its metadata', () => {
    expect(read.info).toMatchObject({ Title: grid.title, Subject: grid.subtitle, Language: 'vi', Producer: PDF_PRODUCER });
  });

  it('embeds DejaVu Sans (subset) and no standard font, so no system font is needed', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/FontFile2 /);
    expect(raw).not.toMatch(/Helvetica|Times-Roman|Courier/);
  });

  it('gives back the Vietnamese text exactly: title, subtitle, the indicator name, every letter with every tone', () => {
    expect(lines[0]!.slice(0, 2)).toEqual([grid.title, grid.subtitle]);
    expect(read.pages[0]!.items.map((item) => item.text)).toContain(INSPECTED);
    const text = lines.flat().join(' ');
    expect(text).not.toContain('\u0000');
    expect(text).toContain(LETTERS);
  });

  it('repeats the header row at the top of the table on every page', () => {
    expect(lines[0]![2]).toBe(HEADERS.join(' '));
    for (const page of lines.slice(1)) expect(page[0]).toBe(HEADERS.join(' '));
  });

  it('shows every row once, in order, its cells on one line (except the long one, which wraps)', () => {
    const rowLines = lines.flat().filter((line) => /^chi_tieu_\d\d /.test(line));
    expect(rowLines.map((line) => line.slice(0, 11))).toEqual(rows.map((row) => row[0]));
    rows.forEach((row, i) => {
      if (i !== LONG_ROW) expect(rowLines[i]).toBe(row.join(' '));
    });
  });

  it('wraps a long cell within its column and makes its row tall enough', () => {
    const page = read.pages.find((p) => p.items.some((item) => item.text === code(LONG_ROW)))!;
    const top = page.items.find((item) => item.text === code(LONG_ROW))!.y;
    const next = page.items.find((item) => item.text === code(LONG_ROW + 1));
    const nameX = rowItems(page.items, code(LONG_ROW))[1]!.x;
    const parts = page.items
      .filter((item) => Math.abs(item.x - nameX) < 0.5 && item.y <= top + 0.5 && (!next || item.y > next.y))
      .sort((a, b) => b.y - a.y);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((part) => part.text).join(' ')).toBe(LONG_NAME);
    const valueX = rowItems(page.items, code(LONG_ROW))[2]!.x;
    for (const part of parts) expect(part.x + part.width).toBeLessThan(valueX);
    if (next) expect(next.y).toBeLessThan(parts.at(-1)!.y - 5);
  });

  it('right-aligns the number columns and left-aligns the text columns', () => {
    const page = read.pages[0]!;
    const table = rows.slice(1, 12).map((row) => rowItems(page.items, row[0]!));
    for (const cells of table) expect(cells).toHaveLength(HEADERS.length);
    const edges = (column: number, edge: (item: PdfTextItem) => number) =>
      new Set(table.map((cells) => Math.round(edge(cells[column]!) * 2) / 2));
    const left = (item: PdfTextItem) => item.x;
    const right = (item: PdfTextItem) => item.x + item.width;
    for (const column of [2, 3, 4]) {
      expect(edges(column, right).size).toBe(1);
      expect(edges(column, left).size).toBeGreaterThan(1);
    }
    for (const column of [0, 1, 6]) expect(edges(column, left).size).toBe(1);
  });

  it('ends with the notes, after the last row', () => {
    const last = lines.at(-1)!;
    const note = last.indexOf(grid.notes[0]!);
    expect(note).toBeGreaterThan(last.findIndex((line) => line.startsWith(code(ROW_COUNT - 1))));
  });

  it('in English: "Page n of N" and the language en', async () => {
    const english = await readPdf(await reportPdf({ ...grid, title: 'Programme indicators report', rows: rows.slice(0, 3) }, 'en'));
    expect(english.info).toMatchObject({ Title: 'Programme indicators report', Language: 'en' });
    expect(english.pages.map(pageLines).map((page) => page.at(-1))).toEqual(
      english.pages.map((_, n) => `Page ${n + 1} of ${english.pageCount}`),
    );
  });
});
