import type { Response } from 'express';
import { setFlash, type FlashMessage } from './flash';
import { formRefusal } from './form-errors.filter';

/** A refused form as its page shows it again: each field's message, the summary and the 4xx status. */
export type FormRefusal = ReturnType<typeof formRefusal>;

/** Where a form post that went through sends the browser, with the message shown there. */
export interface FormDone {
  to: string;
  flash?: FlashMessage;
}

/** Done: to the page at `to`, with the success message `key` (a `flash.` key of the dictionaries), if any. */
export const doneTo = (to: string, key?: string, params?: FlashMessage['params']): FormDone => ({
  to,
  flash: key ? { type: 'success', key, params } : undefined,
});

/**
 * A page's form post (post, redirect, get): `act` validates the form, calls the service and says where to go
 * (303, with its flash); a refusal (a 4xx other than 403 and 404) shows the page again through `again`, with the
 * messages (field names mapped by `rename`) and the refusal's status (`err`, the refusal itself, for a page that
 * shows more of it). Anything else goes to the global filter.
 */
export async function submitForm(
  res: Response,
  act: () => Promise<FormDone>,
  again: (refusal: FormRefusal, err: unknown) => Promise<void>,
  rename?: (field: string) => string,
): Promise<void> {
  let done: FormDone;
  try {
    done = await act();
  } catch (err) {
    return again(formRefusal(err, res, rename), err);
  }
  if (done.flash) setFlash(res, done.flash);
  res.redirect(303, done.to);
}

/** A page's form as it is shown: empty on a first visit; after a refusal, the body as posted and the messages. */
export function formState(
  refused?: FormRefusal,
  posted?: unknown,
): { posted: Record<string, unknown> | null; errors: Record<string, string>; formError: string | null } {
  return {
    posted: refused ? ((posted ?? {}) as Record<string, unknown>) : null,
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}
