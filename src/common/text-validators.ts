import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { personNameProblem, spreadsheetTextProblem, textProblem } from './text';

/**
 * The text rules of src/common/text.ts as class-validator decorators, so a DTO (the API and the page forms that
 * validate with it) refuses exactly what the roster importer refuses, with the same Spanish message naming the
 * field (issue 22, items 5 to 7). Values that are not strings are left to @IsString.
 */
function textRule(
  name: string,
  problem: (field: string, value: string) => string | null,
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
          problem(args.property, String(args.value)) ?? `El campo ${args.property} no es válido.`,
      },
    });
  };
}

/** A person's name: letters, digits, spaces, apostrophes, hyphens (docs/decisions.md, "Text the portal accepts"). */
export const IsPersonName = (label?: string, options?: ValidationOptions): PropertyDecorator =>
  textRule('isPersonName', (field, value) => personNameProblem(field, value, label), options);

/** Text that PDFs print: no control, invisible or bidirectional characters, nothing the PDF font lacks. */
export const IsPrintableText = (label?: string, options?: ValidationOptions): PropertyDecorator =>
  textRule('isPrintableText', (field, value) => textProblem(field, value, label), options);

/** Printable text that also goes to spreadsheets: not formula-looking (a phone such as +56 9 … may start with +). */
export const IsSpreadsheetText = (
  settings: { label?: string; phone?: boolean } = {},
  options?: ValidationOptions,
): PropertyDecorator =>
  textRule('isSpreadsheetText', (field, value) => spreadsheetTextProblem(field, value, settings), options);
