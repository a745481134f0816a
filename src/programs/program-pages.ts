import { contentDisposition } from '../common/format/file-name';
import type { Response } from 'express';
import type { AssociationDirectory } from '../associations/association-directory.service';
import type { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import type { Locale } from '../common/i18n/i18n';
import type { ProgramConsentService } from './program-consent.service';
import type { TableDownload } from './program-files.service';
import { ProgramException } from './programs.exception';
import type { ProgramsService, ProgramView } from './programs.service';
import type { PostedForm } from './programs.view-model';

/**
 * What the programs' page controllers share (issue 17): the reader's language, a refused form's input, the
 * downloads, and the enrolled associations the forms offer (a form's post: submitForm, common/web/page-form).
 */

export const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
/** What a refused form posted: only to show it again (programs.view-model). */
export const postedOn = (refused: unknown, posted: unknown): PostedForm =>
  (refused ? (posted ?? {}) : {}) as PostedForm;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const one = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Today in the program's time zone (the forms' default dates). */
export function programToday(clock: Clock, program: ProgramView): string {
  return localDate(clock.now(), program.timeZone);
}

/** The enrolled associations by name, and whether each shares its roster with the program now. */
export async function enrolledAssociations(
  programs: ProgramsService,
  directory: AssociationDirectory,
  consent: ProgramConsentService,
  programId: string,
): Promise<{ id: string; name: string; sharing: boolean }[]> {
  const ids = (await programs.enrolments(programId)).map((e) => e.associationId);
  const [summaries, sharing] = await Promise.all([directory.summaries(ids), consent.sharingAssociations(programId)]);
  return ids
    .filter((id) => summaries.has(id))
    .map((id) => ({ id, name: summaries.get(id)!.name, sharing: sharing.has(id) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'es'));
}

/** The export formats of the pages (anything else is not a page: 404). */
export function tableFormat(format: string): 'csv' | 'xlsx' {
  if (format !== 'csv' && format !== 'xlsx') throw ProgramException.notFound();
  return format;
}

/** A generated file as an attachment, never cached (it carries personal data). */
export function download(res: Response, file: TableDownload): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', contentDisposition(file.filename));
  res.setHeader('Cache-Control', 'no-store');
  res.send(file.content);
}
