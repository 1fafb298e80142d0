import type { FactKind } from './facts.js';

/**
 * Every indicator (chỉ tiêu) of the plans, as data: the rows of domain.md's indicator table, with
 * what is counted above and below the line and which facts feed it.
 */
export const INDICATOR_CODES = [
  'tips_handled_in_time',
  'at_risk_establishments_inspected',
  'at_risk_establishments_reviewed',
  'establishments_with_signs_inspected',
  'people_in_need_accessed_support',
  'hotspots_eradicated',
  'hotspots_reactivated',
  'hotspots_formed_or_reformed',
  'crimes_handled_change',
  'prosecution_files_resolved',
  'detected_cases_handled',
  'communes_with_communication',
  'villages_with_communication',
  'communes_with_plan',
  'communes_integrating',
  'communes_with_pilot_models',
  'staff_trained',
  'staff_briefed',
  'workers_reached',
  'students_reached',
  'website_posts_per_month',
  'people_penalised',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/**
 * percent: numerator / denominator × 100. count: a number of records. count_per_month: the
 * fewest in any month of the period (a "≥ 1 per month" target needs every month). percent_change:
 * (this period − the same period a year before) / the year before × 100.
 */
export type Measure = 'percent' | 'count' | 'count_per_month' | 'percent_change';

type Words = { en: string; vi: string };

export interface IndicatorDefinition {
  code: IndicatorCode;
  name: Words;
  measure: Measure;
  numerator: Words;
  denominator: Words | null;
  facts: readonly FactKind[];
  /** Counted on people: published only through disclosure control, never below commune level. */
  personBased: boolean;
  /** staff_trained is asked per level of staff (province, district, commune). */
  bySubgroup?: true;
}

const w = (en: string, vi: string): Words => ({ en, vi });

const DEFINITIONS: Record<IndicatorCode, Omit<IndicatorDefinition, 'code'>> = {
  tips_handled_in_time: {
    name: w(
      'Tips received, verified, classified and handled in time',
      'Tố giác, tin báo được tiếp nhận, xác minh, phân loại, xử lý kịp thời',
    ),
    measure: 'percent',
    numerator: w('tips received in the period with no legal time limit missed', 'tin nhận trong kỳ không trễ thời hạn luật định nào'),
    denominator: w('tips received in the period', 'tin nhận trong kỳ'),
    facts: ['tip'],
    personBased: false,
  },
  at_risk_establishments_inspected: {
    name: w('At-risk establishments inspected', 'Cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm được kiểm tra'),
    measure: 'percent',
    numerator: w(
      'of those, establishments inspected at least once in the period',
      'trong đó, số cơ sở được kiểm tra ít nhất một lần trong kỳ',
    ),
    denominator: w('at-risk establishments operating at some time in the period', 'cơ sở dễ phát sinh tệ nạn hoạt động trong kỳ'),
    facts: ['establishment_at_risk', 'establishment_inspected'],
    personBased: false,
  },
  at_risk_establishments_reviewed: {
    name: w('At-risk establishments reviewed and classified', 'Cơ sở dễ phát sinh tệ nạn được rà soát, phân loại, quản lý'),
    measure: 'percent',
    numerator: w(
      'of those, establishments reviewed at least once in the period',
      'trong đó, số cơ sở được rà soát ít nhất một lần trong kỳ',
    ),
    denominator: w('at-risk establishments operating at some time in the period', 'cơ sở dễ phát sinh tệ nạn hoạt động trong kỳ'),
    facts: ['establishment_at_risk', 'establishment_reviewed'],
    personBased: false,
  },
  establishments_with_signs_inspected: {
    name: w('Establishments with signs of trouble inspected at least once', 'Cơ sở có biểu hiện phức tạp được kiểm tra ít nhất một lần'),
    measure: 'percent',
    numerator: w(
      'of those, establishments inspected in the period after the signs were noted',
      'trong đó, số cơ sở được kiểm tra trong kỳ sau khi có biểu hiện',
    ),
    denominator: w('establishments showing signs of trouble at some time in the period', 'cơ sở có biểu hiện phức tạp trong kỳ'),
    facts: ['establishment_with_signs', 'establishment_inspected'],
    personBased: false,
  },
  people_in_need_accessed_support: {
    name: w('People in need and eligible who accessed support', 'Người có nhu cầu và đủ điều kiện được tiếp cận dịch vụ hỗ trợ'),
    measure: 'percent',
    numerator: w('of those, people who used a support service in the period', 'trong đó, số người đã sử dụng dịch vụ hỗ trợ trong kỳ'),
    denominator: w(
      'service users assessed in need and eligible, their need open at some time in the period (distinct people)',
      'người được hỗ trợ được đánh giá có nhu cầu và đủ điều kiện trong kỳ (không trùng người)',
    ),
    facts: ['support_need', 'support_access'],
    personBased: true,
  },
  hotspots_eradicated: {
    name: w('Complex spots eradicated', 'Điểm phức tạp về mại dâm được triệt xóa'),
    measure: 'percent',
    numerator: w('of those, spots eradicated at the end of the period', 'trong đó, số điểm đã triệt xóa vào cuối kỳ'),
    denominator: w('spots active (not eradicated) at some time in the period', 'điểm phức tạp còn hoạt động trong kỳ'),
    facts: ['hotspot_status'],
    personBased: false,
  },
  hotspots_reactivated: {
    name: w('Eradicated complex spots re-activated', 'Điểm phức tạp đã triệt xóa tái hoạt động'),
    measure: 'count',
    numerator: w('re-activations recorded in the period', 'số lần tái hoạt động trong kỳ'),
    denominator: null,
    facts: ['hotspot_status'],
    personBased: false,
  },
  hotspots_formed_or_reformed: {
    name: w('Complex spots formed or re-formed', 'Điểm phức tạp hình thành hoặc tái hình thành'),
    measure: 'count',
    numerator: w('spots identified or re-activated in the period', 'số điểm phát hiện mới hoặc tái hoạt động trong kỳ'),
    denominator: null,
    facts: ['hotspot_status'],
    personBased: false,
  },
  crimes_handled_change: {
    name: w('Change in crimes related to prostitution handled', 'Mức tăng số tội phạm liên quan đến mại dâm được xử lý'),
    measure: 'percent_change',
    numerator: w('crimes handled in the period', 'số tội phạm được xử lý trong kỳ'),
    denominator: w('crimes handled in the same period a year before', 'số tội phạm được xử lý cùng kỳ năm trước'),
    facts: ['crime_handled'],
    personBased: false,
  },
  prosecution_files_resolved: {
    name: w('Files sent for prosecution resolved lawfully', 'Vụ án chuyển hồ sơ đề nghị truy tố được giải quyết đúng quy định'),
    measure: 'percent',
    numerator: w('of those, files resolved lawfully', 'trong đó, số vụ được giải quyết đúng quy định'),
    denominator: w('files sent for prosecution in the period', 'số vụ chuyển hồ sơ đề nghị truy tố trong kỳ'),
    facts: ['prosecution_file'],
    personBased: false,
  },
  detected_cases_handled: {
    name: w('Detected cases and rings handled', 'Vụ việc, đường dây được phát hiện đã được xử lý'),
    measure: 'percent',
    numerator: w('of those, cases handled', 'trong đó, số vụ việc đã xử lý'),
    denominator: w('cases and rings detected in the period', 'số vụ việc, đường dây phát hiện trong kỳ'),
    facts: ['detected_case'],
    personBased: false,
  },
  communes_with_communication: {
    name: w(
      'Communes with at least one regular form of communication',
      'Xã, phường có ít nhất một hình thức tuyên truyền được duy trì thường xuyên',
    ),
    measure: 'percent',
    numerator: w(
      'communes with a regular (recurring) communication activity in the period',
      'số xã có hoạt động tuyên truyền thường xuyên trong kỳ',
    ),
    denominator: w('communes in the area', 'số xã trên địa bàn'),
    facts: ['communication'],
    personBased: false,
  },
  villages_with_communication: {
    name: w('Villages where communication was held', 'Thôn tổ chức lồng ghép tuyên truyền'),
    measure: 'percent',
    numerator: w(
      'distinct villages named in communication activities of the period',
      'số thôn (không trùng) có hoạt động tuyên truyền trong kỳ',
    ),
    denominator: w('villages of the area (reference figure)', 'số thôn trên địa bàn (số liệu nền)'),
    facts: ['communication', 'reference_figures'],
    personBased: false,
  },
  communes_with_plan: {
    name: w('Communes with a plan', 'Xã, phường xây dựng kế hoạch'),
    measure: 'percent',
    numerator: w('communes whose own plan covers the period', 'số xã có kế hoạch của mình cho kỳ'),
    denominator: w('communes in the area', 'số xã trên địa bàn'),
    facts: ['plan_adopted'],
    personBased: false,
  },
  communes_integrating: {
    name: w(
      'Communes integrating the task into socio-economic programmes',
      'Xã, phường lồng ghép nhiệm vụ với các chương trình phát triển kinh tế - xã hội',
    ),
    measure: 'percent',
    numerator: w('communes that recorded an integration in the period', 'số xã ghi nhận lồng ghép trong kỳ'),
    denominator: w('communes in the area', 'số xã trên địa bàn'),
    facts: ['integration'],
    personBased: false,
  },
  communes_with_pilot_models: {
    name: w('Communes running pilot models', 'Xã, phường triển khai mô hình thí điểm'),
    measure: 'percent',
    numerator: w('communes with a pilot model running at some time in the period', 'số xã có mô hình thí điểm hoạt động trong kỳ'),
    denominator: w('communes in the area', 'số xã trên địa bàn'),
    facts: ['pilot_model'],
    personBased: false,
  },
  staff_trained: {
    name: w('Staff trained', 'Cán bộ được đào tạo, tập huấn'),
    measure: 'percent',
    numerator: w(
      'staff of the level trained in the period (as the trainings report them)',
      'số cán bộ cấp tương ứng được tập huấn trong kỳ',
    ),
    denominator: w(
      'staff of that level working on the programme (reference figure)',
      'số cán bộ cấp đó làm công tác phòng, chống mại dâm (số liệu nền)',
    ),
    facts: ['training', 'reference_figures'],
    personBased: false,
    bySubgroup: true,
  },
  staff_briefed: {
    name: w('Officials briefed on the programme documents', 'Cán bộ, công chức được phổ biến, quán triệt văn bản'),
    measure: 'percent',
    numerator: w('officials reached by communication for officials in the period', 'số cán bộ được phổ biến trong kỳ'),
    denominator: w('officials and staff of the area (reference figure)', 'số cán bộ, công chức, người lao động (số liệu nền)'),
    facts: ['communication', 'reference_figures'],
    personBased: false,
  },
  workers_reached: {
    name: w('Workers at at-risk establishments reached by communication', 'Người lao động tại cơ sở dễ phát sinh tệ nạn được tuyên truyền'),
    measure: 'percent',
    numerator: w('workers reached in the period', 'số người lao động được tuyên truyền trong kỳ'),
    denominator: w('workers at at-risk establishments (reference figure)', 'số người lao động tại các cơ sở (số liệu nền)'),
    facts: ['communication', 'reference_figures'],
    personBased: false,
  },
  students_reached: {
    name: w('High-school students reached', 'Học sinh trung học phổ thông được tuyên truyền'),
    measure: 'percent',
    numerator: w('students reached in the period', 'số học sinh được tuyên truyền trong kỳ'),
    denominator: w('high-school students (reference figure)', 'số học sinh THPT (số liệu nền)'),
    facts: ['communication', 'reference_figures'],
    personBased: false,
  },
  website_posts_per_month: {
    name: w('Website posts on the topic per month', 'Tin bài đăng trên trang thông tin điện tử mỗi tháng'),
    measure: 'count_per_month',
    numerator: w('posts in the period', 'số tin bài trong kỳ'),
    denominator: w('months of the period so far', 'số tháng của kỳ tính đến nay'),
    facts: ['website_post'],
    personBased: false,
  },
  people_penalised: {
    name: w('People administratively penalised', 'Số người bị xử phạt vi phạm hành chính'),
    measure: 'count',
    numerator: w('distinct people with a penalty decision in the period', 'số người (không trùng) bị ra quyết định xử phạt trong kỳ'),
    denominator: null,
    facts: ['person_penalised'],
    personBased: true,
  },
};

export const INDICATORS: Readonly<Record<IndicatorCode, IndicatorDefinition>> = Object.freeze(
  Object.fromEntries(INDICATOR_CODES.map((code) => [code, Object.freeze({ code, ...DEFINITIONS[code] })])) as Record<
    IndicatorCode,
    IndicatorDefinition
  >,
);

export function isIndicatorCode(value: unknown): value is IndicatorCode {
  return typeof value === 'string' && (INDICATOR_CODES as readonly string[]).includes(value);
}
