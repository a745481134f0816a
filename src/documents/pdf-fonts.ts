import * as path from 'node:path';

/*
 * The faces of every PDF: PDFKit's Helvetica when the text fits its character set (small, fast files), DejaVu Sans
 * embedded otherwise; and the speed-ups that parse a standard font's metrics once per process.
 */

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
export function shareStandardFonts(doc: PDFKit.PDFDocument, names: string[]): void {
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
