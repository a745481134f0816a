import { STATUTES_MAX_BYTES } from './associations/constitution-statutes.service';
import { ServiceUnavailableException, type NestApplicationOptions } from '@nestjs/common';
import { hasPrefix } from './common/web/paths';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { json, raw, urlencoded } from 'express';
import multer from 'multer';
import { redactLinkTokens } from './common/text';
import { DomainException } from './common/errors/domain.exception';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseAvailability } from './database/database-availability';
import { formOnce } from './idempotency/form-once.middleware';
import { IdempotencyService } from './idempotency/idempotency.service';
import { sessionAndCsrf } from './auth/web-security';
import { AppLogger } from './common/logging.module';
import { auditContextFrom, AuditService } from './audit/audit.service';
import { StartupService } from './startup/startup.service';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { fromRoot } from './config/paths';
import { AppValidationPipe } from './common/validation.pipe';
import { ViewEngine } from './common/views/view-engine';
import { pageLocals } from './common/web/page-locals.middleware';
import { noStoreForSecrets } from './common/web/no-store';
import { MAX_BODY_DEPTH, refuseOddBodies, verifyFormUtf8, verifyJsonUtf8 } from './common/web/body-guard';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.module';

/** Options for NestFactory.create / createNestApplication, the same in main.ts and tests. */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

/** Request bodies over 1 MB get 413 (API.md); uploads get their own limits in their controllers. */
const BODY_LIMIT = '1mb';
const BODY_LIMIT_BYTES = 1_048_576;
/** Roster files (CSV or XLSX): 20,000 rows fit in a few megabytes. */
const UPLOAD_LIMIT_BYTES = 10 * 1_048_576;
const UPLOAD_LIMIT = '10mb';
/** The file is the body: the roster import and a program's beneficiaries import (API). */
const ROSTER_IMPORT_API = /^\/api\/v1\/(associations\/[^/]+\/members|programs\/[^/]+\/beneficiaries)\/import\/?$/i;
const ROSTER_IMPORT_PAGE = /^\/(organizaciones\/[^/]+\/socios|programas\/[^/]+\/beneficiarios|fondos)\/importar\/?$/i;
/** Progress updates of table commitments may carry one evidence file (multipart, field `evidence`). */
const EVIDENCE_API = /^\/api\/v1\/commitments\/[^/]+\/updates\/?$/i;
const EVIDENCE_PAGE = /^\/mesas\/[^/]+\/compromisos\/[^/]+\/avance\/?$/i;
/** The constitution's statutes (issue 20 item 8): one PDF, multipart field `statutes` (page POST, API PUT). */
const STATUTES_PAGE = /^\/organizaciones\/[^/]+\/constitucion\/estatutos\/?$/i;
const STATUTES_API = /^\/api\/v1\/associations\/[^/]+\/constitution\/statutes\/?$/i;
const isStatutesUpload = (req: Request) =>
  ((req.method === 'POST' && STATUTES_PAGE.test(req.path)) || (req.method === 'PUT' && STATUTES_API.test(req.path))) &&
  !!req.is('multipart/form-data');
/** Room for the form's other fields and the multipart framing around an evidence file. */
const MULTIPART_OVERHEAD = 256 * 1024;
/** Evidence requests are read up to this many times the file limit (the file itself is cut at the limit). */
const EVIDENCE_BODY_FACTOR = 4;

/**
 * Everything that wires the HTTP app: logging, security headers, body parsing, assets, views, page context,
 * validation, errors and the OpenAPI docs. main.ts and every test call this and only this. Shutdown
 * signals are handled in shutdown.ts (main.ts only), which closes the app and so runs every shutdown hook.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(AppLogger));
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.set('trust proxy', config.trustProxy);

  const docsCsp = helmet.contentSecurityPolicy({
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"], // Swagger UI sets inline styles; only on /api/docs
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
      upgradeInsecureRequests: null,
    },
  });
  const pageCsp = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https://'),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    pageCsp(req, res, (err?: unknown) => {
      if (err || !hasPrefix(req.path, '/api/docs')) return next(err);
      docsCsp(req, res, next);
    });
  });

  app.use(cookieParser());
  // before the body parsers, so that a body they refuse still gets the Spanish error page with its layout
  app.use(pageLocals(config.defaultLocale, config.publicUrl.startsWith('https://')));
  // While the database is known not to answer, a request that needs it gets 503 at once (issue 22 item 3);
  // health checks still ask the database themselves, and assets need none.
  const availability = app.get(DatabaseAvailability);
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (!availability.isDown || hasPrefix(req.path, '/health') || hasPrefix(req.path, '/assets/')) return next();
    next(new ServiceUnavailableException());
  });
  // API.md: a body over 1 MB is a 413 whatever its type (uploads aside), refused before it is read.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const length = Number(req.headers['content-length'] ?? 0);
    const evidence = (EVIDENCE_API.test(req.path) || EVIDENCE_PAGE.test(req.path)) && req.is('multipart/form-data');
    if (evidence) {
      // multer stops keeping a file at the evidence limit and the service answers with the form kept; far beyond it
      // the body is not read at all
      if (length <= EVIDENCE_BODY_FACTOR * config.evidence.maxBytes + MULTIPART_OVERHEAD) return next();
      const message = `El archivo de respaldo supera el máximo de ${config.evidence.maxBytes / 1_048_576} MB.`;
      return next(new DomainException('FILE_TOO_LARGE', message, 413, [{ field: 'evidence', message }]));
    }
    if (isStatutesUpload(req)) {
      if (length <= 2 * STATUTES_MAX_BYTES + MULTIPART_OVERHEAD) return next();
      const message = `Estatutos: el archivo supera el máximo de ${STATUTES_MAX_BYTES / 1_048_576} MB.`;
      return next(new DomainException('FILE_TOO_LARGE', message, 413, [{ field: 'statutes', message }]));
    }
    if (length > BODY_LIMIT_BYTES && !ROSTER_IMPORT_API.test(req.path) && !ROSTER_IMPORT_PAGE.test(req.path)) {
      return next(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }));
    }
    next();
  });
  // Bytes that are not UTF-8 are refused naming the field, never decoded to U+FFFD; forms deeper than
  // MAX_BODY_DEPTH are refused by qs (strict depth) and JSON by refuseOddBodies below (issue 22 items 4 and 6).
  app.use(json({ limit: BODY_LIMIT, verify: verifyJsonUtf8 }));
  // body-parser 2 takes `depth` (with qs' strictDepth); its types do not list it yet
  const formOptions: Parameters<typeof urlencoded>[0] & { depth: number } = {
    limit: BODY_LIMIT,
    extended: true,
    parameterLimit: 5000, // an acta's editor posts up to ~2,000 fields
    depth: MAX_BODY_DEPTH,
    verify: verifyFormUtf8,
  };
  app.use(urlencoded(formOptions));
  // Roster imports (API): the CSV file is the body, as bytes (its encoding is checked, not assumed). Only on
  // that route: everywhere else a body over 1 MB is a 413.
  const csvBody = raw({
    type: [
      'text/csv',
      'text/plain',
      'application/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    limit: UPLOAD_LIMIT,
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    ROSTER_IMPORT_API.test(req.path) ? csvBody(req, res, next) : next(),
  );

  const assetOptions = { maxAge: config.isProduction ? '1d' : 0, index: false as const, fallthrough: true };
  app.useStaticAssets(fromRoot('public'), { ...assetOptions, prefix: '/assets/' });
  app.useStaticAssets(path.join(path.dirname(require.resolve('bootstrap/package.json')), 'dist'), {
    ...assetOptions,
    prefix: '/assets/vendor/bootstrap/',
  });

  const views = app.get(ViewEngine);
  app.engine('hbs', views.expressEngine());
  app.setBaseViewsDir(views.viewsDir);
  app.setViewEngine('hbs');
  const startup = app.get(StartupService);
  const [sessions, csrfProtection] = sessionAndCsrf(
    app.get(DataSource),
    () => startup.sessionSecret,
    config.publicUrl.startsWith('https://'),
  );
  app.use(sessions);
  // HTML uploads: one file in memory, only on the upload page and only for a signed-in session, parsed before
  // the CSRF check so the form's token is read from the multipart body.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 20, fieldSize: 10_000 },
  }).single('file');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      !ROSTER_IMPORT_PAGE.test(req.path) ||
      !req.is('multipart/form-data') ||
      !(req as Request & { session?: { userId?: string } }).session?.userId
    )
      return next();
    upload(req, res, (err?: unknown) => {
      if (!err) return next();
      const code = (err as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE')
        return next(
          new DomainException(
            'FILE_TOO_LARGE',
            `El archivo supera el máximo de ${UPLOAD_LIMIT_BYTES / 1_048_576} MB.`,
            413,
            [{ field: 'file', message: `El archivo supera el máximo de ${UPLOAD_LIMIT_BYTES / 1_048_576} MB.` }],
          ),
        );
      next(
        new DomainException(
          'UPLOAD_INVALID',
          'El formulario de carga no es válido: envíe un solo archivo en el campo «file».',
          400,
          [{ field: 'file', message: 'Envíe un solo archivo.' }],
        ),
      );
    });
  });
  // Evidence files (API with a token or a session; the page with a session): one file in memory, at most the
  // limit; a larger one is not an error here: the service answers it with the field's message and writes nothing.
  // names as typed (UTF-8, with any path, so a path-like name is refused rather than silently shortened)
  const evidenceUpload = multer({
    storage: multer.memoryStorage(),
    preservePath: true,
    defParamCharset: 'utf8',
    limits: { fileSize: config.evidence.maxBytes, files: 1, fields: 10, fieldSize: 100_000 },
  }).single('evidence');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const signedIn =
      !!(req as Request & { session?: { userId?: string } }).session?.userId ||
      /^Bearer /i.test(req.headers.authorization ?? '');
    if (
      req.method !== 'POST' ||
      !(EVIDENCE_API.test(req.path) || EVIDENCE_PAGE.test(req.path)) ||
      !req.is('multipart/form-data') ||
      !signedIn
    )
      return next();
    evidenceUpload(req, res, (err?: unknown) => {
      const code = (err as { code?: string } | undefined)?.code;
      if (err)
        (req as Request & { uploadError?: string }).uploadError =
          code === 'LIMIT_FILE_SIZE' ? 'too_large' : code === 'LIMIT_FIELD_VALUE' ? 'field_too_long' : 'invalid';
      req.body ??= {};
      next();
    });
  });
  // The statutes' PDF (issue 20 item 8), signed in only: one file in memory, cut at 10 MB; the service answers a
  // larger, empty or non-PDF file naming "Estatutos" and writes nothing.
  const statutesUpload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: STATUTES_MAX_BYTES, files: 1, fields: 5, fieldSize: 10_000 },
  }).single('statutes');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const signedIn =
      !!(req as Request & { session?: { userId?: string } }).session?.userId ||
      /^Bearer /i.test(req.headers.authorization ?? '');
    if (!isStatutesUpload(req) || !signedIn) return next();
    statutesUpload(req, res, (err?: unknown) => {
      const code = (err as { code?: string } | undefined)?.code;
      if (err)
        (req as Request & { uploadError?: string }).uploadError = code === 'LIMIT_FILE_SIZE' ? 'too_large' : 'invalid';
      req.body ??= {};
      next();
    });
  });
  // every parser has run (JSON, forms, multipart fields): no body or query string too deep or with prototype keys
  app.use(refuseOddBodies);
  app.use(noStoreForSecrets);
  app.use(csrfProtection);
  // a page form that creates something is saved once, however often the browser sends it (issue 22 item 2)
  app.use(formOnce(app.get(IdempotencyService)));

  app.useGlobalPipes(new AppValidationPipe());
  const audit = app.get(AuditService);
  const dataSource = app.get(DataSource);
  app.useGlobalFilters(
    new AllExceptionsFilter(
      (req, problem) => {
        // Every refusal leaves an audit row (ARCHITECTURE.md §5): written outside the refused request's work.
        // Failed logins have their own row (auth.login_failed).
        if (problem.code === 'INVALID_CREDENTIALS') return;
        const actor = (req as Request & { actor?: { id: string } | null }).actor ?? null;
        audit
          .record(
            auditContextFrom(req, actor),
            {
              action: 'access.denied',
              objectType: 'route',
              objectId: redactLinkTokens(`${req.method} ${req.path}`).slice(0, 300),
              details: { status: problem.status, code: problem.code ?? null },
            },
            dataSource.manager,
          )
          .catch(() => undefined);
      },
      (error) => availability.noteFailure(error),
    ),
  );

  const openApi = new DocumentBuilder()
    .setTitle('Quórum API')
    .setDescription(
      'API JSON del portal Quórum (v1). Contrato: API.md del diseño (paths, campos y códigos estables); este documento lista cada ruta. Errores en application/problem+json.\n\n' +
        '**Reintentos sin duplicados (`Idempotency-Key`).** Todo `POST` acepta la cabecera `Idempotency-Key` (8 a 200 caracteres ASCII visibles; use un UUID nuevo por operación). ' +
        'Con la misma clave y el mismo cuerpo, dentro de 24 horas, la API responde lo mismo que la primera vez (estado y cuerpo, con `Idempotency-Replayed: true`) y no crea nada de nuevo; ' +
        'mientras la primera solicitud sigue en curso, `409 REQUEST_IN_PROGRESS`; la misma clave con otro cuerpo, `422 IDEMPOTENCY_KEY_REUSED`. ' +
        'Si la primera solicitud fue rechazada (4xx) o falló, la clave queda libre para la solicitud corregida. Las claves son de cada usuario.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Quórum API',
  });

  return app;
}
