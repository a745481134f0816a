import PDFDocument from 'pdfkit';
import { fasterKerning, fasterText, fitsWinAnsi } from '../../../src/documents/pdf-fonts';
import { PdfRenderer } from '../../../src/documents/pdf-renderer';
import type { PdfSpec } from '../../../src/documents/pdf-spec';
import {
  formatVerificationCode,
  newVerificationCode,
  normalizeVerificationCode,
} from '../../../src/documents/verification-code';
import { pdfQrCodes, pdfText } from '../../support/pdf-text';

const renderer = new PdfRenderer();
const verification = {
  code: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23',
  url: 'http://localhost:3000/verificar/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23',
};

function longSpec(name: string): PdfSpec {
  return {
    organisation: { name: 'Barrio Patrimonial La Serena', detail: 'Organización comunitaria funcional · La Serena' },
    title: 'Acta de la sesión ordinaria N° 3',
    subtitle: 'Martes 17-03-2026, 19:30 horas',
    blocks: [
      { type: 'heading', text: '¿Quiénes asistieron?' },
      {
        type: 'table',
        columns: [
          { header: 'Socio', width: 3 },
          { header: 'Asistencia', width: 1 },
        ],
        rows: Array.from({ length: 30 }, (_, i) => [i === 7 ? name : `Socia ${i + 1} Muñoz Peña`, 'Presente']),
      },
      {
        type: 'paragraph',
        text: '¡Acuerdo unánime! Se aprobó la reunión con Carabineros sobre seguridad en O’Higgins y Eduardo de la Barra; el tesorero informó $1.234.567 en caja.',
      },
      { type: 'paragraph', text: 'Vocales: áéíóú ÁÉÍÓÚ, eñe: ñ Ñ, diéresis: ü, signos: ¿¡' },
      {
        type: 'list',
        numbered: true,
        items: ['Aprobar el acta anterior', 'Solicitar más patrullajes', 'Árboles y bancas en el boulevard'],
      },
      {
        type: 'signatures',
        signers: [
          { name: 'María José Núñez', role: 'Presidenta' },
          { name: name, role: 'Secretario' },
        ],
      },
    ],
    verification,
  };
}

describe('PdfRenderer (house layout)', () => {
  it('prints accented Spanish, page numbers "Página N de M" and the verification code on every page', async () => {
    const pdf = await renderer.render(longSpec('Ignacio Ávila Ñúñez'));
    const text = await pdfText(pdf);
    expect(text.pageCount).toBe(2);
    expect(text.text).toContain('Vocales: áéíóú ÁÉÍÓÚ, eñe: ñ Ñ, diéresis: ü, signos: ¿¡');
    expect(text.text).toContain('¿Quiénes asistieron?');
    expect(text.text).toContain('¡Acuerdo unánime!');
    expect(text.text).toContain('Ignacio Ávila Ñúñez');
    expect(text.text).toContain('$1.234.567');
    expect(text.pages[0]).toContain('Página 1 de 2');
    expect(text.pages[1]).toContain('Página 2 de 2');
    for (const page of text.pages) expect(page).toContain('Código de verificación: ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23');
    // Helvetica suffices: no font file embedded, a small file
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
    expect(pdf.toString('latin1')).not.toContain('FontFile2');
  });

  it("switches to an embedded Unicode font so names outside Helvetica's set print unchanged", async () => {
    const name = 'Łukasz Nguyễn';
    const pdf = await renderer.render(longSpec(name));
    const text = await pdfText(pdf);
    expect(text.text).toContain(name);
    expect(text.text).toContain('¿Quiénes asistieron?');
    expect(text.text).toContain('Página 1 de 2');
    expect(pdf.toString('latin1')).toContain('FontFile2'); // an embedded TrueType font (DejaVu Sans)
    expect(pdf.toString('latin1')).toMatch(/DejaVuSans/);
  });

  it('refuses, with the characters in a Spanish message, text that no shipped font can print (never boxes)', async () => {
    await expect(renderer.render(longSpec('李小龙 Nguyễn'))).rejects.toMatchObject({
      code: 'PDF_UNSUPPORTED_CHARACTERS',
      status: 422,
      detail: expect.stringContaining('李 小 龙'),
    });
    await expect(renderer.render(longSpec('Sr. כהן דוד'))).rejects.toMatchObject({
      code: 'PDF_UNSUPPORTED_CHARACTERS',
    });
    // Greek, Cyrillic and symbols are covered by the embedded font
    const text = await pdfText(await renderer.render(longSpec('Σωκράτης Иванов ₱ → ≥')));
    expect(text.text).toContain('Σωκράτης Иванов ₱ → ≥');
  });

  it('prints decomposed accents (as macOS and copy-paste produce them) as the composed letters', async () => {
    const decomposed = 'Jose\u0301 Mun\u0303oz Nguye\u0302\u0303n';
    const pdf = await renderer.render(longSpec(decomposed));
    expect((await pdfText(pdf)).text).toContain('José Muñoz Nguyễn');
    // "José Muñoz" alone fits Helvetica once composed: no font is embedded for it
    expect((await renderer.render(longSpec('Jose\u0301 Mun\u0303oz'))).toString('latin1')).not.toContain('FontFile2');
  });

  it('knows which text Helvetica can show', () => {
    expect(fitsWinAnsi('Ñandú ¿qué? ¡sí! € “comillas” — º ª')).toBe(true);
    expect(fitsWinAnsi('Łukasz')).toBe(false);
    expect(fitsWinAnsi('Nguyễn')).toBe(false);
    expect(fitsWinAnsi('₱ ≥ →')).toBe(false);
  });

  it('draws on every page a QR code that a phone reads as the verification URL', async () => {
    const pdf = await renderer.render(longSpec('Pedro Soto'));
    expect(await pdfQrCodes(pdf)).toEqual([[verification.url], [verification.url]]);
  });
});

describe('verification codes', () => {
  it('carry 128 random bits as 26 Crockford base32 characters, and read back however they are typed', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newVerificationCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{25}[0-9A-HJKMNP-TV-Z]$/);
    const code = [...codes][0];
    const printed = formatVerificationCode(code);
    expect(printed).toMatch(/^(\w{4}-){6}\w{2}$/);
    expect(normalizeVerificationCode(printed.toLowerCase())).toBe(code);
    expect(normalizeVerificationCode(` ${printed.replace(/-/g, ' ')} `)).toBe(code);
    expect(normalizeVerificationCode('not-a-code')).toBeNull();
    expect(normalizeVerificationCode('<script>')).toBeNull();
  });
});

describe('Helvetica metrics shared between documents (render speed)', () => {
  const stockMetrics = (font: string) => {
    const doc = new PDFDocument();
    doc.font(font);
    return (
      doc as unknown as {
        _font: {
          font: {
            kernPairs: Record<string, number>;
            getKernPair(l: string, r: string): number;
            glyphsForString(s: string): string[];
          };
        };
      }
    )._font.font;
  };

  it.each(['Helvetica', 'Helvetica-Bold'])(
    'kern every pair of %s exactly as PDFKit does (same line breaks, same text positions)',
    (font) => {
      const stock = stockMetrics(font);
      const fast = stockMetrics(font);
      fasterKerning(fast as never);
      const pairs = Object.keys(stock.kernPairs);
      expect(pairs.length).toBeGreaterThan(1000);
      for (const key of pairs) {
        const [l, r] = key.split('\0');
        expect(fast.getKernPair(l, r)).toBe(stock.getKernPair(l, r));
      }
      const glyphs = stock.glyphsForString('AVATAR Tomó “Wa” Yo. Ñuñoa, O’Higgins — ¿Fe?');
      for (let i = 0; i < glyphs.length; i++)
        expect(fast.getKernPair(glyphs[i], glyphs[i + 1])).toBe(stock.getKernPair(glyphs[i], glyphs[i + 1]));
    },
  );

  it.each(['Helvetica', 'Helvetica-Bold'])(
    'encode and measure text in %s exactly as PDFKit does (codes, advances, widths)',
    (font) => {
      const stockFont = () => {
        const doc = new PDFDocument();
        doc.font(font);
        return (
          doc as unknown as {
            _font: Record<string, unknown> & {
              encode(t: string): unknown;
              widthOfString(t: string, size: number): number;
            };
          }
        )._font;
      };
      const stock = stockFont();
      const fast = Object.assign(Object.create(Object.getPrototypeOf(stock) as object) as typeof stock, stock);
      fasterKerning(fast.font as never);
      fasterText(fast);
      expect(Object.prototype.hasOwnProperty.call(fast, 'encode')).toBe(true);
      for (const text of [
        'AVATAR Tomó “Wa” Yo.',
        'Ñuñoa, O’Higgins — ¿Fe? ¡Sí! €1.500.000',
        'Acuerdo N° 10: Votación: 12 votos a favor',
        'Łukasz ₩ ✓ x',
        '',
        ' ',
        'fi ffl Æ œ Š ž Ÿ … ‰',
      ]) {
        expect(fast.encode(text)).toEqual(stock.encode(text));
        expect(fast.widthOfString(text, 10.5)).toBe(stock.widthOfString(text, 10.5));
      }
    },
  );

  it('renders a document byte for byte the same every time (the shared metrics keep no state between documents)', async () => {
    const spec = { ...longSpec('Pedro Soto'), createdAt: new Date('2026-03-17T22:00:00Z') };
    const first = await new PdfRenderer().render(spec);
    const again = await new PdfRenderer().render(spec);
    expect(again.equals(first)).toBe(true);
    expect((await pdfText(again)).text).toContain('Árboles y bancas en el boulevard');
  });
});
