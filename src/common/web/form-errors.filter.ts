import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainException } from '../errors/domain.exception';
import { isLocale, Locale, translate } from '../i18n/i18n';
import { labelsOfAllViews, labelsOfView, withFieldLabels, type FieldLabels } from '../views/field-labels';

/**
 * A refusal's messages as a page shows them (issue 20 item 6): the API names a field by its API name ("El campo
 * businessName ..."), a page by the label its form shows ("El campo «Nombre del negocio» ..."), in the reader's
 * language. `view`: the page's template, whose own labels come first.
 */
export function pageMessages(
  err: DomainException,
  locale: Locale,
  view?: string,
): { messages: { field: string; message: string }[]; detail: string } {
  const labels: FieldLabels = { page: view ? labelsOfView(view) : undefined, all: labelsOfAllViews() };
  return {
    messages: err.errorsIn(locale).map((e) => ({ ...e, message: withFieldLabels(e.message, locale, labels) })),
    detail: withFieldLabels(err.detailIn(locale), locale, labels),
  };
}

const SECRET_FIELDS = /pass|token|_csrf/i;

/**
 * For an HTML form: a refused submission re-renders the same form with the message of each field (by its label), the
 * user's input kept (never passwords) and the refusal's 4xx status. `extra(req)` adds what the view needs;
 * its `values` are defaults for fields the request did not carry. Other errors go to the global filter.
 */
export function formErrors(
  view: string,
  titleKey: string,
  extra: (req: Request) => Record<string, unknown> = () => ({}),
) {
  @Catch(DomainException)
  class FormErrorsFilter implements ExceptionFilter {
    catch(exception: DomainException, host: ArgumentsHost): void {
      const req = host.switchToHttp().getRequest<Request>();
      const res = host.switchToHttp().getResponse<Response>();
      if (exception.status >= 500) throw exception;
      const locale = isLocale(res.locals.locale) ? res.locals.locale : 'es';
      const extras = extra(req);
      const values: Record<string, unknown> = { ...((extras.values as Record<string, unknown> | undefined) ?? {}) };
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>))
        if (!SECRET_FIELDS.test(k) && typeof v === 'string') values[k] = v;
      const errors: Record<string, string> = {};
      const { messages, detail } = pageMessages(exception, locale, view);
      for (const e of messages) errors[e.field] ??= e.message;
      res.status(exception.status).render(view, {
        title: translate(locale, titleKey),
        errors,
        // A summary above the form: every message, including fields the form does not show (refused extras).
        formError: messages.length ? messages.map((e) => e.message).join(' ') : detail,
        ...extras,
        values,
      });
    }
  }
  return new FormErrorsFilter();
}

/**
 * A refusal a page shows again with its messages: each field's first message (`rename` maps API field names to
 * the form's), the summary and the 4xx status. Not found, forbidden and server errors are rethrown for the
 * global filter (they are not the form's to show).
 */
export function formRefusal(
  err: unknown,
  res: Response,
  rename: (field: string) => string = (f) => f,
): { status: number; errors: Record<string, string>; formError: string } {
  // 507 (storage full, issue 21 item 4) is shown on the form like a refusal: nothing was saved, the person retries
  if (
    !(err instanceof DomainException) ||
    (err.status >= 500 && err.status !== 507) ||
    err.status === 404 ||
    err.status === 403
  )
    throw err;
  const locale: Locale = isLocale(res.locals.locale) ? res.locals.locale : 'es';
  const { messages, detail } = pageMessages(err, locale);
  const errors: Record<string, string> = {};
  for (const e of messages) errors[rename(e.field)] ??= e.message;
  return {
    status: err.status,
    errors,
    formError: messages.length ? messages.map((e) => e.message).join(' ') : detail,
  };
}
