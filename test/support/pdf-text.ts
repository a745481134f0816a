import { PDFParse } from 'pdf-parse';

export interface PdfText {
  /** All text, pages joined by a blank line. */
  text: string;
  /** The text of each page. */
  pages: string[];
  pageCount: number;
}

/** Extracts the text of a real PDF (pdf.js underneath), to assert what a reader would see. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<PdfText> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    const pages = result.pages.map((p) => p.text.trim());
    return { text: pages.join('\n\n'), pages, pageCount: result.total };
  } finally {
    await parser.destroy();
  }
}
