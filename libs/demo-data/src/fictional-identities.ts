import type { Random } from './random.js';

/**
 * Vietnamese-looking, made-up identities, assembled from syllable lists: no list of real people
 * is used. Identity numbers start with 000 (no province has that code) and phone numbers with
 * 0100 (not an allocated prefix), so a demo record can never be mistaken for a real one.
 */
const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trương',
  'Lương',
  'Tạ',
];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Xuân', 'Công', 'Thành', 'Gia', 'Bảo'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Minh', 'Diệu', 'Mỹ', 'Bích', 'Hồng'];
const GIVEN_MALE = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hùng',
  'Huy',
  'Khánh',
  'Khoa',
  'Long',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Tài',
  'Thắng',
  'Tuấn',
  'Việt',
  'Vinh',
];
const GIVEN_FEMALE = [
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phương',
  'Quỳnh',
  'Tâm',
  'Thảo',
  'Trang',
  'Vân',
  'Yến',
];
/** Pleasant words Vietnamese shop and street names are made of. */
const WORDS = [
  'Hoa',
  'Sen',
  'Mai',
  'Lan',
  'Sao',
  'Biển',
  'Ngọc',
  'Minh',
  'Phúc',
  'Thịnh',
  'An',
  'Bình',
  'Hồng',
  'Thanh',
  'Tâm',
  'Kim',
  'Long',
  'Phát',
  'Hưng',
  'Nguyệt',
  'Hà',
  'Thu',
  'Hải',
  'Đông',
  'Vân',
  'Lộc',
  'Tường',
  'Vy',
  'Quế',
  'Trúc',
];
const STREET_WORDS = [
  'Lạc',
  'Thịnh',
  'Hòa',
  'Phong',
  'Đồng',
  'Tân',
  'Khánh',
  'Gia',
  'Hưng',
  'Phú',
  'Trung',
  'Văn',
  'Lâm',
  'Sơn',
  'Thuận',
  'Cát',
  'Tiến',
  'Đức',
];

export type Gender = 'male' | 'female';

export function personName(random: Random, gender: Gender = random.chance(0.5) ? 'male' : 'female'): string {
  const middle = gender === 'male' ? MIDDLE_MALE : MIDDLE_FEMALE;
  const given = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  return `${random.pick(FAMILY)} ${random.pick(middle)} ${random.pick(given)}`;
}

export function phoneNumber(random: Random): string {
  return `0100 ${random.digits(3)} ${random.digits(3)}`;
}

/** A 12-digit citizen identity number with the impossible province code 000. */
export function identityNumber(random: Random): string {
  return `000${random.digits(9)}`;
}

/** An enterprise registration code of an organisation, 000 then 7 digits. */
export function enterpriseCode(random: Random): string {
  return `000${random.digits(7)}`;
}

export function twoWordName(random: Random, words: readonly string[] = WORDS): string {
  const [first, second] = random.sample(words, 2);
  return `${first} ${second}`;
}

export function streetAddress(random: Random, communeFullName: string): string {
  const street = `đường ${twoWordName(random, STREET_WORDS)}`;
  const place = random.chance(0.3) ? `ngõ ${random.int(2, 180)} ${street}` : street;
  return `Số ${random.int(1, 320)}, ${place}, ${communeFullName}`;
}

export function organisationName(random: Random): string {
  return `Công ty TNHH ${random.pick(['Dịch vụ', 'Thương mại', 'Du lịch', 'Giải trí'])} ${twoWordName(random)}`;
}
