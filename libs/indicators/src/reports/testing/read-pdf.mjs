// Reads a PDF from stdin with pdf.js (Mozilla's PDF parser, a devDependency) and writes what a
// reader gets back as JSON: the page count, the document information and each page's text items.
// Tests run it in a child process: pdf.js is an ES module that Jest's CommonJS transform can't load.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
  .promise;
const { info } = await pdf.getMetadata();
const pages = [];
for (let n = 1; n <= pdf.numPages; n += 1) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  pages.push({
    size: page.view.slice(2),
    items: content.items
      .filter((item) => 'str' in item && item.str.trim() !== '')
      .map((item) => ({ text: item.str, x: item.transform[4], y: item.transform[5], width: item.width })),
  });
}
process.stdout.write(JSON.stringify({ pageCount: pdf.numPages, info, pages }));
