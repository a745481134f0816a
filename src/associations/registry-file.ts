import { formatDate } from '../common/format/dates';
import type { TableCell } from '../common/format/table-stream';
import { translate } from '../common/i18n/i18n';
import type { RegistryContacts, RegistryRow } from './associations.repository';
import type { RegistryItemView } from './associations.view-model';

const t = (key: string) => translate('es', `registry.file.${key}`);

/**
 * The registry export's columns (issue 20 item 7), in Spanish: a Peruvian registry says distrito and RUC, a Chilean
 * one comuna and RUT, an administrator's of both countries names both.
 */
export function registryFileHeader(countries: Set<string>): string[] {
  const peru = countries.size === 1 && countries.has('PE');
  const chile = countries.size === 1 && countries.has('CL');
  return [
    t('name'),
    t('kind'),
    t('status'),
    peru ? t('district') : chile ? t('commune') : t('communeOrDistrict'),
    peru ? 'RUC' : chile ? 'RUT' : 'RUT / RUC',
    t('address'),
    t('neighbourhoodUnit'),
    t('membersActive'),
    t('contactName'),
    t('contactPhone'),
    t('contactEmail'),
    t('presidentName'),
    t('presidentPhone'),
    t('presidentEmail'),
    t('secretaryName'),
    t('secretaryPhone'),
    t('secretaryEmail'),
    t('recognitionExpiresOn'),
    t('warnings'),
  ];
}

/** An organisation's cells in the order of registryFileHeader (null: an empty cell). */
export function registryFileCells(
  item: RegistryItemView,
  row: RegistryRow,
  c: RegistryContacts | undefined,
): TableCell[] {
  return [
    item.name,
    translate('es', `kinds.${item.kind}`),
    translate('es', `associationStatuses.${item.status}`),
    item.communeName,
    item.document,
    c?.address ?? '',
    item.neighbourhoodUnit,
    item.membersActive,
    c?.contactName ?? null,
    c?.contactPhone ?? null,
    c?.contactEmail ?? null,
    c?.presidentName ?? null,
    c?.presidentPhone ?? null,
    c?.presidentEmail ?? null,
    c?.secretaryName ?? null,
    c?.secretaryPhone ?? null,
    c?.secretaryEmail ?? null,
    formatDate(row.recognitionExpiresOn),
    item.warnings.map((w) => `${translate('es', `warnings.${w.code}`)}: ${formatDate(w.dueOn)}`).join('; '),
  ];
}
