import type { ActTable } from '../penalty-reference.js';

const POLICE = ['sanctioning_official', 'police_supervisor'];
const CHAIRS = ['sanctioning_official'];
// Where each position exists: commune chairs and chiefs only in a commune; provincial heads only in a province; police on duty and station or team heads in either.
const COMMUNE = ['commune'] as const;
const PROVINCE = ['province'] as const;
const ANY_LEVEL = ['commune', 'province'] as const;

/**
 * Decree 282/2025/NĐ-CP, prevention and control of prostitution (arts. 32-35), in force from
 * 15/12/2025, replacing Decree 144/2021/NĐ-CP. Fines for individuals; organisations ×2. Figures as
 * summarised in ../shared/design/domain.md: verify against the gazetted text before go-live.
 *
 * Decree 144/2021 is deliberately absent: its figures could not be stated reliably here, so a
 * violation dated before 15/12/2025 is refused as not covered by any table (add its table here,
 * with effectiveUntil '2025-12-15', to handle such cases).
 */
export const DECREE_282_2025: ActTable = {
  id: 'decree-282-2025',
  sourceEn: 'Decree 282/2025/NĐ-CP',
  sourceVi: 'Nghị định 282/2025/NĐ-CP',
  effectiveFrom: '2025-12-15',
  effectiveUntil: null,
  organisationMultiplier: 2,
  acts: [
    {
      code: '32',
      titleEn: 'buying sex',
      titleVi: 'mua dâm',
      bracket: { min: 1_000_000, max: 2_000_000, warningAllowed: false },
      withMultiplePeople: { min: 2_000_000, max: 5_000_000, warningAllowed: false },
      additionalMeasures: ['confiscation'],
    },
    {
      code: '33',
      titleEn: 'selling sex',
      titleVi: 'bán dâm',
      bracket: { min: 300_000, max: 500_000, warningAllowed: true },
      withMultiplePeople: { min: 1_000_000, max: 2_000_000, warningAllowed: false },
      additionalMeasures: ['confiscation', 'expulsion'],
    },
    {
      code: '34.1',
      titleEn: 'buying or selling erotic or sexual-stimulation services',
      titleVi: 'mua, bán dịch vụ khiêu dâm, kích dục',
      bracket: { min: 300_000, max: 500_000, warningAllowed: true },
      withMultiplePeople: null,
      additionalMeasures: ['return_illegal_gains'],
    },
    {
      code: '34.2',
      titleEn: 'hiding or protecting prostitution',
      titleVi: 'che giấu, bảo kê hoạt động mại dâm',
      bracket: { min: 5_000_000, max: 10_000_000, warningAllowed: false },
      withMultiplePeople: null,
      additionalMeasures: [],
    },
    {
      code: '34.3',
      titleEn: 'helping, luring, inciting or forcing others into prostitution',
      titleVi: 'giúp sức, lôi kéo, xúi giục, ép buộc người khác hoạt động mại dâm',
      bracket: { min: 10_000_000, max: 20_000_000, warningAllowed: false },
      withMultiplePeople: null,
      additionalMeasures: [],
    },
    {
      code: '34.4',
      titleEn: 'using force to protect prostitution, funding or brokering it (not a crime)',
      titleVi: 'dùng vũ lực bảo kê, tài trợ, môi giới mại dâm (chưa đến mức truy cứu trách nhiệm hình sự)',
      bracket: { min: 30_000_000, max: 50_000_000, warningAllowed: false },
      withMultiplePeople: null,
      additionalMeasures: [],
    },
    {
      code: '34.5',
      titleEn: 'abusing office to protect prostitution',
      titleVi: 'lợi dụng chức vụ, quyền hạn bảo kê hoạt động mại dâm',
      bracket: { min: 50_000_000, max: 75_000_000, warningAllowed: false },
      withMultiplePeople: null,
      additionalMeasures: [],
    },
    {
      code: '35.1',
      titleEn: 'business manager letting prostitution happen on the premises',
      titleVi: 'người quản lý cơ sở kinh doanh để xảy ra hoạt động mại dâm tại cơ sở',
      bracket: { min: 20_000_000, max: 30_000_000, warningAllowed: false },
      withMultiplePeople: null,
      additionalMeasures: ['security_permit_withdrawal'],
    },
    {
      code: '35.2',
      titleEn: 'using sex as a business method',
      titleVi: 'lợi dụng hoạt động tình dục làm phương thức kinh doanh',
      bracket: { min: 30_000_000, max: 40_000_000, warningAllowed: false },
      withMultiplePeople: null,
      additionalMeasures: ['security_permit_withdrawal', 'return_illegal_gains'],
    },
  ],
  competence: [
    {
      position: 'police_officer_on_duty',
      titleEn: 'police officer on duty',
      titleVi: 'chiến sĩ Công an nhân dân đang thi hành công vụ',
      individualLimit: 7_500_000,
      statedBy: POLICE,
      heldAt: ANY_LEVEL,
    },
    {
      position: 'police_station_or_team_head',
      titleEn: 'police station or team head',
      titleVi: 'trưởng đồn, đội trưởng Công an',
      individualLimit: 22_500_000,
      statedBy: POLICE,
      heldAt: ANY_LEVEL,
    },
    {
      position: 'commune_people_committee_chair',
      titleEn: 'commune People’s Committee chair',
      titleVi: 'Chủ tịch Ủy ban nhân dân cấp xã',
      individualLimit: 37_500_000,
      statedBy: CHAIRS,
      heldAt: COMMUNE,
    },
    {
      position: 'commune_police_chief',
      titleEn: 'commune police chief',
      titleVi: 'Trưởng Công an cấp xã',
      individualLimit: 37_500_000,
      statedBy: POLICE,
      heldAt: COMMUNE,
    },
    {
      position: 'provincial_police_department_head',
      titleEn: 'provincial police department head',
      titleVi: 'Trưởng phòng nghiệp vụ Công an cấp tỉnh',
      individualLimit: 60_000_000,
      statedBy: POLICE,
      heldAt: PROVINCE,
    },
    {
      position: 'provincial_people_committee_chair',
      titleEn: 'provincial People’s Committee chair',
      titleVi: 'Chủ tịch Ủy ban nhân dân cấp tỉnh',
      individualLimit: 75_000_000,
      statedBy: CHAIRS,
      heldAt: PROVINCE,
    },
    {
      position: 'provincial_police_director',
      titleEn: 'provincial police director',
      titleVi: 'Giám đốc Công an cấp tỉnh',
      individualLimit: 75_000_000,
      statedBy: POLICE,
      heldAt: PROVINCE,
    },
  ],
};
