import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { requestLogOptions } from '../../../src/common/request-log';

/** A real HTTP server whose requests are logged with the portal's options; answers what each request wrote. */
async function logged(level: string, path: string, status: number, headers: Record<string, string> = {}) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const options = requestLogOptions(level);
  const middleware = pinoHttp({
    ...options,
    logger: pino({ level, base: options.base, redact: options.redact }, sink),
  });
  const server: Server = createServer((req, res) => {
    middleware(req, res);
    res.statusCode = status;
    res.setHeader('set-cookie', 'quorum.sid=secreto');
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await fetch(`http://127.0.0.1:${port}${path}`, { headers });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => server.close(resolve));
  return lines;
}

describe('request logs (issue 20 item 9)', () => {
  it('at info: one short line per request, method, path, status and time, and no headers', async () => {
    const lines = await logged('info', '/organizaciones?pagina=2', 200, {
      cookie: 'quorum.sid=abc',
      authorization: 'Bearer qrm_secreto',
      'x-request-id': 'solicitud-12345',
    });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line.msg).toMatch(/^GET \/organizaciones\?pagina=2 200 \d+ ms$/);
    expect(line.req).toEqual({ id: 'solicitud-12345', method: 'GET', url: '/organizaciones?pagina=2' });
    expect(line.res).toEqual({ statusCode: 200 });
    const text = JSON.stringify(line);
    expect(text).not.toContain('headers');
    expect(text).not.toContain('secreto');
    expect(text).not.toContain('quorum.sid');
    expect(text.length).toBeLessThan(400);
  });

  it('a refusal is a warning and a failure an error, each still one line', async () => {
    expect((await logged('info', '/x', 404))[0]).toMatchObject({
      level: 40,
      msg: expect.stringMatching(/^GET \/x 404/),
    });
    expect((await logged('info', '/x', 503))[0]).toMatchObject({ level: 50 });
  });

  it('at debug the headers come too, with the secrets hidden; a single-use token never shows at any level', async () => {
    const [line] = await logged('debug', '/clave/nueva?token=abcDEF123', 200, { cookie: 'quorum.sid=abc' });
    expect(line.msg).toMatch(/^GET \/clave\/nueva\?token=\[oculto\] 200/);
    expect((line.req as { headers: Record<string, string> }).headers.cookie).toBe('[oculto]');
    expect((line.res as { headers: Record<string, string> }).headers['set-cookie']).toBe('[oculto]');
    expect(JSON.stringify(line)).not.toContain('abcDEF123');
    const [quiet] = await logged('info', '/clave/nueva?token=abcDEF123', 200);
    expect(JSON.stringify(quiet)).not.toContain('abcDEF123');
  });

  it('health probes and static assets are not logged', async () => {
    expect(await logged('info', '/health/ready', 200)).toEqual([]);
    expect(await logged('info', '/assets/css/portal.css', 200)).toEqual([]);
  });
});
