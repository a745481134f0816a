import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import * as net from 'node:net';
import express from 'express';
import { formOnce } from '../../../src/idempotency/form-once.middleware';
import type { IdempotencyService, KeyedRequest } from '../../../src/idempotency/idempotency.service';

const FORM_ID = '4c6fecd6-d72d-4764-837c-f55fdf44f18e';

/**
 * What the middleware tells the key store, with a handler that answers only when the test lets it: the store is a
 * stand-in (what is under test is when the middleware records an answer, not the store's SQL, which the
 * idempotency e2e spec runs on the real database).
 */
function portal() {
  const calls: string[] = [];
  const keys = {
    begin: async (): Promise<KeyedRequest> => ({ state: 'first', id: 'k1' }),
    complete: async (_id: string, answer: { status: number; location?: string | null; body?: unknown }) =>
      void calls.push(
        `complete ${answer.status} ${answer.location} ${(answer.body as { flashCookie?: string }).flashCookie}`,
      ),
    forget: async () => void calls.push('forget'),
  } as unknown as IdempotencyService;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use((req, _res, next) => {
    (req as unknown as { session: { userId: string } }).session = { userId: 'u1' };
    next();
  });
  app.use(formOnce(keys));
  app.post('/socios/nuevo', (req, res) => {
    entered();
    void released.then(() => res.cookie('quorum_flash', 'socio-agregado').redirect(303, '/socios'));
  });
  return { app, calls, release, handlerEntered };
}

describe('a form sent once (issue 22 item 2) when the browser drops the first post', () => {
  let server: Server;
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it("records the first post's answer even though its connection closed before the answer (a double click)", async () => {
    const { app, calls, release, handlerEntered } = portal();
    server = createServer(app);
    const closed = new Promise<void>((resolve) => server.on('connection', (s) => s.on('close', () => resolve())));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    const body = `_form=${FORM_ID}&fullName=Mar%C3%ADa`;
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `POST /socios/nuevo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await handlerEntered; // the member is being saved...
    socket.destroy(); // ...when the second click's navigation drops the first post
    await closed;
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // the answer is recorded, so the second post is sent where the first went (not left waiting for a `running` key)
    // with its message, which a replay sets again (the browser never got the first answer)
    expect(calls).toEqual(['complete 303 /socios quorum_flash=socio-agregado; Path=/']);
  });

  it('a refusal (the form shown again with its errors) leaves no id behind', async () => {
    const { app, calls } = portal();
    app.post('/otro', (_req, res) => void res.status(400).send('errores'));
    server = createServer(app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/otro`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_form=${FORM_ID}`,
    });
    expect(res.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual(['forget']);
  });
});
