import { bearer } from './api-problem';
import { binaryBody } from './pdf-text';
import type { TestContext } from './test-app';

/** A meeting's acta as a PDF through the API, read with `token` (200): the response, its body a Buffer. */
export const minutesPdf = (ctx: TestContext, meetingId: string, token: string) =>
  ctx.http
    .get(`/api/v1/meetings/${meetingId}/minutes.pdf`)
    .set(bearer(token))
    .buffer(true)
    .parse(binaryBody)
    .expect(200);
