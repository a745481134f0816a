/**
 * Counts in the dictionaries' own words (issue 20 item 6): `{abstentions|# abstención|# abstenciones}` reads
 * "1 abstención", "2 abstenciones" ("#" is the number); a whole phrase may change with the count (`{n|Se programó #
 * reunión|Se programaron # reuniones}`). Spanish and English both have one form for 1 and another for the rest
 * (`Intl.PluralRules`: one, other), so two forms are enough; a count that is not a number is left as it was written.
 */
const COUNTED = /\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g;

const RULES: Record<string, Intl.PluralRules> = {};

function rules(bcp47: string): Intl.PluralRules {
  return (RULES[bcp47] ??= new Intl.PluralRules(bcp47));
}

/** `{name|one|other}` of `text` filled with `params[name]` by the plural rules of `bcp47` (es-CL, en-GB). */
export function fillCounts(text: string, params: Record<string, unknown>, bcp47: string): string {
  return text.replace(COUNTED, (whole, name: string, one: string, other: string) => {
    const value = params[name];
    const n =
      typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isNaN(n)) return whole;
    return (rules(bcp47).select(n) === 'one' ? one : other).replace(/#/g, String(value));
  });
}
