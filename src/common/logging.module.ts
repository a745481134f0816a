import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Module } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { redactLinkTokens } from './text';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Nest's start-up chatter (one line per module and route) at debug level; everything else as pino logs it. */
@Injectable()
export class AppLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && BOOT_CONTEXTS.has(context)) return super.debug(message, ...optionalParams);
    return super.log(message, ...optionalParams);
  }
}

/** JSON logs (pino) with a request id per request: taken from X-Request-Id when sane, else a new UUID. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          base: { app: 'quorum' },
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const incoming = req.headers['x-request-id'];
            const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
              'res.headers["set-cookie"]',
            ],
            censor: '[oculto]',
          },
          // Links carry single-use tokens in the query string (/clave/nueva?token=…): never log them.
          serializers: {
            req: (req: { url?: string; query?: Record<string, unknown> } & Record<string, unknown>) => ({
              ...req,
              url: req.url === undefined ? undefined : redactLinkTokens(req.url),
              query: req.query && 'token' in req.query ? { ...req.query, token: '[oculto]' } : req.query,
            }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => /^\/(assets|health)\//.test(req.url ?? '') },
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
            err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        },
      }),
    }),
  ],
  providers: [AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
