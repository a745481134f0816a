import { Injectable } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { documentTexts } from './documents.messages';
import { isPrintable, showCharacter } from '../common/text';
import * as zlib from 'node:zlib';
import { fitsWinAnsi, shareStandardFonts, UNICODE_FONT } from './pdf-fonts';
import { FOOTER_HEIGHT, layOut, MARGIN } from './pdf-layout';
import type { PdfSpec } from './pdf-spec';
// Loaded on first use: PDFKit and fontkit cost about 0.2 s at start-up, and most starts render no PDF.
type PdfKit = typeof import('pdfkit');
type QrCode = typeof import('qrcode');
type FontKit = typeof import('fontkit');
let libraries: Promise<{ PDFDocument: PdfKit; QRCode: QrCode; unicodeFonts: import('fontkit').Font[] }> | null = null;
const loadLibraries = () =>
  (libraries ??= Promise.all([import('pdfkit'), import('qrcode'), import('fontkit')]).then(
    ([pdfkit, qrcode, fontkit]) => ({
      PDFDocument: (pdfkit as unknown as { default: PdfKit }).default ?? pdfkit,
      QRCode: (qrcode as unknown as { default: QrCode }).default ?? qrcode,
      unicodeFonts: [UNICODE_FONT.regular, UNICODE_FONT.bold].map((file) =>
        ((fontkit as unknown as { default?: FontKit }).default ?? fontkit).openSync(file),
      ),
    }),
  ));

/**
 * Raised instead of printing boxes: a document must never show a name with missing glyphs. Input refuses such
 * text (src/common/text.ts, the same rule), so only text stored before that rule gets here: the message quotes
 * where it is, so the person can find the record to correct (a person's name: the municipality corrects it).
 */
export class UnprintableTextException extends DomainException {
  constructor(
    readonly characters: string[],
    readonly where?: string,
  ) {
    super(
      'PDF_UNSUPPORTED_CHARACTERS',
      where
        ? documentTexts.unprintableAt({ characters: characters.join(' '), where })
        : documentTexts.unprintable({ characters: characters.join(' ') }),
      422,
    );
  }
}

/**
 * Every string of the spec in NFC (decomposed accents, as macOS and copy-paste produce, would stack badly), with
 * every kind of Unicode space as a plain space and control characters other than line breaks and tabs removed.
 */
function normalizeSpec<T>(value: T): T {
  if (typeof value === 'string') {
    return value
      .normalize('NFC')
      .replace(/[^\S\n\t]/gu, ' ')
      .replace(
        // eslint-disable-next-line no-control-regex -- removing control characters is the point
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Variation_Selector}\u034f]/gu,
        '',
      ) as T;
  }
  if (Array.isArray(value)) return value.map((v) => normalizeSpec(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeSpec(v)])) as T;
  }
  return value;
}

function allTexts(spec: PdfSpec): string[] {
  const parts: string[] = [
    spec.organisation.name,
    spec.organisation.detail ?? '',
    spec.title,
    spec.subtitle ?? '',
    spec.watermark ?? '',
  ];
  if (spec.verification) parts.push(spec.verification.code, spec.verification.url);
  for (const b of spec.blocks) {
    if (b.type === 'heading' || b.type === 'paragraph') parts.push(b.text);
    else if (b.type === 'keyValues') parts.push(...b.rows.flat());
    else if (b.type === 'list') parts.push(...b.items);
    else if (b.type === 'table') parts.push(...b.columns.map((c) => c.header), ...b.rows.flat());
    else if (b.type === 'signatures') parts.push(...b.signers.flatMap((s) => [s.name, s.role]));
  }
  return parts;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The QR code of `text` as an 8-bit grayscale PNG without alpha, 4 pixels per module. PDFKit embeds such a PNG's
 * compressed data as it is (an RGBA PNG, what QR libraries write, it decodes, splits and compresses again: most of
 * a document's render time).
 */
function qrPng(QRCode: QrCode, text: string): Buffer {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = 4;
  const side = size * scale;
  const raw = Buffer.alloc((side + 1) * side, 0xff);
  for (let y = 0; y < side; y++) {
    const row = y * (side + 1);
    raw[row] = 0; // filter: none
    const my = Math.floor(y / scale) * size;
    for (let x = 0; x < side; x++) if (data[my + Math.floor(x / scale)]) raw[row + 1 + x] = 0;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Renders documents with the house layout: organisation header, title, content blocks, and a footer on every
 * page with "Página N de M", the verification code and a QR to the verification URL. Uses Helvetica when the
 * text fits its character set (small, fast files) and embeds DejaVu Sans otherwise, so a name such as
 * "Łukasz Nguyễn" never prints with wrong glyphs.
 */
@Injectable()
export class PdfRenderer {
  async render(input: PdfSpec): Promise<Buffer> {
    const { PDFDocument, QRCode, unicodeFonts } = await loadLibraries();
    const spec = normalizeSpec(input);
    const texts = allTexts(spec);
    const text = texts.join('\n');
    const unicode = !fitsWinAnsi(text);
    if (unicode) {
      // DejaVu Sans (regular and bold) covers Latin, Greek, Cyrillic, Vietnamese and symbols; not CJK, Ethiopic,
      // and scripts that need shaping or right-to-left layout, which PDFKit does not do. The rule is the one input
      // is checked with (isPrintable, from the fonts' own tables; a unit test keeps the two equal), and the font
      // is asked too, in case its file and the table ever disagree.
      const missing = new Set<string>();
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (ch === ' ' || ch === '\n' || ch === '\t') continue;
        if (!isPrintable(ch) || !unicodeFonts.every((f) => f.hasGlyphForCodePoint(cp))) missing.add(ch);
      }
      if (missing.size) {
        const where = texts.find((t) => [...t].some((ch) => missing.has(ch)));
        throw new UnprintableTextException(
          [...missing].slice(0, 20).map(showCharacter),
          where && [...where].length > 120 ? `${[...where].slice(0, 117).join('')}…` : where,
        );
      }
    }
    const qr = spec.verification ? qrPng(QRCode, spec.verification.url) : null;
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
      bufferPages: true,
      info: {
        Title: spec.title,
        Author: spec.author ?? spec.organisation.name,
        Creator: 'Quórum',
        CreationDate: spec.createdAt ?? new Date(),
      },
      lang: 'es-CL',
      displayTitle: true,
      font: null as unknown as string, // no default font: ours are set below (PDFKit would parse Helvetica's metrics again)
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    if (unicode) {
      // the fonts parsed once per process (PDFKit takes a fontkit font as its source and subsets it per document)
      doc.registerFont('unicode', unicodeFonts[0] as never);
      doc.registerFont('unicode-bold', unicodeFonts[1] as never);
    } else {
      // Standard fonts by their own names: PDFKit caches an alias of a standard font poorly (it re-parses the
      // font metrics at every switch, about 30x slower for a table).
      shareStandardFonts(doc, ['Helvetica', 'Helvetica-Bold']);
    }

    layOut(
      doc,
      spec,
      unicode ? { body: 'unicode', bold: 'unicode-bold' } : { body: 'Helvetica', bold: 'Helvetica-Bold' },
      // one image object for every page's footer (PDFKit would embed a Buffer again on each page)
      qr ? (doc as unknown as { openImage(src: Buffer): object }).openImage(qr) : null,
    );
    doc.end();
    return done;
  }
}
