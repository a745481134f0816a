import fontkit from 'fontkit';
import * as path from 'node:path';
import { PDF_FONT_COVERAGE } from '../../../src/common/pdf-font-coverage';
import {
  hiddenCharacters,
  isPrintable,
  personNameProblem,
  spreadsheetTextProblem,
  textProblem,
  unprintableCharacters,
} from '../../../src/common/text';
import { textFieldErrors } from '../../../src/common/validation.pipe';
import { UNICODE_FONT } from '../../../src/documents/pdf-fonts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../../scripts/pdf-font-coverage.js') as { coverageRanges(): string };

/** Issue 22, items 5 to 7: the one rule of what text the portal accepts (docs/decisions.md). */
describe('text the portal accepts (issue 22)', () => {
  it('issue 22 item 5: the coverage table is the fonts the PDFs embed, and every character the rule accepts has a glyph in both faces', () => {
    expect(PDF_FONT_COVERAGE).toBe(generator.coverageRanges());
    const faces = [UNICODE_FONT.regular, UNICODE_FONT.bold].map((f) => fontkit.openSync(f) as fontkit.Font);
    let accepted = 0;
    for (let cp = 0x21; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (/\s/u.test(ch) || !isPrintable(ch)) continue;
      accepted++;
      if (!faces.every((f) => f.hasGlyphForCodePoint(cp))) throw new Error(`U+${cp.toString(16)} has no glyph`);
    }
    expect(accepted).toBeGreaterThan(5000);
    expect(path.basename(UNICODE_FONT.regular)).toBe('DejaVuSans.ttf');
  });

  it('issue 22 item 5: names of people in Latin letters with any accent, Greek and Cyrillic are accepted; emoji, symbols, CJK and right-to-left letters are refused naming the field', () => {
    for (const name of [
      'María José Pérez Cortés',
      "Bernardo O'Higgins Riquelme",
      'Zoë D’Angelo Ñúñez',
      'Łukasz Nguyễn Văn',
      'Σωκράτης Παπαδόπουλος',
      'Иван Петров',
      'Rojas, Luis "Lucho"',
      'Jose\u0301 Mun\u0303oz', // decomposed accents
      'Socia 12',
    ])
      expect([name, personNameProblem('fullName', name, 'nombre completo')]).toEqual([name, null]);
    const refused: [string, RegExp][] = [
      ['Ana 😀', /^El campo fullName \(nombre completo\) no admite el carácter 😀: un nombre se escribe con letras/],
      ['Ana ＝ Soto', /no admite el carácter ＝/],
      ['Ana ★ Soto', /no admite el carácter ★/],
      ['李小龙', /no pueden imprimir: 李 小 龙\. Escríbalo con letras latinas/],
      ['דוד כהן', /no pueden imprimir/],
      ['3 Ana', /debe comenzar con una letra/],
    ];
    for (const [name, wording] of refused)
      expect([name, personNameProblem('fullName', name, 'nombre completo')]).toEqual([
        name,
        expect.stringMatching(wording),
      ]);
  });

  it('issue 22 item 7: a formula-looking name is refused by the one rule the DTOs, the forms and the importers use', () => {
    for (const name of ['=HYPERLINK("http://x.invalid","clic")', '+Ana', '-Ana', '@Ana'])
      expect(personNameProblem('fullName', name, 'nombre completo')).toMatch(
        /^El campo fullName \(nombre completo\) empieza con ".*" y parece una fórmula de planilla/,
      );
    expect(spreadsheetTextProblem('businessName', '=1+2')).toMatch(/parece una fórmula/);
    expect(spreadsheetTextProblem('phone', '+56 9 1234 5678', { phone: true })).toBeNull();
  });

  it('issue 22 item 6: bidirectional controls, zero-width and other invisible characters and U+FFFD are refused in any text, shown by their code', () => {
    expect(textProblem('fileName', '\u202Egnp.pdf')).toMatch(/invierten el sentido del texto \(U\+202E\)/);
    for (const cp of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff, 0x00ad, 0x2066, 0x2069, 0xe0041])
      expect(textProblem('notes', `a${String.fromCodePoint(cp)}b`)).toContain(
        `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
      );
    expect(textProblem('notes', 'Jos\uFFFD')).toMatch(/no se pudo leer/);
    expect(hiddenCharacters('a\u202Eb\u0085c\uFFFD')).toEqual(['U+202E', 'U+0085', 'U+FFFD']);
    expect(hiddenCharacters('operación-año.png')).toEqual([]);
  });

  it('issue 22 item 5: free text accepts what the font prints (✓ 😀 → € №) and lists what it cannot (👍, ❤️ with its selector)', () => {
    expect(textProblem('notes', 'Se aprobó ✓ 😀 → € № 3 «acuerdo»\nsegunda línea\tcon tab')).toBeNull();
    expect(unprintableCharacters('Bien 👍 ❤️ 李')).toEqual(['👍', '❤️', '李']);
    expect(textProblem('notes', 'Bien 👍')).toBe(
      'El campo notes contiene caracteres que las actas y certificados en PDF no pueden imprimir: 👍. Quítelos o escríbalos con palabras.',
    );
  });

  it('issue 22 item 5: the pipe checks every string of a body, but passwords and identity numbers keep their own rules', () => {
    expect(
      textFieldErrors({
        name: 'Ok',
        items: [{ notes: 'Bien 👍' }],
        password: 'clave 👍',
        newPassword: 'x\u200B',
        rut: '１２.３４５.６７８-５',
      }),
    ).toEqual([{ field: 'items.0.notes', message: expect.stringContaining('👍') }]);
  });
});
