import { inflateRawSync } from 'node:zlib';
import { statisticalPeriod, CALENDAR_MONTHS } from '../../../statistics/src/domain/periods.js';
import type { IndicatorAnswer } from '../application/statistics-service.js';
import type { IndicatorLine } from '../domain/indicator-table.js';
import { reportCsv } from './csv.js';
import { reportHtml } from './html.js';
import { periodicReport } from './periodic-report.js';
import { renderReport } from './render-report.js';
import { pageLines, readPdf } from './testing/pdf-text.js';
import { zip } from './zip.js';

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
  disclosure: { threshold: 5, roundedToFive: false, perturbed: false, mechanism: 'none', pTable: null, maxNoise: 0, totals: 'exact', suppression: 'hierarchical', secretId: null },
  computedAt: { from: '7', to: '7' },
  reportDue: null,
  indicators: [
    line({}),
    line({ code: 'people_penalised', measure: 'count', personBased: true, value: null, numerator: null, denominator: null, suppressed: true, target: null, met: null, name: { en: 'People penalised', vi: 'Số người bị xử phạt' } }),
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
    expect(plain.notes).toEqual([expect.stringContaining('dưới 5'), 'Cách công bố: số đúng, không nhiễu; ẩn ô quyết định một lần cho cả nước theo từng chỉ tiêu và kỳ; số liệu tính tại vị trí nhật ký 7.']);
    const withDue = { ...answer, reportDue: { dueBefore: '2024-12-16', lastDay: '2024-12-15' }, disclosure: { ...answer.disclosure, roundedToFive: true, perturbed: true, mechanism: 'cell_key' as const, pTable: 'ptable-2026-1', maxNoise: 2, totals: 'independently_perturbed' as const, secretId: '0123456789abcdef' } };
    const vi = periodicReport(withDue, 'vi');
    expect(vi.subtitle).toContain('Hạn gửi báo cáo: trước ngày 16/12/2024');
    expect(vi.notes).toEqual([expect.stringContaining('dưới 5'), 'Số người được làm tròn đến bội số của 5.', expect.stringContaining('nhiễu nhỏ (tối đa ±2)'), expect.stringContaining('bảng nhiễu ptable-2026-1, mã khóa bí mật 0123456789abcdef')]);
    const en = periodicReport(withDue, 'en');
    expect(en.subtitle).toContain('Report due before 2024-12-16');
    expect(en.notes[2]).toContain('differencing');
    // An auditor can compute the release again: mechanism, p-table, secret id and log position are stated.
    expect(en.notes[3]).toBe('How published: cell-key noise, p-table ptable-2026-1, secret id 0123456789abcdef; every total is a cell of its own with its own noise and need not equal the sum of its rows; suppression decided once for the whole country per indicator and period; computed at log position 7.');
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

  it('zip: every entry readable back with its name and content (CRC and sizes in the central directory)', () => {
    const archive = zip([
      { name: 'a.xml', data: Buffer.from('<a>Xin chào</a>') },
      { name: 'dir/b.txt', data: Buffer.alloc(5000, 'x') },
    ]);
    const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(archive.readUInt16LE(end + 10)).toBe(2);
    let at = archive.readUInt32LE(end + 16);
    const read: Record<string, string> = {};
    for (let i = 0; i < 2; i += 1) {
      const size = archive.readUInt32LE(at + 20);
      const nameLength = archive.readUInt16LE(at + 28);
      const offset = archive.readUInt32LE(at + 42);
      const name = archive.subarray(at + 46, at + 46 + nameLength).toString();
      const start = offset + 30 + archive.readUInt16LE(offset + 26);
      read[name] = inflateRawSync(archive.subarray(start, start + size)).toString();
      at += 46 + nameLength;
    }
    expect(read).toEqual({ 'a.xml': '<a>Xin chào</a>', 'dir/b.txt': 'x'.repeat(5000) });
  });
});
