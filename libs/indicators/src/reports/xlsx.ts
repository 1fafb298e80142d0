import type { Border, Fill } from 'exceljs';
import type { ReportDay, ReportGrid, ReportLanguage, ReportNumber } from './periodic-report.js';

export const XLSX_CREATOR = 'phong-chong-case-platform (ExcelJS)';

/** How the days are shown: as the subtitle writes them in each language. */
const DATE_FORMAT: Record<ReportLanguage, string> = { vi: 'dd/mm/yyyy', en: 'yyyy-mm-dd' };
/** Label and day side by side, this many pairs to a row (columns A–F). */
const DAYS_PER_ROW = 3;
/** Column widths in characters: at least a date's, at most what a screen shows beside the rest (longer names wrap). */
const WIDTH = { min: 12, max: 60, padding: 2 } as const;
const RULE: Partial<Border> = { style: 'thin', color: { argb: 'FF444444' } };
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The number format that shows a figure as the report's text does: "23,3 %", "7", "≥ 20 %" (the separators are the reader's). */
export function numberFormat(figure: ReportNumber): string {
  const digits = figure.decimals === 0 ? '#,##0' : '#,##0.0';
  return `${figure.comparator ? quoted(`${figure.comparator} `) : ''}${digits}${figure.percent ? quoted(' %') : ''}`;
}

/** A day YYYY-MM-DD as the date Excel stores (midnight UTC: ExcelJS writes UTC, so the serial is the day itself). */
const date = (day: string) => new Date(`${day}T00:00:00.000Z`);

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The periodic report as a workbook of one sheet, written by ExcelJS: the title and subtitle, the
 * report's days as dates, the table (figures as numbers in the report's format, other cells as text)
 * under a frozen header row, then the notes; columns as wide as their contents (long names wrap),
 * printed on A4 landscape with the header on every page.
 */
export async function reportXlsx(grid: ReportGrid, sheetName: string, lang: ReportLanguage): Promise<Buffer> {
  // Loaded on the first workbook, not when the API or the CLI starts (ExcelJS takes a third of a second to load).
  const { default: ExcelJS } = await import('exceljs');
  const text = (value: string) => value.normalize('NFC');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = XLSX_CREATOR;
  workbook.lastModifiedBy = XLSX_CREATOR;
  workbook.title = text(grid.title);
  workbook.subject = text(grid.subtitle);
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  const title = sheet.addRow([text(grid.title)]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([text(grid.subtitle)]);
  const dayRows = chunks(grid.days ?? [], DAYS_PER_ROW);
  for (const days of dayRows) {
    const row = sheet.addRow(days.flatMap((d: ReportDay) => [text(d.label), date(d.day)]));
    days.forEach((_, i) => {
      row.getCell(2 * i + 1).font = { bold: true };
      row.getCell(2 * i + 2).numFmt = DATE_FORMAT[lang];
      row.getCell(2 * i + 2).alignment = { horizontal: 'left' };
    });
  }

  const header = sheet.addRow(grid.headers.map(text));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { top: RULE, bottom: RULE, left: RULE, right: RULE };
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  grid.rows.forEach((cells, r) => {
    const numbers = grid.numbers?.[r] ?? [];
    const row = sheet.addRow(grid.headers.map((_, c) => numbers[c]?.value ?? (cells[c] ? text(cells[c]) : null)));
    grid.headers.forEach((_, c) => {
      const cell = row.getCell(c + 1);
      const figure = numbers[c];
      if (figure) cell.numFmt = numberFormat(figure);
      cell.border = { top: RULE, bottom: RULE, left: RULE, right: RULE };
      // As the HTML and PDF: the figures' columns right-aligned, long names wrapped within theirs.
      cell.alignment = c >= 2 ? { vertical: 'top', horizontal: 'right' } : { vertical: 'top', wrapText: true };
    });
  });
  sheet.addRow([]);
  for (const note of grid.notes) sheet.addRow([text(note)]);

  sheet.views = [
    { state: 'frozen', xSplit: 0, ySplit: header.number, topLeftCell: `A${header.number + 1}`, activeCell: `A${header.number + 1}` },
  ];
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  // The table's text and the days decide the widths; the title, subtitle and notes run on past the table.
  const widths = grid.headers.map(
    (h, c) =>
      Math.max(
        h.length,
        ...grid.rows.map((cells) => (cells[c] ?? '').length),
        ...dayRows.map((days) => (c % 2 === 0 ? (days[c / 2]?.label.length ?? 0) : 0)),
      ) + WIDTH.padding,
  );
  widths.forEach((width, c) => {
    sheet.getColumn(c + 1).width = Math.min(WIDTH.max, Math.max(WIDTH.min, width));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
