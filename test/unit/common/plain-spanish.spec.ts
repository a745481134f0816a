import * as fs from 'node:fs';
import * as path from 'node:path';
import { dictionaryKeys, LOCALES, translate } from '../../../src/common/i18n/i18n';
import { defineMessages, isLocalizedText } from '../../../src/common/i18n/messages';
import { fillCounts } from '../../../src/common/i18n/plural';
import { formatVerificationCode } from '../../../src/documents/verification-code';

const SRC = path.join(__dirname, '..', '..', '..', 'src');

function messageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return messageFiles(full);
    return e.name.endsWith('.messages.ts') ? [full] : [];
  });
}

/** Every text a module's dictionary (`defineMessages`) can produce, its parameters left as `{name}`. */
function moduleTexts(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const anyParams = new Proxy({}, { get: (_t, name) => `{${String(name)}}` });
  for (const file of messageFiles(SRC)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(mod)) {
      if (!value || typeof value !== 'object') continue;
      for (const [key, make] of Object.entries(value as Record<string, unknown>)) {
        if (typeof make !== 'function') continue;
        let text: unknown;
        try {
          text = (make as (p: unknown) => unknown)(anyParams);
        } catch {
          continue;
        }
        if (isLocalizedText(text))
          for (const locale of LOCALES)
            out.push({ where: `${path.relative(SRC, file)} ${exported}.${key} (${locale})`, text: text[locale] });
      }
    }
  }
  return out;
}

/** Issue 20 item 6: what people read names no rule ID and no API field. */
describe('plain Spanish: no rule IDs, no API field names in what people read', () => {
  const RULE_ID = /DOM-[A-Z]+-\d/;

  it.each(LOCALES)('the %s page dictionary names no rule ID and no field by its API name', (locale) => {
    const bad = dictionaryKeys(locale)
      .map((key) => ({ key, text: translate(locale, key) }))
      .filter(({ text }) => RULE_ID.test(text) || /campo [a-z]+[A-Z]/.test(text) || /field [a-z]+[A-Z]/.test(text));
    expect(bad).toEqual([]);
  });

  it('"N°" is written one way in the page dictionary and the modules\' texts (never N.º, n.º or Nº)', () => {
    const otherForms = /\b[Nn]\.º|Nº/;
    const page = dictionaryKeys('es').filter((key) => otherForms.test(translate('es', key)));
    const modules = moduleTexts().filter(({ text }) => otherForms.test(text));
    expect([page, modules]).toEqual([[], []]);
  });

  it("the modules' refusal texts name no rule ID (the rule is cited in code comments and tests)", () => {
    const texts = moduleTexts();
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.filter(({ text }) => RULE_ID.test(text))).toEqual([]);
  });
});

/** Issue 20 item 6: counts in the dictionary's words ("1 abstención", "3 reuniones"), in both languages. */
describe('plain Spanish: counts', () => {
  it("a count picks its form by the language's plural rules, the number where # is", () => {
    const text = '{n|# abstención|# abstenciones}';
    expect([0, 1, 2, 12].map((n) => fillCounts(text, { n }, 'es-CL'))).toEqual([
      '0 abstenciones',
      '1 abstención',
      '2 abstenciones',
      '12 abstenciones',
    ]);
    expect(fillCounts('{n|# meeting was|# meetings were} scheduled', { n: 1 }, 'en-GB')).toBe(
      '1 meeting was scheduled',
    );
    // a count that is not a number is left as written (never "NaN abstenciones")
    expect(fillCounts(text, {}, 'es-CL')).toBe(text);
  });

  it('the page dictionary says "1 abstención", "1 reunión" and "1 socio", and the plural otherwise', () => {
    expect(translate('es', 'minutes.votesLine', { for: 3, against: 0, abstentions: 1 })).toBe(
      '3 a favor, 0 en contra, 1 abstención',
    );
    expect(translate('es', 'minutes.votesLine', { for: 3, against: 0, abstentions: 2 })).toBe(
      '3 a favor, 0 en contra, 2 abstenciones',
    );
    expect(translate('en', 'minutes.votesLine', { for: 3, against: 0, abstentions: 1 })).toBe(
      '3 for, 0 against, 1 abstention',
    );
    expect(translate('es', 'flash.seriesCreated', { n: 1 })).toBe('Se programó 1 reunión.');
    expect(translate('es', 'flash.seriesCreated', { n: 3 })).toBe('Se programaron 3 reuniones.');
    expect(translate('es', 'flash.convened', { n: 1 })).toBe('La convocatoria se enviará por correo a 1 socio.');
    expect(translate('es', 'flash.imported', { n: 1 })).toBe('Se importó 1 socio.');
  });

  it("a module's refusal text counts the same way, and its parameter is typed by its name", () => {
    const texts = defineMessages({
      present: { es: 'Asistió {n|# socio|# socios}.', en: '{n|# member|# members} attended.' },
    });
    expect(texts.present({ n: 1 })).toEqual({ es: 'Asistió 1 socio.', en: '1 member attended.' });
    expect(texts.present({ n: 4 })).toEqual({ es: 'Asistió 4 socios.', en: '4 members attended.' });
  });

  it('no page text says "bandeja de salida": the outbox is the e-mails sent and to send', () => {
    const bad = dictionaryKeys('es').filter((key) => /bandeja/i.test(translate('es', key)));
    expect(bad).toEqual([]);
    expect(translate('es', 'outbox.title')).toBe('Correos enviados y por enviar');
  });
});

describe('plain Spanish: a verification code is printed one way', () => {
  it('groups of four with hyphens, and a code already printed prints the same', () => {
    const code = '8F3K2M9QABCDEFGHJKMNPQRSTV';
    expect(formatVerificationCode(code)).toBe('8F3K-2M9Q-ABCD-EFGH-JKMN-PQRS-TV');
    expect(formatVerificationCode(formatVerificationCode(code))).toBe('8F3K-2M9Q-ABCD-EFGH-JKMN-PQRS-TV');
  });
});

describe('plain Spanish: board posts', () => {
  it('are named by their neutral name, never "Presidente/a" (the person record says nothing of sex or gender)', () => {
    for (const group of ['constitution.positions', 'constitution.seat', 'minutes.positions'])
      expect([
        translate('es', `${group}.president`),
        translate('es', `${group}.secretary`),
        translate('es', `${group}.treasurer`),
      ]).toEqual(['Presidencia', 'Secretaría', 'Tesorería']);
  });
});
