import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { maskRut } from '../common/format/rut';
import { AuditLog } from './entities/audit-log.entity';

/** Who did it and from where; controllers build it from the request with `auditContextFrom(req)`. */
export interface AuditContext {
  userId?: string | null;
  role?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  scopeType?: string;
  scopeId?: string;
  details?: Record<string, unknown>;
}

export function auditContextFrom(req: Request, user?: { id: string; role?: string | null } | null): AuditContext {
  return {
    userId: user?.id ?? null,
    role: user?.role ?? null,
    ip: req.ip ?? req.socket?.remoteAddress ?? null,
    requestId: String((req as { id?: unknown }).id ?? '') || null,
  };
}

const SECRET_KEY = /pass(word)?|token|secret|cookie|authorization|otp|code_verifier/i;
// A RUT in a string: 7-8 digit body (with or without dots), optional hyphen, check digit, standing alone (not
// inside a UUID, a longer number or a word).
const RUT_IN_TEXT = /(?<![\w.-])\d{1,2}\.?\d{3}\.?\d{3}-?[\dkK](?![\w-])/g;
const WHOLE_RUT = /^\d{1,2}\.?\d{3}\.?\d{3}-?[\dkK]$/;

/** Ids stay as they are (a UUID may contain digit runs); an id that is a whole RUT is masked. */
function maskIfRut(id: string): string {
  return WHOLE_RUT.test(id.trim()) ? maskRut(id) : id;
}

/** Removes secrets and masks RUTs, recursively, so nothing sensitive reaches the log. */
export function scrubAuditDetails(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return value.replace(RUT_IN_TEXT, (rut) => maskRut(rut)).slice(0, 2000);
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => scrubAuditDetails(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) out[k] = '[oculto]';
      else if (/^(rut|dni|ruc)$/i.test(k) && typeof v === 'string')
        out[k] = k.toLowerCase() === 'rut' ? maskRut(v) : `****${v.slice(-3)}`;
      else out[k] = scrubAuditDetails(v, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * Writes audit rows. Call it with the EntityManager of the business transaction so the change and its audit
 * row commit together (ARCHITECTURE.md §3.2).
 */
@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  /** Writes one row with the caller's EntityManager (`em`), so it commits or rolls back with the change. */
  async record(context: AuditContext, entry: AuditEntry, em: EntityManager): Promise<void> {
    await em.insert(AuditLog, {
      at: this.clock.now(),
      userId: context.userId ?? null,
      role: context.role ?? null,
      ip: context.ip ?? null,
      requestId: context.requestId ?? null,
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ? maskIfRut(entry.objectId) : null,
      scopeType: entry.scopeType ?? null,
      scopeId: entry.scopeId ? maskIfRut(entry.scopeId) : null,
      details: scrubAuditDetails(entry.details ?? {}) as object,
    });
  }

  /**
   * A refusal because the object lies outside the actor's scope (ARCHITECTURE.md §5: every refusal leaves a row);
   * the caller then answers 404, as for an object that does not exist.
   */
  deniedOutsideScope(
    context: AuditContext,
    actor: { id: string },
    object: Omit<AuditEntry, 'action' | 'details'>,
    em: EntityManager,
  ): Promise<void> {
    return this.record(
      { ...context, userId: actor.id },
      { action: 'access.denied', ...object, details: { reason: 'outside_scope' } },
      em,
    );
  }
}
