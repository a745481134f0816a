import { ValidationFailedException } from '../../src/common/errors/domain.exception';
import { validateBody } from '../../src/common/validation.pipe';

/** The field errors a form body gets at the page's door (validateBody, always a 400), or [] when it passes. */
export async function refusal(type: new () => object, body: unknown): Promise<{ field: string; message: string }[]> {
  try {
    await validateBody(type, body);
    return [];
  } catch (err) {
    if (!(err instanceof ValidationFailedException)) throw err;
    expect(err.status).toBe(400);
    return err.errors;
  }
}
