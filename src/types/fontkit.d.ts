// The part of fontkit (a dependency of PDFKit) the PDF renderer uses to check glyph coverage.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font;
}
