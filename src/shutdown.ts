import type { INestApplication } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (HttpDrain closes idle
 * keep-alive sockets), run Nest's shutdown hooks (workers stop, the pool and the embedded database close),
 * then exit. If that takes longer than
 * `timeoutMs` the process exits anyway with code 1.
 */
export function installGracefulShutdown(app: INestApplication, timeoutMs: number): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => {
      process.stderr.write(`Quórum no terminó en ${timeoutMs} ms tras ${signal}; se fuerza la salida.\n`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`Error al cerrar: ${String(err)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
