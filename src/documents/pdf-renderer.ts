import { Injectable } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { documentTexts } from './documents.messages';
import { isPrintable, showCharacter } from '../common/text';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
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

export type PdfBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'keyValues'; rows: [label: string, value: string][] }
  | { type: 'list'; items: string[]; numbered?: boolean }
  | {
      type: 'table';
      columns: { header: string; width: number; align?: 'left' | 'right' | 'center' }[];
      rows: string[][];
    }
  | { type: 'signatures'; signers: { name: string; role: string }[] }
  | { type: 'pageBreak' };

/** What a document says; the renderer owns how it looks (the house layout). */
export interface PdfSpec {
  organisation: { name: string; detail?: string };
  title: string;
  subtitle?: string;
  blocks: PdfBlock[];
  /** Printed in every footer with a QR code to `url`. */
  verification?: { code: string; url: string };
  /** A light diagonal word across each page (e.g. BORRADOR). */
  watermark?: string;
  /** PDF metadata. */
  author?: string;
  /** The instant printed as the creation date (the app's clock). */
  createdAt?: Date;
}

const DEJAVU_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const UNICODE_FONT = {
  regular: path.join(DEJAVU_DIR, 'DejaVuSans.ttf'),
  bold: path.join(DEJAVU_DIR, 'DejaVuSans-Bold.ttf'),
};

// Windows-1252 beyond Latin-1: the characters PDFKit's built-in Helvetica (WinAnsiEncoding) can show.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** True when Helvetica shows every character of `text` correctly (otherwise it prints wrong glyphs silently). */
export function fitsWinAnsi(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0x0a || c === 0x0d || c === 0x09) continue;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff)) continue;
    if (CP1252_EXTRA.has(ch)) continue;
    return false;
  }
  return true;
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

/** The PDFKit internals used to share a standard font's parsed metrics between documents. */
interface PdfKitFontState {
  _fontFamilies: Record<string, object>;
  _fontCount: number;
  _font: (Record<string, unknown> & { font: object }) | null;
  font(name: string): unknown;
}
/** Per standard font: its class's prototype and its fields once parsed (name, metrics object, ascender...). */
const sharedFonts = new Map<string, { prototype: object; fields: Record<string, unknown> }>();
const SHARED_FIELDS = ['name', 'font', 'ascender', 'descender', 'bbox', 'lineGap', 'xHeight', 'capHeight'];

interface AfmMetrics {
  kernPairs?: Record<string, number>;
  getKernPair?: (left: string, right: string) => number;
  encodeText?: (text: string) => string[];
  glyphsForString?: (text: string) => string[];
  widthOfGlyph?: (glyph: string) => number;
}

/** Per character code of a standard font: its code in the PDF (hex), its glyph and its width; and kerning by pairs of codes. */
interface CharTables {
  chars: Map<number, { hex: string; glyph: string; width: number }>;
  kern: Map<number, number>;
}
const charTables = new WeakMap<object, CharTables>();

/**
 * PDFKit's StandardFont.encode and widthOfString, computed from tables filled once per character (and pair of
 * characters) instead of looking each glyph up by name for every letter of every line: the same numbers in the
 * same order, so the same layout and the same bytes. Set on a document's font object (own properties).
 */
export function fasterText(font: Record<string, unknown>): void {
  const metrics = font.font as AfmMetrics;
  if (
    typeof metrics?.encodeText !== 'function' ||
    typeof metrics.glyphsForString !== 'function' ||
    typeof metrics.widthOfGlyph !== 'function' ||
    typeof metrics.getKernPair !== 'function'
  )
    return;
  let tables = charTables.get(metrics);
  if (!tables) charTables.set(metrics, (tables = { chars: new Map(), kern: new Map() }));
  const { chars, kern } = tables;
  const char = (code: number) => {
    let c = chars.get(code);
    if (!c) {
      const text = String.fromCharCode(code);
      const glyph = metrics.glyphsForString!(text)[0];
      c = { hex: metrics.encodeText!(text)[0], glyph, width: metrics.widthOfGlyph!(glyph) };
      chars.set(code, c);
    }
    return c;
  };
  const pair = (left: number, right: number) => {
    const key = left * 65536 + right;
    let k = kern.get(key);
    if (k === undefined) kern.set(key, (k = metrics.getKernPair!(char(left).glyph, char(right).glyph)));
    return k;
  };
  const advance = (text: string, i: number) =>
    char(text.charCodeAt(i)).width + (i + 1 < text.length ? pair(text.charCodeAt(i), text.charCodeAt(i + 1)) : 0);
  font.encode = (value: unknown) => {
    const text = `${value}`;
    const encoded: string[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[] =
      [];
    for (let i = 0; i < text.length; i++) {
      const c = char(text.charCodeAt(i));
      encoded.push(c.hex);
      positions.push({ xAdvance: advance(text, i), yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: c.width });
    }
    return [encoded, positions];
  };
  font.widthOfString = (value: unknown, size: number) => {
    const text = `${value}`;
    let width = 0;
    for (let i = 0; i < text.length; i++) width += advance(text, i);
    return width * (size / 1000);
  };
}

/** Kerning pairs looked up by glyph names in nested maps (PDFKit joins the two names into a string key for every pair of letters). */
export function fasterKerning(metrics: AfmMetrics): void {
  if (!metrics.kernPairs || typeof metrics.getKernPair !== 'function') return;
  const pairs = new Map<string, Map<string, number>>();
  for (const [key, amount] of Object.entries(metrics.kernPairs)) {
    const [left, right] = key.split('\0');
    let row = pairs.get(left);
    if (!row) pairs.set(left, (row = new Map()));
    row.set(right, amount);
  }
  metrics.getKernPair = (left, right) => pairs.get(left)?.get(right) ?? 0;
}

/**
 * PDFKit parses a standard font's metrics (widths and about 2,700 kerning pairs) for every document, a third of
 * a short document's render time. The parsed metrics are read-only, so each document gets its own font object
 * (its own id and PDF dictionary) around metrics parsed once per process. If PDFKit's internals ever change
 * shape, documents simply parse the metrics again.
 */
function shareStandardFonts(doc: PDFKit.PDFDocument, names: string[]): void {
  const state = doc as unknown as PdfKitFontState;
  if (typeof state._fontFamilies !== 'object' || typeof state._fontCount !== 'number') return;
  for (const name of names) {
    const shared = sharedFonts.get(name);
    if (!shared) {
      state.font(name);
      const font = state._font;
      if (font && typeof font.font === 'object' && font.name === name) {
        fasterKerning(font.font as AfmMetrics);
        fasterText(font);
        sharedFonts.set(name, {
          prototype: Object.getPrototypeOf(font) as object,
          fields: Object.fromEntries(SHARED_FIELDS.map((f) => [f, font[f]])),
        });
      }
      continue;
    }
    if (state._fontFamilies[name]) continue;
    const font = Object.create(shared.prototype) as Record<string, unknown>;
    Object.assign(font, shared.fields, { document: doc, id: `F${++state._fontCount}` });
    fasterText(font);
    state._fontFamilies[name] = font;
  }
}

/** The two faces of a document being rendered. */
const FONTS = new WeakMap<PDFKit.PDFDocument, { body: string; bold: string }>();
const body = (doc: PDFKit.PDFDocument) => FONTS.get(doc)!.body;
const bold = (doc: PDFKit.PDFDocument) => FONTS.get(doc)!.bold;

const MARGIN = 56;
const FOOTER_HEIGHT = 64;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b8c4d0';

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
      FONTS.set(doc, { body: 'unicode', bold: 'unicode-bold' });
    } else {
      // Standard fonts by their own names: PDFKit caches an alias of a standard font poorly (it re-parses the
      // font metrics at every switch, about 30x slower for a table).
      shareStandardFonts(doc, ['Helvetica', 'Helvetica-Bold']);
      FONTS.set(doc, { body: 'Helvetica', bold: 'Helvetica-Bold' });
    }

    this.header(doc, spec);
    for (const block of spec.blocks) this.block(doc, block);
    // one image object for every page's footer (PDFKit would embed a Buffer again on each page)
    this.footers(doc, spec, qr ? (doc as unknown as { openImage(src: Buffer): object }).openImage(qr) : null);
    doc.end();
    return done;
  }

  private width(doc: PDFKit.PDFDocument): number {
    return doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  private header(doc: PDFKit.PDFDocument, spec: PdfSpec): void {
    doc
      .font(bold(doc))
      .fontSize(11)
      .fillColor(INK)
      .text(spec.organisation.name, { width: this.width(doc) });
    if (spec.organisation.detail) doc.font(body(doc)).fontSize(9).fillColor(MUTED).text(spec.organisation.detail);
    const y = doc.y + 6;
    doc
      .moveTo(MARGIN, y)
      .lineTo(doc.page.width - MARGIN, y)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + 14;
    doc
      .font(bold(doc))
      .fontSize(17)
      .fillColor(INK)
      .text(spec.title, { width: this.width(doc) });
    if (spec.subtitle) doc.font(body(doc)).fontSize(11).fillColor(MUTED).text(spec.subtitle);
    doc.moveDown(0.8).fillColor(INK);
  }

  private ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  }

  private block(doc: PDFKit.PDFDocument, block: PdfBlock): void {
    const x = doc.page.margins.left;
    switch (block.type) {
      case 'heading':
        this.ensureSpace(doc, 40);
        doc
          .moveDown(0.4)
          .font(bold(doc))
          .fontSize(12.5)
          .fillColor(INK)
          .text(block.text, x, doc.y, { width: this.width(doc) })
          .moveDown(0.3);
        break;
      case 'paragraph':
        doc
          .font(body(doc))
          .fontSize(10.5)
          .fillColor(INK)
          .text(block.text, x, doc.y, { width: this.width(doc), align: 'justify' })
          .moveDown(0.5);
        break;
      case 'keyValues':
        for (const [label, value] of block.rows) {
          this.ensureSpace(doc, 16);
          const y = doc.y;
          doc.font(bold(doc)).fontSize(10).text(label, x, y, { width: 150 });
          const afterLabel = doc.y;
          doc
            .font(body(doc))
            .fontSize(10)
            .text(value, x + 155, y, { width: this.width(doc) - 155 });
          doc.y = Math.max(afterLabel, doc.y) + 2;
        }
        doc.moveDown(0.4);
        break;
      case 'list':
        doc.font(body(doc)).fontSize(10.5);
        block.items.forEach((item, i) => {
          this.ensureSpace(doc, 16);
          const marker = block.numbered ? `${i + 1}.` : '•';
          const y = doc.y;
          doc.text(marker, x, y, { width: 20 });
          doc.text(item, x + 22, y, { width: this.width(doc) - 22 });
          doc.moveDown(0.15);
        });
        doc.moveDown(0.4);
        break;
      case 'table':
        this.table(doc, block);
        break;
      case 'signatures': {
        const perRow = 2;
        const colWidth = (this.width(doc) - 30) / perRow;
        for (let i = 0; i < block.signers.length; i += perRow) {
          this.ensureSpace(doc, 80);
          const y = doc.y + 40;
          block.signers.slice(i, i + perRow).forEach((s, j) => {
            const sx = x + j * (colWidth + 30);
            doc
              .moveTo(sx, y)
              .lineTo(sx + colWidth, y)
              .lineWidth(0.6)
              .strokeColor(INK)
              .stroke();
            doc
              .font(bold(doc))
              .fontSize(10)
              .fillColor(INK)
              .text(s.name, sx, y + 4, { width: colWidth, align: 'center' });
            doc
              .font(body(doc))
              .fontSize(9)
              .fillColor(MUTED)
              .text(s.role, sx, doc.y, { width: colWidth, align: 'center' });
          });
          doc.fillColor(INK);
          doc.x = x;
          doc.y = y + 40;
        }
        break;
      }
      case 'pageBreak':
        doc.addPage();
        break;
    }
  }

  private table(doc: PDFKit.PDFDocument, block: Extract<PdfBlock, { type: 'table' }>): void {
    const x0 = doc.page.margins.left;
    const total = block.columns.reduce((s, c) => s + c.width, 0);
    const widths = block.columns.map((c) => (c.width / total) * this.width(doc));
    const pad = 4;
    // a cell that fits on one line is one line high: measured by its width, without laying it out twice
    const fitsOneLine = (cell: string, i: number) =>
      !cell.includes('\n') && doc.widthOfString(cell) <= widths[i] - 2 * pad;
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(9.5);
      const line = doc.currentLineHeight(true);
      return (
        Math.max(
          ...cells.map((cell, i) =>
            fitsOneLine(cell, i) ? line : doc.heightOfString(cell || ' ', { width: widths[i] - 2 * pad }),
          ),
        ) +
        2 * pad
      );
    };
    const drawRow = (cells: string[], font: string, fill: string | null) => {
      const h = rowHeight(cells, font);
      if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        drawRow(
          block.columns.map((c) => c.header),
          bold(doc),
          '#e8eef5',
        );
      }
      const y = doc.y;
      let x = x0;
      if (fill) doc.rect(x0, y, this.width(doc), h).fill(fill);
      doc.fillColor(INK);
      cells.forEach((cell, i) => {
        doc.font(font).fontSize(9.5);
        doc.text(cell, x + pad, y + pad, {
          width: widths[i] - 2 * pad,
          align: block.columns[i].align ?? 'left',
          lineBreak: !fitsOneLine(cell, i),
        });
        x += widths[i];
      });
      doc
        .moveTo(x0, y + h)
        .lineTo(x0 + this.width(doc), y + h)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
      doc.x = x0;
      doc.y = y + h;
    };
    this.ensureSpace(doc, 40);
    drawRow(
      block.columns.map((c) => c.header),
      bold(doc),
      '#e8eef5',
    );
    for (const row of block.rows) drawRow(row, body(doc), null);
    doc.moveDown(0.6);
  }

  private footers(doc: PDFKit.PDFDocument, spec: PdfSpec, qr: object | null): void {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the footer area must not open a new page
      if (spec.watermark) {
        doc.save();
        doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
        doc.font(bold(doc)).fillColor('#d0d0d0').opacity(0.35);
        const size = Math.min(110, (doc.page.width * 0.95 * 110) / doc.fontSize(110).widthOfString(spec.watermark));
        doc.fontSize(size);
        const w = doc.widthOfString(spec.watermark);
        doc.text(spec.watermark, (doc.page.width - w) / 2, doc.page.height / 2 - size / 2, { lineBreak: false });
        doc.restore();
        doc.opacity(1);
      }
      const top = doc.page.height - MARGIN - FOOTER_HEIGHT + 14;
      doc
        .moveTo(MARGIN, top)
        .lineTo(doc.page.width - MARGIN, top)
        .lineWidth(0.6)
        .strokeColor(RULE)
        .stroke();
      const textX = qr ? MARGIN + 56 : MARGIN;
      if (qr && spec.verification) {
        doc.image(qr as never, MARGIN, top + 8, { width: 48, height: 48 });
        doc.font(body(doc)).fontSize(8).fillColor(MUTED);
        doc.text(`Código de verificación: ${spec.verification.code}`, textX, top + 12, { lineBreak: false });
        doc.fontSize(7.5).text(`Verifique en ${spec.verification.url}`, textX, top + 26, { lineBreak: false });
      }
      doc.font(body(doc)).fontSize(9).fillColor(INK);
      doc.text(`Página ${i - range.start + 1} de ${range.count}`, doc.page.width - MARGIN - 120, top + 12, {
        width: 120,
        align: 'right',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottom;
    }
  }
}
