import { createHash } from 'node:crypto';

/**
 * The SHA-256 (hex) of a secret token: what is stored and looked up in place of the token itself (API tokens, login
 * links, calendar feeds, share links, market offers), so a copy of the database holds no usable secret.
 */
export const sha256Hex = (token: string): string => createHash('sha256').update(token).digest('hex');
