import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { localMessage } from './errors/validation-messages';
import type { LocalizedText } from './i18n/messages';
import { personNameProblemText, spreadsheetTextProblemText, textProblemText } from './text';

/**
 * The text rules of src/common/text.ts as class-validator decorators, so a DTO (the API and the page forms that
 * validate with it) refuses exactly what the roster importer refuses, with the same message naming the field in the
 * reader's language (issue 22, items 5 to 7; issue 16 item 6). Values that are not strings are left to @IsString.
 * `aside`: a key of the dictionary's `validation.asides`, said after the field's name ("fullName (nombre completo)").
 */
function textRule(
  name: string,
  problem: (field: string, value: string) => LocalizedText | null,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          typeof value !== 'string' || problem(args.property, value) === null,
        defaultMessage: (args: ValidationArguments) =>
          localMessage(problem(args.property, String(args.value)) ?? 'validation.invalid', { field: args.property }),
      },
    });
  };
}

/** A person's name: letters, digits, spaces, apostrophes, hyphens (docs/decisions.md, "Text the portal accepts"). */
export const IsPersonName = (aside?: string, options?: ValidationOptions): PropertyDecorator =>
  textRule('isPersonName', (field, value) => personNameProblemText(field, value, aside), options);

/** Text that PDFs print: no control, invisible or bidirectional characters, nothing the PDF font lacks. */
export const IsPrintableText = (aside?: string, options?: ValidationOptions): PropertyDecorator =>
  textRule('isPrintableText', (field, value) => textProblemText(field, value, aside), options);

/** Printable text that also goes to spreadsheets: not formula-looking (a phone such as +56 9 … may start with +). */
export const IsSpreadsheetText = (
  settings: { aside?: string; phone?: boolean } = {},
  options?: ValidationOptions,
): PropertyDecorator =>
  textRule('isSpreadsheetText', (field, value) => spreadsheetTextProblemText(field, value, settings), options);
