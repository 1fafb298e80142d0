import type { Target } from '../../../statistics/src/domain/targets.js';
import type { PlanData } from '../domain/programme-types.js';

/**
 * The five plans of ../shared/seeds as adopt-plan commands, entered as they are. Every target,
 * reported statistic and due date carries the plan's own Vietnamese words; where words are left
 * out of a quote (" … "), the fragments appear in this order in the file. Quotes never label a
 * person by an offence: where the plan does, the quote stops short of those words.
 * What a plan leaves unsaid is not made up: no adoption date when the copy has none, calendar
 * months when no cut-off is stated (see `notes`).
 */
export interface SeedPlan {
  file: string;
  notes: string[];
  plan: PlanData;
}

const yearly = (indicator: Target['indicator'], value: number, quote: string, extra: Partial<Target> = {}): Target => ({
  indicator,
  comparator: 'at_least',
  value,
  cadence: 'yearly',
  quote,
  ...extra,
});

const HOC_MON_OLD_COMMUNES = ['27559', '27562', '27565', '27568', '27571', '27574', '27577', '27580', '27583', '27586', '27589', '27592'];
const CHUONG_MY_OLD_COMMUNES = [
  '10015',
  '10018',
  '10021',
  '10024',
  '10027',
  '10030',
  '10033',
  '10039',
  '10042',
  '10045',
  '10048',
  '10051',
  '10054',
  '10057',
  '10060',
  '10063',
  '10066',
  '10069',
  '10072',
  '10075',
  '10078',
  '10081',
  '10084',
  '10087',
  '10090',
  '10096',
  '10099',
  '10102',
  '10105',
  '10108',
];

export const SEED_PLANS: readonly SeedPlan[] = [
  {
    file: '000_c9a5a7f377ccb59b.txt',
    notes: [
      'The copy on file has no number or date of its own: documentRef and adoptedOn are left empty.',
      'No statistical cut-off is stated: calendar months. The monthly report is taken to be due before the 10th of the month after.',
      'The former district is entered as its twelve old communes (codes before the 2025 reform).',
    ],
    plan: {
      jurisdiction: '79',
      issuer: { name: 'Ủy ban nhân dân huyện Hóc Môn', level: 'district' },
      title: 'Kế hoạch phòng, chống mại dâm năm 2024 trên địa bàn huyện Hóc Môn',
      documentRef: null,
      adoptedOn: null,
      period: { from: '2024-01-01', to: '2024-12-31' },
      area: { era: 'pre_2025', units: HOC_MON_OLD_COMMUNES, label: 'Huyện Hóc Môn (cũ)' },
      reporting: {
        monthStartsOnDay: 1,
        reports: [
          { period: 'month', dueBefore: { kind: 'day_of_following_month', day: 10 } },
          { period: 'half_year', dueBefore: { kind: 'fixed_date', month: 5, day: 10 } },
          { period: 'nine_months', dueBefore: { kind: 'fixed_date', month: 8, day: 10 } },
          { period: 'year', dueBefore: { kind: 'fixed_date', month: 11, day: 10 } },
        ],
        quote:
          'báo cáo tháng gửi trước ngày 10 hàng tháng, báo cáo 6 tháng gửi trước ngày 10/5, báo cáo 9 tháng gửi trước ngày 10/8, báo cáo năm gửi trước ngày 10/11',
      },
      targets: [
        yearly(
          'website_posts_per_month',
          1,
          'Thông tin về phòng, chống mại dâm được đăng tải trên website huyện ít nhất một tháng một lần',
        ),
        yearly(
          'workers_reached',
          50,
          'cung cấp thông tin, kiến thức về phòng, chống tệ nạn mại dâm cho ít nhất 50% người lao động tại các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm',
        ),
        yearly('students_reached', 70, '70% học sinh các trường trung học phổ thông'),
        yearly(
          'tips_handled_in_time',
          100,
          '100% tố giác, tin báo, khiếu nại hành vi vi phạm pháp luật về phòng, chống mại dâm được tiếp nhận, xác minh, phân loại, xử lý kịp thời',
        ),
        yearly('crimes_handled_change', 3, 'Tăng 3% - 5% số tội phạm liên quan đến mại dâm được xử lý theo quy định của pháp luật', {
          upTo: 5,
        }),
        yearly(
          'at_risk_establishments_inspected',
          20,
          'tổ chức kiểm tra ít nhất 20% số cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm trên địa bàn huyện',
        ),
        yearly(
          'people_in_need_accessed_support',
          100,
          '100% số … có nhu cầu và đủ điều kiện được tiếp cận và sử dụng các dịch vụ hỗ trợ xã hội, hòa nhập cộng đồng',
        ),
        yearly(
          'communes_with_communication',
          100,
          '100% xã, thị trấn tổ chức được ít nhất một hình thức tuyên truyền về phòng, ngừa mại dâm và được duy trì thường xuyên',
        ),
        yearly(
          'communes_with_plan',
          100,
          '100% xã, thị trấn xây dựng kế hoạch và tổ chức thực hiện các hoạt động phòng, chống tệ nạn mại dâm năm 2024',
        ),
        yearly(
          'communes_integrating',
          50,
          'Ít nhất 50% xã, thị trấn lòng ghép nhiệm vụ phòng, chống tệ nạn mại dâm với việc thực hiện các chương trình phát triển kinh tế - xã hội',
        ),
        yearly(
          'communes_with_pilot_models',
          50,
          'Ít nhất 50% xã, thị trấn xây dựng, triển khai mô hình thí điểm về phòng ngừa mại dâm, hỗ trợ can thiệp giảm tác hại, phòng, chống bạo lực trên cơ sở giới',
        ),
        yearly(
          'staff_trained',
          50,
          'Ít nhất 50% đội ngũ cán bộ, công chức, viên chức, chiến sĩ cấp huyện, các cơ quan, đơn vị có liên quan đến lĩnh vực phòng, chống mại dâm được đào tạo, bồi dưỡng, tập huấn',
          { subgroup: 'district' },
        ),
      ],
      reportedStatistics: [],
      untracked: [],
      sourceFile: '000_c9a5a7f377ccb59b.txt',
    },
  },
  {
    file: '001_9e191a2c208f09dc.txt',
    notes: [
      'No report dates are stated ("định kỳ"): no due dates; calendar months.',
      'The province before the 2025 reform (old code 25, whole in today’s Phú Thọ).',
    ],
    plan: {
      jurisdiction: '25',
      issuer: { name: 'Uỷ ban nhân dân tỉnh Phú Thọ', level: 'province' },
      title: 'Kế hoạch thực hiện Chương trình phòng, chống mại dâm năm 2015',
      documentRef: null,
      adoptedOn: null,
      period: { from: '2015-01-01', to: '2015-12-31' },
      area: { era: 'pre_2025', units: ['25'], label: 'Tỉnh Phú Thọ (cũ)' },
      reporting: { monthStartsOnDay: 1, reports: [], quote: null },
      targets: [
        yearly(
          'communes_with_communication',
          100,
          '100% xã, phường, thị trấn thường xuyên tuyên truyền bằng các hình thức phù hợp về tệ nạn mại dâm',
        ),
        yearly(
          'detected_cases_handled',
          100,
          'Đấu tranh, triệt phá, xử lý nghiêm minh 100% số vụ việc, đường dây hoạt động mại dâm được phát hiện',
        ),
      ],
      reportedStatistics: [
        { indicator: 'people_penalised', quote: 'Thống kê quản lý số … bị xử phạt hành chính trên địa bàn tỉnh' },
        {
          indicator: 'communes_with_pilot_models',
          quote: 'Xây dựng các mô hình hỗ trợ, giảm tổn thương và phòng chống lây nhiễm HIV/AIDS',
        },
      ],
      untracked: [
        {
          quote: 'Xây dựng cơ sở dữ liệu quản lý … quản lý danh tính, địa chỉ',
          reason:
            'Not done by design: later plans (002, 004) require confidentiality and non-stigma, so people are counted on pseudonymous keys, never in a register of identities and addresses.',
        },
      ],
      sourceFile: '001_9e191a2c208f09dc.txt',
    },
  },
  {
    file: '002_f7070574cc0f20c9.txt',
    notes: [
      'No number or date of the commune’s own plan on file. No report dates ("định kỳ báo cáo"): none set; calendar months.',
      '"Đến năm 2030 … kiểm tra, rà soát định kỳ" is judged in 2030 (final_year); "được tập huấn" over the whole period (by_end).',
      '"Người có nhu cầu được tiếp cận …" gives no figure: reported, not targeted.',
    ],
    plan: {
      jurisdiction: '18775',
      issuer: { name: 'Ủy ban nhân dân xã Kỳ Anh', level: 'commune' },
      title: 'Kế hoạch triển khai thực hiện Chương trình phòng, chống mại dâm giai đoạn 2026 - 2030 trên địa bàn xã Kỳ Anh',
      documentRef: null,
      adoptedOn: null,
      period: { from: '2026-01-01', to: '2030-12-31' },
      area: { era: 'current', units: ['18775'], label: 'Xã Kỳ Anh' },
      reporting: { monthStartsOnDay: 1, reports: [], quote: null },
      targets: [
        yearly(
          'staff_briefed',
          100,
          '100% cán bộ, công chức, người lao động và các ban, ngành, đoàn thể được phổ biến, quán triệt các văn bản chỉ đạo, quy định về phòng, chống mại dâm',
        ),
        yearly(
          'villages_with_communication',
          100,
          '100% thôn trên địa bàn tổ chức lồng ghép các hoạt động tuyên truyền, phổ biến pháp luật về phòng, chống mại dâm tại các cuộc họp, sinh hoạt cộng đồng',
        ),
        yearly(
          'tips_handled_in_time',
          100,
          '100% tin báo, tố giác, phản ánh liên quan đến các hành vi vi phạm pháp luật về mại dâm được tiếp nhận, phối hợp xác minh và xử lý theo quy định',
        ),
        yearly(
          'at_risk_establishments_reviewed',
          100,
          '100% cơ sở kinh doanh dịch vụ có điều kiện, cơ sở dễ phát sinh tệ nạn xã hội được rà soát, quản lý',
        ),
        yearly(
          'at_risk_establishments_inspected',
          100,
          'Đến năm 2030 … 100% các cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm trên địa bàn được kiểm tra, rà soát định kỳ',
          { cadence: 'final_year' },
        ),
        yearly(
          'staff_trained',
          100,
          '100% cán bộ trực tiếp thực hiện nhiệm vụ phòng, chống tệ nạn xã hội được tập huấn, bồi dưỡng kiến thức, kỹ năng nghiệp vụ',
          { subgroup: 'commune', cadence: 'by_end' },
        ),
      ],
      reportedStatistics: [
        {
          indicator: 'people_in_need_accessed_support',
          quote: 'Người có nhu cầu được tiếp cận các dịch vụ tư vấn, hỗ trợ xã hội, học nghề, việc làm và các dịch vụ trợ giúp phù hợp',
        },
      ],
      untracked: [],
      sourceFile: '002_f7070574cc0f20c9.txt',
    },
  },
  {
    file: '003_8a9538f428947bda.txt',
    notes: [
      'A press summary dated 2022-02, without the plan’s number or date; no report dates; calendar months.',
      'The former district is entered as its thirty old communes (codes before the 2025 reform).',
    ],
    plan: {
      jurisdiction: '01',
      issuer: { name: 'UBND huyện Chương Mỹ', level: 'district' },
      title: 'Kế hoạch phòng, chống mại dâm năm 2022 của huyện Chương Mỹ (bản tóm tắt trên báo)',
      documentRef: null,
      adoptedOn: null,
      period: { from: '2022-01-01', to: '2022-12-31' },
      area: { era: 'pre_2025', units: CHUONG_MY_OLD_COMMUNES, label: 'Huyện Chương Mỹ (cũ)' },
      reporting: { monthStartsOnDay: 1, reports: [], quote: null },
      targets: [
        yearly('hotspots_eradicated', 100, 'Phấn đấu triệt xóa 100% các điểm phức tạp về tệ nạn mại dâm'),
        {
          indicator: 'hotspots_reactivated',
          comparator: 'at_most',
          value: 0,
          cadence: 'yearly',
          quote: 'duy trì để không tái hoạt động trở lại tại các điểm phức tạp về tệ nạn mại dâm đã triệt xóa',
        },
        yearly(
          'at_risk_establishments_inspected',
          80,
          'tổ chức kiểm tra 80% các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm trên địa bàn huyện',
        ),
        yearly(
          'staff_trained',
          20,
          'Tổ chức đào tạo, tập huấn, bồi dưỡng nâng cao năng lực, chuyên môn, nghiệp vụ cho 20% người làm công tác phòng, chống tệ nạn xã hội cấp huyện',
          { subgroup: 'district' },
        ),
        yearly('staff_trained', 10, 'và 10% ở cấp cấp xã', { subgroup: 'commune' }),
        yearly(
          'communes_with_communication',
          100,
          '100% xã, thị trấn trên địa bàn huyện tổ chức được ít nhất là một hình thức tuyên truyền về phòng ngừa mại dâm và được duy trì thường xuyên',
        ),
        yearly(
          'establishments_with_signs_inspected',
          100,
          'các cơ sở có biểu hiện phức tạp về tệ nạn mại dâm phải kiểm tra ít nhất một lần',
        ),
      ],
      reportedStatistics: [
        { indicator: 'people_penalised', quote: 'Thống kê, báo cáo số … bị xử phạt hành chính trên địa bàn xã, thị trấn' },
      ],
      untracked: [],
      sourceFile: '003_8a9538f428947bda.txt',
    },
  },
  {
    file: '004_efce47c321b40815.txt',
    notes: [
      'No number or date of the province’s own plan on file.',
      'The statistical months are taken to start on the 15th (15/12 to 14/12): the plan does not say so, but its due dates (before 16/6 and 16/12) fall right after a 14th cut-off. Revise the plan if the province uses calendar months.',
      '"Đến năm 2030" targets are counted over the whole period (by_end).',
    ],
    plan: {
      jurisdiction: '52',
      issuer: { name: 'UBND tỉnh Gia Lai', level: 'province' },
      title: 'Kế hoạch thực hiện Chương trình phòng, chống mại dâm trên địa bàn tỉnh Gia Lai giai đoạn 2026-2030',
      documentRef: null,
      adoptedOn: null,
      period: { from: '2026-01-01', to: '2030-12-31' },
      area: { era: 'current', units: ['52'], label: 'Tỉnh Gia Lai' },
      reporting: {
        monthStartsOnDay: 15,
        reports: [
          { period: 'half_year', dueBefore: { kind: 'fixed_date', month: 6, day: 16 } },
          { period: 'year', dueBefore: { kind: 'fixed_date', month: 12, day: 16 } },
        ],
        quote: 'định kỳ báo cáo kết quả thực hiện 6 tháng (trước ngày 16/6) và báo cáo năm (trước ngày 16/12)',
      },
      targets: [
        yearly(
          'communes_with_plan',
          100,
          '100% Sở, ngành liên quan và UBND xã, phường xây dựng, tổ chức thực hiện kế hoạch triển khai Chương trình',
        ),
        yearly(
          'communes_with_communication',
          90,
          '90% xã, phường tổ chức hoạt động truyền thông, tuyên truyền về phòng, chống mại dâm phù hợp với địa bàn, nhóm đối tượng và được duy trì thường xuyên',
        ),
        yearly(
          'people_in_need_accessed_support',
          70,
          'Ít nhất 70% … có nhu cầu và đủ điều kiện được tiếp cận các biện pháp can thiệp giảm hại và hỗ trợ hòa nhập cộng đồng',
        ),
        yearly(
          'communes_integrating',
          100,
          '100% xã, phường lồng ghép nhiệm vụ phòng, chống tệ nạn mại dâm với việc thực hiện các chương trình phát triển kinh tế - xã hội tại địa phương',
        ),
        yearly(
          'tips_handled_in_time',
          100,
          '100% tin tố giác, tin báo, khiếu nại về hành vi vi phạm pháp luật trong phòng, chống mại dâm được tiếp nhận, xác minh, phân loại, xử lý kịp thời',
        ),
        yearly(
          'prosecution_files_resolved',
          100,
          '100% các vụ án được cơ quan điều tra chuyển hồ sơ đề nghị truy tố được giải quyết đúng quy định pháp luật',
        ),
        {
          indicator: 'hotspots_formed_or_reformed',
          comparator: 'at_most',
          value: 0,
          cadence: 'yearly',
          quote: 'không để hình thành hoặc tái hình thành các điểm, địa bàn phức tạp về mại dâm',
        },
        yearly(
          'at_risk_establishments_inspected',
          95,
          '95% số cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm được rà soát, phân loại, đưa vào diện quản lý được kiểm tra ít nhất một lần',
          { cadence: 'by_end' },
        ),
        yearly('staff_trained', 80, '80% đội ngũ cán bộ, công chức, viên chức, chiến sĩ thực hiện nhiệm vụ phòng, chống mại dâm cấp tỉnh', {
          subgroup: 'province',
          cadence: 'by_end',
        }),
        yearly('staff_trained', 60, '60% đội ngũ này tại cấp xã được tập huấn, bồi dưỡng kiến thức, kỹ năng nghiệp vụ', {
          subgroup: 'commune',
          cadence: 'by_end',
        }),
      ],
      reportedStatistics: [],
      untracked: [
        {
          quote:
            '100% xã, phường ban hành các văn bản theo thẩm quyền để bảo đảm triển khai, thực hiện hiệu quả công tác phòng, chống mại dâm',
          reason: 'No context records the documents a commune issues yet; the target is kept with the plan, not computed.',
        },
      ],
      sourceFile: '004_efce47c321b40815.txt',
    },
  },
];
