import { REFORM_2025_EFFECTIVE_FROM, vietnamRoot, type JurisdictionUnit, type OldUnitMapping } from './domain/jurisdiction-unit.js';

/*
 * A hand-picked handful of the units in force since 1 July 2025, so the platform runs with
 * nothing imported: the provinces and communes the five seed plans are about. Codes and names
 * are the official ones (as in vn_units_2026-07-25.json); `import-units` replaces this set with
 * the full list. The mapping data has no district level, so "the communes that replaced a former
 * district" are the targets of that district's old communes:
 * - Chương Mỹ (Hà Nội): old communes 10015–10108 → Chương Mỹ, Phú Nghĩa, Xuân Mai, Quảng Bị,
 *   Trần Phú, Hoà Phú, and part of Bình Minh (old Lam Điền was split).
 * - Hóc Môn (Hồ Chí Minh): old communes 27559–27592 → Hóc Môn, Đông Thạnh, Xuân Thới Sơn, Bà Điểm.
 * - Kỳ Anh (Hà Tĩnh): the commune issuing plan 002, from old Kỳ Phú, Kỳ Tiến, Kỳ Giang, Kỳ Đồng.
 * - Gia Lai (plan 004, which reports on "Bình Định (cũ)" and "Gia Lai (cũ)"): Pleiku, An Khê, Quy Nhơn.
 * - Phú Thọ (plan 001; now also old Vĩnh Phúc and Hoà Bình): Việt Trì, Vĩnh Yên, Hoà Bình.
 */

type ProvinceRow = [code: string, name: string, nameEn: string, fullName: string];
type CommuneRow = [code: string, provinceCode: string, name: string, nameEn: string, fullName: string];
type OldProvinceRow = [oldCode: string, oldName: string, newCode: string];
type OldCommuneRow = [oldCode: string, oldProvinceCode: string, oldName: string, newCodes: string[]];

const PROVINCES: ProvinceRow[] = [
  ['01', 'Hà Nội', 'Hanoi', 'Thành phố Hà Nội'],
  ['25', 'Phú Thọ', 'Phu Tho', 'Tỉnh Phú Thọ'],
  ['42', 'Hà Tĩnh', 'Ha Tinh', 'Tỉnh Hà Tĩnh'],
  ['52', 'Gia Lai', 'Gia Lai', 'Tỉnh Gia Lai'],
  ['79', 'Hồ Chí Minh', 'Ho Chi Minh', 'Thành phố Hồ Chí Minh'],
];

const COMMUNES: CommuneRow[] = [
  ['04795', '25', 'Hoà Bình', 'Hoa Binh', 'Phường Hoà Bình'],
  ['07900', '25', 'Việt Trì', 'Viet Tri', 'Phường Việt Trì'],
  ['08707', '25', 'Vĩnh Yên', 'Vinh Yen', 'Phường Vĩnh Yên'],
  ['10015', '01', 'Chương Mỹ', 'Chuong My', 'Phường Chương Mỹ'],
  ['10030', '01', 'Phú Nghĩa', 'Phu Nghia', 'Xã Phú Nghĩa'],
  ['10045', '01', 'Xuân Mai', 'Xuan Mai', 'Xã Xuân Mai'],
  ['10072', '01', 'Quảng Bị', 'Quang Bi', 'Xã Quảng Bị'],
  ['10081', '01', 'Trần Phú', 'Tran Phu', 'Xã Trần Phú'],
  ['10096', '01', 'Hoà Phú', 'Hoa Phu', 'Xã Hoà Phú'],
  ['10126', '01', 'Bình Minh', 'Binh Minh', 'Xã Bình Minh'],
  ['18775', '42', 'Kỳ Anh', 'Ky Anh', 'Xã Kỳ Anh'],
  ['21583', '52', 'Quy Nhơn', 'Quy Nhon', 'Phường Quy Nhơn'],
  ['23575', '52', 'Pleiku', 'Pleiku', 'Phường Pleiku'],
  ['23617', '52', 'An Khê', 'An Khe', 'Phường An Khê'],
  ['27559', '79', 'Hóc Môn', 'Hoc Mon', 'Xã Hóc Môn'],
  ['27568', '79', 'Đông Thạnh', 'Dong Thanh', 'Xã Đông Thạnh'],
  ['27577', '79', 'Xuân Thới Sơn', 'Xuan Thoi Son', 'Xã Xuân Thới Sơn'],
  ['27592', '79', 'Bà Điểm', 'Ba Diem', 'Xã Bà Điểm'],
];

/** Every pre-reform province went whole into one new province. */
const OLD_PROVINCES: OldProvinceRow[] = [
  ['01', 'Thành phố Hà Nội', '01'],
  ['17', 'Tỉnh Hoà Bình', '25'],
  ['25', 'Tỉnh Phú Thọ', '25'],
  ['26', 'Tỉnh Vĩnh Phúc', '25'],
  ['42', 'Tỉnh Hà Tĩnh', '42'],
  ['52', 'Tỉnh Bình Định', '52'],
  ['64', 'Tỉnh Gia Lai', '52'],
  ['79', 'Thành phố Hồ Chí Minh', '79'],
];

/** Old communes of the former Chương Mỹ and Hóc Môn districts, and those that formed Kỳ Anh commune. */
const OLD_COMMUNES: OldCommuneRow[] = [
  ['10015', '01', 'Thị trấn Chúc Sơn', ['10015']],
  ['10018', '01', 'Thị trấn Xuân Mai', ['10045']],
  ['10021', '01', 'Xã Phụng Châu', ['10015']],
  ['10024', '01', 'Xã Tiên Phương', ['10015']],
  ['10027', '01', 'Xã Đông Sơn', ['10030']],
  ['10030', '01', 'Xã Đông Phương Yên', ['10030']],
  ['10033', '01', 'Xã Phú Nghĩa', ['10030']],
  ['10039', '01', 'Xã Trường Yên', ['10030']],
  ['10042', '01', 'Xã Ngọc Hòa', ['10015']],
  ['10045', '01', 'Xã Thủy Xuân Tiên', ['10045']],
  ['10048', '01', 'Xã Thanh Bình', ['10030']],
  ['10051', '01', 'Xã Trung Hòa', ['10030']],
  ['10054', '01', 'Xã Đại Yên', ['10015']],
  ['10057', '01', 'Xã Thụy Hương', ['10015']],
  ['10060', '01', 'Xã Tốt Động', ['10072']],
  ['10063', '01', 'Xã Lam Điền', ['10126', '10072']],
  ['10066', '01', 'Xã Tân Tiến', ['10045', '10081']],
  ['10069', '01', 'Xã Nam Phương Tiến', ['10045']],
  ['10072', '01', 'Xã Hợp Đồng', ['10072']],
  ['10075', '01', 'Xã Hoàng Văn Thụ', ['10081']],
  ['10078', '01', 'Xã Hoàng Diệu', ['10072']],
  ['10081', '01', 'Xã Hữu Văn', ['10081']],
  ['10084', '01', 'Xã Quảng Bị', ['10072']],
  ['10087', '01', 'Xã Mỹ Lương', ['10081']],
  ['10090', '01', 'Xã Thượng Vực', ['10096']],
  ['10096', '01', 'Xã Hồng Phú', ['10096']],
  ['10099', '01', 'Xã Trần Phú', ['10081']],
  ['10102', '01', 'Xã Văn Võ', ['10096']],
  ['10105', '01', 'Xã Đồng Lạc', ['10096']],
  ['10108', '01', 'Xã Hòa Phú', ['10096']],
  ['27559', '79', 'Thị trấn Hóc Môn', ['27559']],
  ['27562', '79', 'Xã Tân Hiệp', ['27559']],
  ['27565', '79', 'Xã Nhị Bình', ['27568']],
  ['27568', '79', 'Xã Đông Thạnh', ['27568']],
  ['27571', '79', 'Xã Tân Thới Nhì', ['27577']],
  ['27574', '79', 'Xã Thới Tam Thôn', ['27568']],
  ['27577', '79', 'Xã Xuân Thới Sơn', ['27577']],
  ['27580', '79', 'Xã Tân Xuân', ['27559']],
  ['27583', '79', 'Xã Xuân Thới Đông', ['27577']],
  ['27586', '79', 'Xã Trung Chánh', ['27592']],
  ['27589', '79', 'Xã Xuân Thới Thượng', ['27592']],
  ['27592', '79', 'Xã Bà Điểm', ['27592']],
  ['18763', '42', 'Xã Kỳ Phú', ['18775']],
  ['18769', '42', 'Xã Kỳ Tiến', ['18775']],
  ['18772', '42', 'Xã Kỳ Giang', ['18775']],
  ['18775', '42', 'Thị trấn Kỳ Đồng', ['18775']],
];

const FROM = REFORM_2025_EFFECTIVE_FROM;

export const BUILT_IN_UNITS: readonly JurisdictionUnit[] = [
  vietnamRoot(FROM),
  ...PROVINCES.map(([code, name, nameEn, fullName]): JurisdictionUnit => ({
    code,
    level: 'province',
    name,
    nameEn,
    fullName,
    parentCode: 'VN',
    validFrom: FROM,
    validTo: null,
  })),
  ...COMMUNES.map(([code, parentCode, name, nameEn, fullName]): JurisdictionUnit => ({
    code,
    level: 'commune',
    name,
    nameEn,
    fullName,
    parentCode,
    validFrom: FROM,
    validTo: null,
  })),
];

export const BUILT_IN_MAPPINGS: readonly OldUnitMapping[] = [
  ...OLD_PROVINCES.map(([oldCode, oldName, newCode]): OldUnitMapping => ({
    oldCode,
    oldLevel: 'province',
    oldName,
    oldProvinceCode: null,
    newCode,
    kind: 'full',
    effectiveFrom: FROM,
  })),
  // An old commune spread over several new ones is partial in each (as the source data marks it).
  ...OLD_COMMUNES.flatMap(([oldCode, oldProvinceCode, oldName, newCodes]) =>
    newCodes.map((newCode): OldUnitMapping => ({
      oldCode,
      oldLevel: 'commune',
      oldName,
      oldProvinceCode,
      newCode,
      kind: newCodes.length > 1 ? 'partial' : 'full',
      effectiveFrom: FROM,
    })),
  ),
];
