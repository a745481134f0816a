import { SmtpPeer } from './smtp-peer';
import { createTestApp, type TestAppOptions, type TestContext } from './test-app';

/**
 * An app whose mail goes to a real SMTP peer (`peer.messages`, `peer.waitFor(n)`), with the outbox worker's timer
 * off (MAIL_WORKER=false) so that the test sends with `runOnce()`; `env` adds settings. The peer is stopped again
 * when the app does not start.
 */
export async function appWithMailPeer(
  env: Record<string, string> = {},
  options: Omit<TestAppOptions, 'env'> = {},
): Promise<{ peer: SmtpPeer; ctx: TestContext }> {
  const peer = await SmtpPeer.start();
  try {
    return {
      peer,
      ctx: await createTestApp({ ...options, env: { SMTP_URL: peer.url, MAIL_WORKER: 'false', ...env } }),
    };
  } catch (error) {
    await peer.stop();
    throw error;
  }
}
