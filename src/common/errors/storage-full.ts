/**
 * SQLSTATEs of a database that refuses a write for want of room: disk_full, out_of_memory, program_limit_exceeded
 * (issue 21 item 4). Answered 507 Insufficient Storage, never as a crash: by the service that wrote (naming its
 * field, e.g. a commitment's evidence) or else by the error filter.
 */
const NO_ROOM = new Set(['53100', '53200', '54000']);

/** A write the database refused for want of room (see NO_ROOM). */
export function isStorageFull(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return !!code && NO_ROOM.has(code);
}
