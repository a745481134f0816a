import type { NextFunction, Request, Response } from 'express';
import { isUtf8 } from 'node:buffer';
import { DomainException, FieldError } from '../errors/domain.exception';

/**
 * What a request body may look like before any handler sees it (SECURITY.md, issue 22 items 4 and 6): no deeper
 * than MAX_BODY_DEPTH (class-transformer and the validators recurse, so a deep body would overflow the stack), no
 * key that names an object's prototype, and valid UTF-8 bytes (never stored as U+FFFD). Each refusal is a 400
 * naming the field, logged at most at warn by the error filter (a 4xx).
 */
export const MAX_BODY_DEPTH = 20;

/** Keys that reach an object's prototype in some JavaScript code path: never a field of ours. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export class BodyRefusedException extends DomainException {
  constructor(code: 'BODY_TOO_DEEP' | 'UNKNOWN_FIELD' | 'INVALID_ENCODING', detail: string, errors: FieldError[] = []) {
    super(code, detail, 400, errors);
  }
}

const tooDeep = () =>
  new BodyRefusedException(
    'BODY_TOO_DEEP',
    `La solicitud tiene más de ${MAX_BODY_DEPTH} niveles de anidamiento; revise su formato.`,
  );

/**
 * Walks a parsed body without recursion (a body 100,000 levels deep must not overflow here either) and throws
 * on the first problem. Exported for the tests and for bodies parsed elsewhere (uploads' form fields).
 */
export function inspectBody(body: unknown): void {
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
  const stack: { value: object; path: string; depth: number }[] = [{ value: body, path: '', depth: 1 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) throw tooDeep();
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) {
        const message = `El campo ${field} no está permitido.`;
        throw new BodyRefusedException('UNKNOWN_FIELD', message, [{ field, message }]);
      }
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: field, depth: depth + 1 });
    }
  }
}

/** Express middleware: refuses odd bodies and odd query strings before routing. */
export function refuseOddBodies(req: Request, _res: Response, next: NextFunction): void {
  try {
    inspectBody(req.body);
    inspectBody(req.query);
    next();
  } catch (err) {
    next(err);
  }
}

function invalidEncoding(field: string | null): BodyRefusedException {
  const message = field
    ? `El campo ${field} contiene bytes que no son texto UTF-8 válido.`
    : 'La solicitud contiene bytes que no son texto UTF-8 válido.';
  return new BodyRefusedException('INVALID_ENCODING', message, field ? [{ field, message }] : []);
}

/** The first string field of a JSON value (decoded with replacement characters) that holds U+FFFD. */
function fieldWithReplacement(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\uFFFD')) return path || 'body';
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>).reverse())
        stack.push({ value: child, path: path ? `${path}.${k}` : k });
    }
  }
  return null;
}

/**
 * body-parser's `verify` for JSON: bytes that are not UTF-8 are refused (body-parser would decode them as U+FFFD
 * and the bad text would be stored), naming the field that holds them when the rest parses.
 */
export function verifyJsonUtf8(_req: Request, _res: Response, buf: Buffer): void {
  if (isUtf8(buf)) return;
  let field: string | null = null;
  try {
    field = fieldWithReplacement(JSON.parse(new TextDecoder('utf-8').decode(buf)));
  } catch {
    field = null;
  }
  throw invalidEncoding(field);
}

function decodeFormPart(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, ' '));
}

/**
 * body-parser's `verify` for forms: raw bytes must be UTF-8, and every percent-encoded key and value must decode to
 * UTF-8 (qs would otherwise keep the text `%FF` as typed). Names the field.
 */
export function verifyFormUtf8(_req: Request, _res: Response, buf: Buffer): void {
  if (!isUtf8(buf)) throw invalidEncoding(null);
  for (const pair of buf.toString('utf8').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    let key: string;
    try {
      key = decodeFormPart(rawKey);
    } catch {
      throw invalidEncoding(null);
    }
    if (eq === -1) continue;
    try {
      decodeFormPart(pair.slice(eq + 1));
    } catch {
      throw invalidEncoding(key.slice(0, 100));
    }
  }
}

/** body-parser's own refusals (an http-errors object with a `type`), as a 4xx the error filter understands. */
export function bodyParserRefusal(error: unknown): { status: number; type: string } | null {
  const e = error as { type?: unknown; status?: unknown; expose?: unknown } | null;
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number') return null;
  if (e.status < 400 || e.status >= 500) return null;
  return { status: e.status, type: e.type };
}
