import { createHash } from 'node:crypto';

/** The URL namespace of RFC 4122, appendix C. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** RFC 4122 name-based UUID (version 5, SHA-1): fixed ids for reference and demo rows. */
export function uuidV5(name: string, namespace: string = QUORUM_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Quórum's own namespace for fixed ids; never change it, ids of existing rows derive from it. */
export const QUORUM_NAMESPACE = uuidV5('https://quorum.cl/ids', URL_NAMESPACE);
