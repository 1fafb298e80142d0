import ExcelJS from 'exceljs';

/** A workbook read back by ExcelJS, as a spreadsheet program would open it. */
export async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS types its input as an ArrayBuffer; a copy of the bytes is one.
  await workbook.xlsx.load(new Uint8Array(body).buffer);
  return workbook;
}
