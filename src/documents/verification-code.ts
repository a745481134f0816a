import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O, U, so codes read aloud or typed from paper survive.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 128 random bits as 26 base32 characters (the last carries 3 bits). */
export function newVerificationCode(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * `ABCD-EFGH-...` for printing, groups of four: the one way a code is shown (pages, PDFs, mails, flash messages, the
 * API; issue 20 item 6). A code already printed is printed the same.
 */
export function formatVerificationCode(code: string): string {
  const bare = code.replace(/-/g, '');
  return bare.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * What a person typed or scanned -> the stored form: uppercase, no separators or spaces, with the letters
 * people confuse mapped as Crockford does (O->0, I/L->1). Null when it cannot be a code.
 */
export function normalizeVerificationCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(code) ? code : null;
}
