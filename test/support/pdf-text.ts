import { PDFParse } from 'pdf-parse';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

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

/** The text of every QR code drawn in a real PDF, per page (images decoded with pngjs and jsQR). */
export async function pdfQrCodes(pdf: Buffer | Uint8Array): Promise<string[][]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getImage({ imageThreshold: 0, imageDataUrl: false, imageBuffer: true });
    return result.pages.map((page) =>
      page.images
        .map((img) => {
          const png = PNG.sync.read(Buffer.from(img.data));
          return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
        })
        .filter((text): text is string => text !== null),
    );
  } finally {
    await parser.destroy();
  }
}

/** Supertest's parser for a binary body (a PDF, a spreadsheet) as a Buffer: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(res: import('superagent').Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
