import type { FieldError } from '../common/errors/domain.exception';
import { parseCalendarDate } from '../common/format/dates';
import type { LocalizedText } from '../common/i18n/messages';
import { documentProblemText, parseOrganisationDocument } from '../common/format/identity';
import { foldForSearch } from '../common/text';
import type { MunicipalityContext } from '../territory/territory.service';
import { type Area, type AssociationKind, recognitionExpiry } from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import type { Association } from './entities/association.entity';
import { blank } from './roster-rules';

/**
 * The checks of an organisation's record (issue 16 item 8, out of AssociationsService): its details, a registry
 * act that puts it in force without the municipal constitution, and the unique indexes' refusals. Pure but for
 * the refusals they throw, with their texts in associations.messages.ts.
 */

/** What registering an organisation takes (the JSON API's and the page form's body, checked here). */
export interface NewAssociation {
  communeCode: string;
  kind: string;
  name: string;
  area: string;
  address: string;
  neighbourhoodUnit?: string | null;
  rut?: string | null;
  ruc?: string | null;
  registryNumber?: string | null;
  registeredOn?: string | null;
  recognisedBy?: string | null;
  recognisedOn?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  description?: string | null;
}

/** The details of a new or edited organisation (DOM-ORG-1, -12; DOM-ID-1), every problem at once. */
export function checkedDetails(
  municipality: MunicipalityContext,
  kind: AssociationKind,
  input: NewAssociation,
): Partial<Association> {
  const errors: FieldError[] = [];
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) errors.push(AssociationException.fieldError('name', T.nameRequired()));
  const address = (input.address ?? '').trim();
  if (!address) errors.push(AssociationException.fieldError('address', T.addressRequired()));
  if (input.area !== 'urban' && input.area !== 'rural')
    errors.push(AssociationException.fieldError('area', T.areaInvalid()));
  const neighbourhoodUnit = blank(input.neighbourhoodUnit);
  if (kind === 'neighbourhood_council' && !neighbourhoodUnit)
    errors.push(AssociationException.fieldError('neighbourhoodUnit', T.neighbourhoodUnitRequired()));
  let rut: string | null = null;
  let ruc: string | null = null;
  const orgDoc = municipality.settings.identity.organisation;
  if (blank(input.rut)) {
    if (orgDoc !== 'rut') errors.push(AssociationException.fieldError('rut', T.useRuc()));
    else {
      const parsed = parseOrganisationDocument('rut', input.rut as string);
      if (parsed.ok) rut = parsed.value;
      else errors.push(AssociationException.fieldError('rut', documentProblemText('rut', 'rut', parsed.reason)));
    }
  }
  if (blank(input.ruc)) {
    if (orgDoc !== 'ruc') errors.push(AssociationException.fieldError('ruc', T.useRut()));
    else {
      const parsed = parseOrganisationDocument('ruc', input.ruc as string);
      if (parsed.ok) ruc = parsed.value;
      else errors.push(AssociationException.fieldError('ruc', documentProblemText('ruc', 'ruc', parsed.reason)));
    }
  }
  const email = blank(input.contactEmail)?.toLowerCase() ?? null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    errors.push(AssociationException.fieldError('contactEmail', T.emailInvalid({ field: 'contactEmail' })));
  if (errors.length) throw AssociationException.invalid(errors);
  return {
    name,
    nameKey: foldForSearch(name),
    area: input.area as Area,
    address,
    neighbourhoodUnit,
    rut,
    ruc,
    contactName: blank(input.contactName),
    contactPhone: blank(input.contactPhone),
    contactEmail: email,
    description: blank(input.description),
  };
}

/**
 * A registry act: who made it (a number, an authority) and when (a date not after today), both required, every
 * problem at once.
 */
function checkedAct(
  by: { field: string; value?: string | null; required: LocalizedText },
  on: { field: string; value?: string | null; required: LocalizedText },
  today: string,
): { by: string | null; on: string } {
  const errors: FieldError[] = [];
  if (!blank(by.value)) errors.push(AssociationException.fieldError(by.field, by.required));
  const date = on.value ? parseCalendarDate(on.value) : null;
  if (!on.value) errors.push(AssociationException.fieldError(on.field, on.required));
  else if (!date) errors.push(AssociationException.fieldError(on.field, T.fieldValidDate({ field: on.field })));
  else if (date > today) errors.push(AssociationException.fieldError(on.field, T.fieldFutureDate({ field: on.field })));
  if (errors.length) throw AssociationException.invalid(errors);
  return { by: blank(by.value), on: date as string };
}

/** A trade association's registration with the Ministry of Economy (DOM-ORG-13). */
export function checkedRegistration(
  input: { registryNumber?: string | null; registeredOn?: string | null },
  today: string,
): Partial<Association> {
  const act = checkedAct(
    { field: 'registryNumber', value: input.registryNumber, required: T.registryNumberRequired() },
    { field: 'registeredOn', value: input.registeredOn, required: T.registeredOnRequired() },
    today,
  );
  return { registryNumber: act.by, registeredOn: act.on };
}

/** A Peruvian organisation's recognition and its expiry (DOM-ORG-14). */
export function checkedRecognition(
  municipality: MunicipalityContext,
  kind: string,
  input: { recognisedBy?: string | null; recognisedOn?: string | null },
  today: string,
): Partial<Association> {
  const act = checkedAct(
    { field: 'recognisedBy', value: input.recognisedBy, required: T.recognisedByRequired() },
    { field: 'recognisedOn', value: input.recognisedOn, required: T.recognisedOnRequired() },
    today,
  );
  return {
    recognisedBy: act.by,
    recognisedOn: act.on,
    recognitionExpiresOn: recognitionExpiry(act.on, municipality.settings, kind),
  };
}

/** A unique index refused the row: the same RUT or RUC, or the same name in the commune. */
export function duplicateAssociation(err: unknown): never {
  const driver = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
  if (driver?.code === '23505') {
    if (driver.constraint === 'UQ_association_rut' || driver.constraint === 'UQ_association_ruc') {
      const field = driver.constraint === 'UQ_association_rut' ? 'rut' : 'ruc';
      throw AssociationException.conflict(
        'DUPLICATE_ASSOCIATION',
        T.duplicateDocument({ document: field.toUpperCase() }),
        field,
      );
    }
    throw AssociationException.conflict('DUPLICATE_ASSOCIATION', T.duplicateName(), 'name');
  }
  throw err;
}
