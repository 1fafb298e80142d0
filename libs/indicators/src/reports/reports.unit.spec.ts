import ExcelJS from 'exceljs';
import { statisticalPeriod, CALENDAR_MONTHS } from '../../../statistics/src/domain/periods.js';
import type { IndicatorAnswer } from '../application/statistics-service.js';
import type { IndicatorLine } from '../domain/indicator-table.js';
import { reportCsv } from './csv.js';
import { reportHtml } from './html.js';
import { periodicReport } from './periodic-report.js';
import { renderReport } from './render-report.js';
import { pageLines, readPdf } from './testing/pdf-text.js';
import { readXlsx } from './testing/read-xlsx.js';
import { numberFormat } from './xlsx.js';

const line = (over: Partial<IndicatorLine>): IndicatorLine => ({
  code: 'at_risk_establishments_inspected',
  subgroup: null,
  name: { en: 'At-risk establishments inspected', vi: 'Cơ sở được kiểm tra' },
  measure: 'percent',
  personBased: false,
  value: (7 / 30) * 100,
  numerator: 7,
  denominator: 30,
  suppressed: false,
  partial: [],
  missingReferenceFigures: [],
  target: { comparator: 'at_least', value: 20, upTo: null },
  met: true,
  ...over,
});

const answer: IndicatorAnswer = {
  area: { code: '27559', name: 'Hóc Môn' },
  period: statisticalPeriod(CALENDAR_MONTHS, 'year', 2024),
  plan: { id: 'p1', title: 'Kế hoạch <b>"2024"</b>, huyện Hóc Môn', documentRef: null },
  asOf: '2025-01-05T00:00:00.000Z',
  threshold: 5,
  disclosure: {
    threshold: 5,
    roundedToFive: false,
    perturbed: false,
    mechanism: 'none',
    pTable: null,
    maxNoise: 0,
    totals: 'exact',
    suppression: 'hierarchical',
    secretId: null,
  },
  computedAt: { from: '7', to: '7' },
  reportDue: null,
  indicators: [
    line({}),
    line({
      code: 'people_penalised',
      measure: 'count',
      personBased: true,
      value: null,
      numerator: null,
      denominator: null,
      suppressed: true,
      target: null,
      met: null,
      name: { en: 'People penalised', vi: 'Số người bị xử phạt' },
    }),
  ],
};

describe('periodic report formats', () => {
  it('CSV: BOM, RFC 4180 quoting of commas and quotes, Vietnamese decimals, suppressed cells marked without counts', () => {
    const csv = reportCsv(periodicReport(answer, 'vi'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toMatch(/\r\n"Địa bàn: Hóc Môn \(27559\)[^\r\n]*Kế hoạch: Kế hoạch <b>""2024""<\/b>, huyện Hóc Môn[^\r\n]*"\r\n/);
    expect(csv).toContain('\r\nat_risk_establishments_inspected,Cơ sở được kiểm tra,"23,3 %",7,30,≥ 20 %,Đạt\r\n');
    expect(csv).toContain('\r\npeople_penalised,Số người bị xử phạt,Ẩn (bảo mật),,,,\r\n');
  });

  it('states the plan’s report due date and, when switched on, that person counts are rounded and perturbed', () => {
    const plain = periodicReport(answer, 'vi');
    expect(plain.subtitle).not.toContain('Hạn gửi báo cáo');
    expect(plain.notes).toEqual([
      expect.stringContaining('dưới 5'),
      'Cách công bố: số đúng, không nhiễu; ẩn ô quyết định một lần cho cả nước theo từng chỉ tiêu và kỳ; số liệu tính tại vị trí nhật ký 7.',
    ]);
    const withDue = {
      ...answer,
      reportDue: { dueBefore: '2024-12-16', lastDay: '2024-12-15' },
      disclosure: {
        ...answer.disclosure,
        roundedToFive: true,
        perturbed: true,
        mechanism: 'cell_key' as const,
        pTable: 'ptable-2026-1',
        maxNoise: 2,
        totals: 'independently_perturbed' as const,
        secretId: '0123456789abcdef',
      },
    };
    const vi = periodicReport(withDue, 'vi');
    expect(vi.subtitle).toContain('Hạn gửi báo cáo: trước ngày 16/12/2024');
    expect(vi.notes).toEqual([
      expect.stringContaining('dưới 5'),
      'Số người được làm tròn đến bội số của 5.',
      expect.stringContaining('nhiễu nhỏ (tối đa ±2)'),
      expect.stringContaining('bảng nhiễu ptable-2026-1, mã khóa bí mật 0123456789abcdef'),
    ]);
    const en = periodicReport(withDue, 'en');
    expect(en.subtitle).toContain('Report due before 2024-12-16');
    expect(en.notes[2]).toContain('differencing');
    // An auditor can compute the release again: mechanism, p-table, secret id and log position are stated.
    expect(en.notes[3]).toBe(
      'How published: cell-key noise, p-table ptable-2026-1, secret id 0123456789abcdef; every total is a cell of its own with its own noise and need not equal the sum of its rows; suppression decided once for the whole country per indicator and period; computed at log position 7.',
    );
  });

  it('HTML: every user-given text escaped, print CSS, the language set', () => {
    const html = reportHtml(periodicReport(answer, 'en'), 'en');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;b&#62;&#34;2024&#34;&#60;/b&#62;');
    expect(html).toContain('@page { size: A4 landscape');
    expect(html).toContain('<td class="num">23.3 %</td>');
  });

  it('PDF: served as application/pdf under a .pdf name; the plan title, the Vietnamese decimal and the suppressed cell read back', async () => {
    const report = await renderReport(answer, 'pdf', 'vi');
    expect(report).toMatchObject({ contentType: 'application/pdf', fileName: 'bao-cao-27559-year-2024-1.pdf' });
    const lines = (await readPdf(report.body)).pages.flatMap(pageLines);
    expect(lines.join(' ')).toContain('Kế hoạch: Kế hoạch <b>"2024"</b>, huyện Hóc Môn');
    expect(lines).toContain('at_risk_establishments_inspected Cơ sở được kiểm tra 23,3 % 7 30 ≥ 20 % Đạt');
    expect(lines).toContain('people_penalised Số người bị xử phạt Ẩn (bảo mật)');
  });

  it('XLSX (ExcelJS): figures as numbers equal to the CSV’s, the days as dates, the header row frozen, columns as wide as their text, Vietnamese intact', async () => {
    const LONG_NAME = 'Tỉ lệ người có nhu cầu được tiếp cận dịch vụ hỗ trợ xã hội, y tế, pháp lý và học nghề tại địa phương';
    const wide: IndicatorAnswer = {
      ...answer,
      reportDue: { dueBefore: '2024-12-16', lastDay: '2024-12-15' },
      indicators: [
        ...answer.indicators,
        line({
          code: 'hotspots_eradicated',
          measure: 'count',
          value: 12,
          numerator: 12,
          denominator: null,
          target: { comparator: 'at_least', value: 10, upTo: null },
          met: true,
          name: { en: 'Hotspots eradicated', vi: 'Tụ điểm được xóa bỏ' },
        }),
        line({
          code: 'crimes_handled_change',
          measure: 'percent_change',
          value: -12.25,
          numerator: 35,
          denominator: 40,
          target: { comparator: 'at_most', value: -10, upTo: null },
          met: true,
          name: { en: 'Change in crimes handled', vi: 'Tăng, giảm số vụ phạm tội' },
        }),
        line({
          code: 'people_in_need_accessed_support',
          value: 100,
          numerator: 9,
          denominator: 9,
          target: { comparator: 'at_least', value: 90.5, upTo: null },
          met: true,
          name: { en: LONG_NAME, vi: LONG_NAME },
        }),
        line({
          code: 'staff_trained',
          subgroup: 'commune',
          value: null,
          numerator: 0,
          denominator: 0,
          target: null,
          met: null,
          name: { en: 'Staff trained', vi: 'Cán bộ được tập huấn' },
        }),
      ],
    };
    const report = await renderReport(wide, 'xlsx', 'vi');
    expect(report).toMatchObject({
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: 'bao-cao-27559-year-2024-1.xlsx',
    });
    const workbook = await readXlsx(report.body);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('27559 2024');
    const grid = periodicReport(wide, 'vi');
    expect(workbook).toMatchObject({ title: grid.title, subject: grid.subtitle, creator: 'phong-chong-case-platform (ExcelJS)' });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const values = (row: number) => (sheet.getRow(row).values as ExcelJS.CellValue[]).slice(1);

    // Above the table, as the CSV: the title and the subtitle; then the subtitle's days as dates.
    expect(sheet.getCell('A1').value).toBe('Báo cáo kết quả thực hiện chỉ tiêu phòng, chống mại dâm');
    expect(sheet.getCell('A2').value).toBe(grid.subtitle);
    expect(grid.subtitle).toContain('Kế hoạch: Kế hoạch <b>"2024"</b>, huyện Hóc Môn');
    const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
    expect(values(3)).toEqual(['Từ ngày', day('2024-01-01'), 'Đến ngày', day('2024-12-31'), 'Số liệu đến', day('2025-01-05')]);
    expect(values(4)).toEqual(['Hạn gửi báo cáo (trước ngày)', day('2024-12-16')]);
    for (const address of ['B3', 'D3', 'F3', 'B4']) {
      expect(sheet.getCell(address).type).toBe(ExcelJS.ValueType.Date);
      expect(sheet.getCell(address).numFmt).toBe('dd/mm/yyyy');
    }

    // The header row, frozen: everything above it stays in view, the rows scroll beneath it.
    expect(values(5)).toEqual(['Mã', 'Chỉ tiêu', 'Kết quả', 'Tử số', 'Mẫu số', 'Chỉ tiêu kế hoạch', 'Đạt']);
    expect(sheet.views).toEqual([expect.objectContaining({ state: 'frozen', xSplit: 0, ySplit: 5, topLeftCell: 'A6' })]);
    expect(sheet.pageSetup.printTitlesRow).toBe('5:5');

    // Every cell of the table is what the CSV writes: a number (shown in the report's format) where the CSV writes a figure, text elsewhere.
    const csvFields = (text: string) =>
      [...text.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, f = '']) =>
        f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f,
      );
    const csv = reportCsv(grid)
      .slice(1)
      .split('\r\n')
      .slice(3, 3 + wide.indicators.length)
      .map(csvFields);
    const shown = (cell: ExcelJS.Cell) => {
      const [, before = '', digits = '', after = ''] = /^(?:"([^"]*)")?([#,0.]+)(?:"([^"]*)")?$/.exec(cell.numFmt)!;
      const decimals = digits.split('.')[1]?.length ?? 0;
      return `${before}${(cell.value as number).toLocaleString('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}${after}`;
    };
    const table = wide.indicators.map((_, r) => grid.headers.map((_, c) => sheet.getRow(6 + r).getCell(c + 1)));
    expect(
      table.map((cells) =>
        cells.map((cell) =>
          cell.type === ExcelJS.ValueType.Number ? shown(cell) : cell.type === ExcelJS.ValueType.Null ? '' : cell.value,
        ),
      ),
    ).toEqual(csv);
    const typeName = new Map(Object.entries(ExcelJS.ValueType).map(([name, type]) => [type, name]));
    const types = table.map((cells) => cells.map((cell) => typeName.get(cell.type)));
    expect(types).toEqual([
      ['String', 'String', 'Number', 'Number', 'Number', 'Number', 'String'],
      ['String', 'String', 'String', 'Null', 'Null', 'Null', 'Null'],
      ['String', 'String', 'Number', 'Number', 'Null', 'Number', 'String'],
      ['String', 'String', 'Number', 'Number', 'Number', 'Number', 'String'],
      ['String', 'String', 'Number', 'Number', 'Number', 'Number', 'String'],
      ['String', 'String', 'String', 'Number', 'Number', 'Null', 'Null'],
    ]);
    // The figures themselves, as the text rounds them; a percentage in percent, as in the JSON answer.
    expect(table.map((cells) => cells.slice(2, 6).map((cell) => cell.value))).toEqual([
      [23.3, 7, 30, 20],
      ['Ẩn (bảo mật)', null, null, null],
      [12, 12, null, 10],
      [-12.3, 35, 40, -10],
      [100, 9, 9, 90.5],
      ['Không có số liệu', 0, 0, null],
    ]);
    expect(table[0]!.slice(2, 6).map((cell) => cell.numFmt)).toEqual(['#,##0.0" %"', '#,##0', '#,##0', '"≥ "#,##0" %"']);
    expect(table[4]![2]!.numFmt).toBe('#,##0" %"');

    // Below the table, after a blank row: the notes, as the CSV.
    expect(values(6 + wide.indicators.length)).toEqual([]);
    expect(grid.notes.map((_, i) => sheet.getCell(`A${7 + wide.indicators.length + i}`).value)).toEqual(grid.notes);
    expect(sheet.rowCount).toBe(6 + wide.indicators.length + grid.notes.length);

    // Each column as wide as its longest text (at least a date’s, at most 60: the long name wraps within it).
    const widths = grid.headers.map((_, c) => sheet.getColumn(c + 1).width);
    expect(widths).toEqual([Math.max(...grid.rows.map((r) => r[0]!.length)) + 2, 60, 18, 12, 13, 19, 12]);
    expect(grid.rows[4]![1]!.length).toBeGreaterThan(60);
    expect(table[4]![1]!.alignment).toMatchObject({ wrapText: true });
    expect(table[0]![2]!.alignment).toMatchObject({ horizontal: 'right' });
  });

  it('XLSX number formats: the comparator, the decimals and the percent sign as the text writes them', () => {
    expect(numberFormat({ value: 7, decimals: 0, percent: false, comparator: null })).toBe('#,##0');
    expect(numberFormat({ value: 23.3, decimals: 1, percent: true, comparator: null })).toBe('#,##0.0" %"');
    expect(numberFormat({ value: 20, decimals: 0, percent: true, comparator: '≤' })).toBe('"≤ "#,##0" %"');
  });

  it('JSON: the report’s text only, as before; the numbers and days behind it stay out (the figures are the answer’s)', async () => {
    const json = JSON.parse((await renderReport(answer, 'json', 'vi')).body.toString('utf8'));
    expect(Object.keys(json.report)).toEqual(['title', 'subtitle', 'headers', 'rows', 'notes']);
    expect(json.report.rows[0]).toEqual(['at_risk_establishments_inspected', 'Cơ sở được kiểm tra', '23,3 %', '7', '30', '≥ 20 %', 'Đạt']);
  });
});
