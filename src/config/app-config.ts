import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidationError,
  validateSync,
} from 'class-validator';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from './paths';

const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const v = String(value).trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value; // left as is, so the validator names the variable
};
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The environment variables the portal reads, validated once at boot. Names and defaults are documented in
 * the README's configuration table; keep both in step.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  HOST?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL debe ser una URL postgres://usuario@servidor:puerto/base',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEMO?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE?: number;

  /** false behind a pooler in transaction mode (PgBouncer): no named prepared statements (named-statement.ts). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DB_PREPARED_STATEMENTS?: boolean;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIn(['es', 'en'])
  DEFAULT_LOCALE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL debe ser una URL smtp:// o smtps://' })
  SMTP_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  MAIL_POLL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  MAIL_WORKER?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  VERIFY_RATE_LIMIT?: number;

  // `true` would trust any client's X-Forwarded-For (rate limits and audit IPs spoofable): name the proxies.
  @IsOptional()
  @Matches(/^(false|loopback|linklocal|uniquelocal|\d{1,2}|[0-9a-fA-F.:/, ]+)$/, {
    message: 'TRUST_PROXY debe ser false, loopback, un número de saltos o direcciones IP/CIDR (no true)',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsEmail({}, { message: 'ADMIN_EMAIL debe ser un correo electrónico válido' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD debe tener al menos 8 caracteres' })
  @MaxLength(256)
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_RATE_LIMIT?: number;

  /** Issue 21: only read by `evidence:import` (evidence files kept on disk by earlier versions); nothing is written. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  EVIDENCE_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  EVIDENCE_MAX_MB?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  REMINDER_DAYS_BEFORE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  REMINDER_DAYS_AFTER?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  FUND_CLOSING_SOON_DAYS?: number;

  /** Days before a fund call closes when its reminders go out, comma-separated (`7,1`). */
  @IsOptional()
  @Matches(/^\d{1,2}(,\d{1,2}){0,4}$/)
  FUND_REMINDER_DAYS?: string;

  /** Hours a market waitlist offer stays open before it lapses and moves on (DOM-MKT-3). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  MARKET_OFFER_HOURS?: number;
}

const ENV_KEYS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'PUBLIC_URL',
  'DATABASE_URL',
  'DATA_DIR',
  'MIGRATIONS_RUN',
  'DEMO',
  'DB_POOL_SIZE',
  'DB_PREPARED_STATEMENTS',
  'LOG_LEVEL',
  'DEFAULT_LOCALE',
  'SHUTDOWN_TIMEOUT_MS',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_POLL_MS',
  'MAIL_MAX_ATTEMPTS',
  'MAIL_WORKER',
  'VERIFY_RATE_LIMIT',
  'TRUST_PROXY',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'LOGIN_RATE_LIMIT',
  'EVIDENCE_DIR',
  'EVIDENCE_MAX_MB',
  'REMINDER_DAYS_BEFORE',
  'REMINDER_DAYS_AFTER',
  'FUND_CLOSING_SOON_DAYS',
  'FUND_REMINDER_DAYS',
  'MARKET_OFFER_HOURS',
] as const;

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize: number; preparedStatements?: boolean }
  | { kind: 'embedded'; dataDir: string; poolSize: 1 };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string;
  database: DatabaseConfig;
  migrationsRun: boolean;
  /** true: always load demo data; false: never; 'auto': on a new embedded database only. */
  demo: boolean | 'auto';
  logLevel: string;
  defaultLocale: 'es' | 'en';
  shutdownTimeoutMs: number;
  smtpUrl: string | null;
  mailFrom: string;
  mail: {
    /** How often the outbox worker looks for due messages. */
    pollMs: number;
    /** Attempts before a message is marked failed. */
    maxAttempts: number;
    /** Run the outbox worker in this process (with SMTP configured). */
    worker: boolean;
  };
  /** Verification lookups per minute per IP (public page and API). */
  verifyRateLimit: number;
  /** Express `trust proxy`: which reverse proxies may set X-Forwarded-For (client IPs for rate limits, audit). */
  trustProxy: boolean | number | string;
  /** Makes sure this administrator exists at every start (password set only when created). */
  admin: { email: string; password: string } | null;
  /** Login, password-reset and token requests per minute per IP. */
  loginRateLimit: number;
  /** Evidence files of commitments' progress (outside the web root) and their size limit. */
  evidence: { dir: string; maxBytes: number };
  /** Commitment reminders (DOM-TBL-3): days before the due date, and days after it while still open (0: none). */
  reminders: { daysBefore: number; daysAfter: number };
  /** Fund calls (DOM-FND-3): `closing_soon` this many days or less before the close; reminders these days before. */
  funds: { closingSoonDays: number; reminderDays: number[] };
  /** DOM-MKT-3: hours a waitlist offer stays open. */
  market: { offerHours: number };
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración inválida:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Builds the one validated configuration object from an environment (process.env in production, an explicit
 * object in tests). This is the only function in the code base that reads environment variables.
 */
export function loadConfig(source: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of ENV_KEYS) {
    if (source[key] !== undefined) raw[key] = source[key];
  }
  const env = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(env, { whitelist: true });
  if ((raw.ADMIN_EMAIL === undefined) !== (raw.ADMIN_PASSWORD === undefined)) {
    errors.push(
      Object.assign(new ValidationError(), {
        property: raw.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD',
        constraints: { pair: 'ADMIN_EMAIL y ADMIN_PASSWORD van juntas' },
      }),
    );
  }
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map(
        (e) => `${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
      ),
    );
  }
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  const port = env.PORT ?? 3000;
  const host = env.HOST ?? '0.0.0.0';
  const dataDir = path.resolve(projectRoot(), env.DATA_DIR ?? 'data');
  return {
    env: nodeEnv,
    isProduction: nodeEnv === 'production',
    port,
    host,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          poolSize: env.DB_POOL_SIZE ?? 10,
          preparedStatements: env.DB_PREPARED_STATEMENTS ?? true,
        }
      : { kind: 'embedded', dataDir: env.DATA_DIR === 'memory://' ? 'memory://' : dataDir, poolSize: 1 },
    migrationsRun: env.MIGRATIONS_RUN ?? true,
    demo: env.DEMO ?? 'auto',
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    defaultLocale: (env.DEFAULT_LOCALE ?? 'es') as 'es' | 'en',
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS ?? 8000,
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM ?? 'Quórum <no-responder@quorum.local>',
    mail: {
      pollMs: env.MAIL_POLL_MS ?? 5000,
      maxAttempts: env.MAIL_MAX_ATTEMPTS ?? 8,
      worker: env.MAIL_WORKER ?? true,
    },
    verifyRateLimit: env.VERIFY_RATE_LIMIT ?? 30,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    admin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD
        ? { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD }
        : null,
    loginRateLimit: env.LOGIN_RATE_LIMIT ?? 5,
    evidence: {
      dir: env.EVIDENCE_DIR
        ? path.resolve(projectRoot(), env.EVIDENCE_DIR)
        : env.DATA_DIR === 'memory://'
          ? path.join(os.tmpdir(), `quorum-evidence-${process.pid}`)
          : path.join(dataDir, 'evidence'),
      maxBytes: (env.EVIDENCE_MAX_MB ?? 5) * 1_048_576,
    },
    reminders: { daysBefore: env.REMINDER_DAYS_BEFORE ?? 3, daysAfter: env.REMINDER_DAYS_AFTER ?? 1 },
    funds: {
      closingSoonDays: env.FUND_CLOSING_SOON_DAYS ?? 7,
      reminderDays: [...new Set((env.FUND_REMINDER_DAYS ?? '7,1').split(',').map(Number))]
        .filter((d) => d > 0)
        .sort((a, b) => b - a),
    },
    market: { offerHours: env.MARKET_OFFER_HOURS ?? 48 },
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  return value;
}
