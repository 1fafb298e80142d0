/**
 * Vietnamese words of the public codes a label is made of, so that a search in Vietnamese (with or
 * without diacritics) finds them. Only for searching: the label itself keeps the codes.
 */
const WORDS: Record<string, string> = {
  // tip kinds and channels
  denunciation: 'tố giác',
  report: 'tin báo',
  prosecution_proposal: 'kiến nghị khởi tố',
  feedback: 'phản ánh',
  hotline: 'đường dây nóng',
  in_person: 'trực tiếp',
  online: 'trực tuyến',
  transferred_from_agency: 'cơ quan khác chuyển đến',
  // tip categories
  buying_selling_sex: 'mua bán dâm',
  brokering: 'môi giới',
  harbouring: 'chứa chấp',
  organising: 'tổ chức hoạt động',
  trafficking_for_sexual_exploitation: 'mua bán người',
  involving_minor: 'người chưa thành niên',
  // establishment types
  karaoke: 'karaoke',
  massage: 'xoa bóp mát xa',
  hotel: 'khách sạn',
  guesthouse: 'nhà nghỉ',
  bar: 'quán bar',
  cafe_dim_light: 'cà phê đèn mờ',
  other: 'khác',
  // hotspot kinds
  street: 'đường phố',
  venue: 'địa điểm',
  // offender types
  individual: 'cá nhân',
  organisation: 'tổ chức',
};

/** A penalty's act: an article of Decree 282/2025, possibly with its clause ("34.1"). */
const ACT = /^\d{1,3}(\.\d{1,2})?$/;

/** The Vietnamese words of a label's codes (an act code reads "điều 34.1"), unknown codes left out. */
export function wordsOf(parts: readonly string[]): string[] {
  return parts
    .map((part) => (ACT.test(part) ? `điều ${part}` : Object.hasOwn(WORDS, part) ? WORDS[part]! : null))
    .filter((word): word is string => word !== null);
}
