import type { EstablishmentType, RiskClass } from '../../establishments/src/domain/establishment.js';
import type { HotspotKind } from '../../hotspots/src/domain/hotspot.js';
import type { TipCategory } from '../../tips/src/domain/tip-types.js';
import type { Random } from './random.js';

/**
 * The free text of the demo cases, in the words case officers use. Neutral about people: texts
 * describe activities and places, never label a person by an offence.
 */
export const ESTABLISHMENT_LABEL: Record<EstablishmentType, string> = {
  karaoke: 'Karaoke',
  massage: 'Cơ sở massage',
  hotel: 'Khách sạn',
  guesthouse: 'Nhà nghỉ',
  bar: 'Quán bar',
  cafe_dim_light: 'Cà phê',
  other: 'Cơ sở dịch vụ',
};

const CATEGORY_ACTIVITY: Record<TipCategory, string> = {
  buying_selling_sex: 'có dấu hiệu hoạt động mua bán dâm',
  brokering: 'có dấu hiệu môi giới mại dâm qua điện thoại và mạng xã hội',
  harbouring: 'có dấu hiệu chứa chấp hoạt động mại dâm',
  organising: 'có dấu hiệu tổ chức hoạt động mại dâm',
  trafficking_for_sexual_exploitation: 'có dấu hiệu mua bán người nhằm mục đích bóc lột tình dục',
  involving_minor: 'có dấu hiệu liên quan đến người dưới 18 tuổi',
};

const PLACES = [
  'khu vực chợ đêm',
  'dãy nhà trọ gần khu công nghiệp',
  'bãi đỗ xe ven quốc lộ',
  'khu vực công viên',
  'một căn hộ cho thuê theo ngày',
];

export function allegation(random: Random, category: TipCategory, place?: string): string {
  const where = place ?? random.pick(PLACES);
  const seen = random.pick(['Người dân phản ánh', 'Có thông tin cho biết', 'Nguồn tin báo', 'Quần chúng nhân dân cung cấp thông tin']);
  const detail = random.pick([
    'thường xuyên vào buổi tối',
    'có nhiều người lạ ra vào',
    'quảng cáo trên mạng xã hội',
    'kéo dài nhiều tuần',
    'vào các ngày cuối tuần',
  ]);
  return `${seen}: tại ${where} ${CATEGORY_ACTIVITY[category]}, ${detail}.`;
}

export const CLASSIFICATION_NOTES = [
  'Đủ căn cứ phân loại, chuyển tổ xác minh',
  'Cần xác minh thêm thông tin về địa điểm',
  'Trùng nội dung với tin báo trước, gộp xác minh',
];
export const VERIFICATION_NOTES = [
  'Đã làm việc với người cung cấp thông tin',
  'Đã kiểm tra thực tế tại địa điểm',
  'Đã phối hợp với công an khu vực',
];
export const SOURCE_AGENCIES = [
  'Ủy ban nhân dân xã',
  'Ban quản lý khu công nghiệp',
  'Đồn Biên phòng',
  'Thanh tra Sở Văn hóa, Thể thao và Du lịch',
  'Mặt trận Tổ quốc xã',
];
export const NOTIFICATION_METHODS = ['phone', 'in_person', 'written', 'electronic'] as const;

export const RISK_REASONS: Record<RiskClass, readonly string[]> = {
  low: ['Hoạt động ổn định, chấp hành tốt quy định', 'Không có phản ánh trong 12 tháng'],
  medium: ['Có phòng kín, hoạt động đến khuya', 'Nhiều khách lưu trú ngắn giờ', 'Đã được nhắc nhở về đăng ký lưu trú'],
  high: ['Có phản ánh của người dân về hoạt động mua bán dâm', 'Vi phạm phát hiện khi kiểm tra', 'Nằm trong khu vực điểm phức tạp'],
};

export const VIOLATION_DESCRIPTIONS = [
  'Phát hiện hoạt động mua bán dâm tại phòng nghỉ, lập biên bản',
  'Người quản lý để xảy ra hoạt động mua bán dâm tại cơ sở',
  'Phòng hát có khóa trong, nhân viên có hành vi khiêu dâm với khách',
  'Không đăng ký lưu trú, phát hiện hoạt động mua bán dâm',
];

export const CLOSURE_NOTES = ['Đã lập hồ sơ, chuyển xử lý', 'Cơ sở chấp hành tốt, kết thúc kiểm tra', 'Đã nhắc nhở, yêu cầu khắc phục'];

export function hotspotLocation(random: Random, kind: HotspotKind, communeName: string): string {
  switch (kind) {
    case 'street':
      return `Đoạn vỉa hè gần ${random.pick(['chợ', 'bến xe', 'cổng khu công nghiệp', 'công viên'])} ${communeName}, hoạt động sau 21 giờ`;
    case 'venue':
      return `Dãy ${random.pick(['nhà nghỉ', 'quán karaoke', 'cơ sở massage'])} trên trục đường chính ${communeName}`;
    case 'online':
      return `Nhóm trên mạng xã hội quảng cáo dịch vụ tại ${communeName}`;
    default:
      return `Khu nhà trọ ven ${random.pick(['sông', 'quốc lộ', 'khu công nghiệp'])} ${communeName}`;
  }
}

export const TREATMENT_PLANS = [
  'Tăng cường tuần tra ban đêm, kiểm tra hành chính cơ sở lưu trú, tuyên truyền tại khu dân cư',
  'Phối hợp Đội 178 kiểm tra đột xuất, vận động chủ cơ sở ký cam kết',
  'Lập chuyên án theo dõi, phối hợp công an tỉnh, truy quét trên không gian mạng',
];
export const REACTIVATION_REASONS = [
  'Tổ dân phố phản ánh hoạt động trở lại',
  'Tuần tra phát hiện hoạt động trở lại',
  'Tin báo mới về địa điểm đã triệt xóa',
];

export const PENALTY_SUMMARIES = [
  'Biên bản lập tại địa điểm kiểm tra',
  'Lập biên bản sau khi xác minh tin báo',
  'Phát hiện khi tuần tra, kiểm soát',
];
export const EXPLANATIONS = [
  'Tôi không biết việc này là vi phạm, xin được xem xét giảm nhẹ',
  'Cơ sở đã chấn chỉnh nhân viên, xin giảm mức phạt',
  'Tôi đề nghị xem xét lại nội dung biên bản',
];
export const COMMITMENT_CLOSURES = [
  'Chủ cơ sở ngừng kinh doanh',
  'Bị thu hồi giấy chứng nhận đủ điều kiện về an ninh, trật tự',
  'Chuyển đổi ngành nghề kinh doanh',
];
