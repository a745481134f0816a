/**
 * The odd values the fuzzer sends: text no form should have to accept, numbers JSON allows but JavaScript does not
 * keep, dates that do not exist, ids of the wrong shape, query strings and raw bodies that break parsers.
 * Each list is a catalogue; generators.ts picks from them with the seeded generator.
 */

/** JSON text emitted verbatim by the serializer (numbers JavaScript cannot hold, deep nesting, duplicate keys). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An object with keys in a given order, duplicates and prototype names allowed (JSON text, not a JS object). */
export class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof Entries)
    return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return value > 0 ? '1e999' : value < 0 ? '-1e999' : '0';
  return JSON.stringify(value);
}

/** Unicode that breaks naive code: lone surrogates, bidi and invisible controls, NUL, emoji, full-width forms. */
export const ODD_TEXT: readonly string[] = [
  '',
  ' ',
  '   \t  ',
  '\u0000',
  'Ana\u0000María',
  '\u0007\u001b[31mrojo',
  '\uD800',
  '\uDFFF',
  'Ana\uDBFFMaría',
  '\uDC00\uD800',
  '\u202Egnp.exe',
  'Juan \u202EzeréP\u202C',
  '\u2066Ana\u2069',
  '\u200F\u200E\u061C',
  'Ana\u200BMaría',
  '\uFEFFAna',
  '\u00AD',
  '\uFFFD',
  '\uFFFF',
  '\uFFFE',
  '\uE000\uF8FF',
  '\u{10FFFF}',
  '\u{E0041}\u{E007F}',
  '😀',
  '👩‍👩‍👧‍👦 Familia',
  '🇨🇱🇵🇪',
  'Ａｎａ　Ｍａｒíａ',
  '＝ＳＵＭ（Ａ１）',
  '=HYPERLINK("http://x")',
  '+56 9 1234 5678',
  '-1+1',
  '@SUM(A1)',
  '\tTab',
  '\r\nfila',
  'línea\u2028siguiente\u2029',
  'e' + '\u0301'.repeat(80),
  '𝕬𝖓𝖆 𝕸𝖆𝖗í𝖆',
  '中文名字',
  'محمد علي',
  'אבג',
  'ㅤ',
  '\u3164\u115F',
  '\u00A0\u3000',
  'ß ı İ ǅ ﬃ',
  'İ'.repeat(120),
  '<script>alert(1)</script>',
  '{{constructor.constructor "alert(1)"}}',
  "Robert'); DROP TABLE person;--",
  '${7*7} %s %n %x',
  '../../etc/passwd',
  'C:\\CON\\aux.pdf',
  'null',
  'undefined',
  'NaN',
  'true',
  '0x1F',
  '1e999',
  '-0',
  '%00',
  '%E2%80%AE',
  'ñandú ÑANDÚ',
  "O'Higgins-Riquelme",
];

/** Strings at and beyond the documented limits (names 200, addresses 300, free text 10,000). */
export const LONG_TEXT_LENGTHS: readonly number[] = [199, 200, 201, 300, 301, 1_000, 10_000, 10_001, 100_000, 600_000];
export const LONG_TEXT_UNITS: readonly string[] = ['a', 'ñ', '😀', 'e\u0301', ' ', '\u0000', '\uD800', 'Ｗ'];

/** Values of the wrong type for any field. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e21,
  [],
  [''],
  [null],
  [1, 2, 3],
  {},
  { a: 'b' },
  [[[]]],
  { $gt: '' },
  { $ne: null },
  '1',
  'true',
  new RawJson('1e999'),
  new RawJson('-1e999'),
  new RawJson('-0'),
  new RawJson('9007199254740993'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('4.9e-324'),
];

/** Numbers for numeric fields (versions, counts, votes, progress, ranks). */
export const ODD_NUMBERS: readonly unknown[] = [
  -1,
  0,
  1,
  0.5,
  99.999,
  100,
  101,
  199,
  200,
  201,
  1000,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_649,
  1e15,
  Number.MAX_SAFE_INTEGER,
  new RawJson('9007199254740993'),
  new RawJson('1e999'),
  new RawJson('-1e999'),
  new RawJson('1e308'),
  new RawJson('-0'),
  new RawJson('1.0'),
  new RawJson('1E2'),
  new RawJson('4.9e-324'),
  'NaN',
  '12',
  ' 12 ',
  '１２',
];

/** Calendar dates (`yyyy-mm-dd` fields). */
export const ODD_DATES: readonly string[] = [
  '2026-02-29',
  '2028-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-03-00',
  '2026-03-32',
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '1900-01-01',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '2026-3-7',
  '17-03-2026',
  '03/17/2026',
  '2026/03/17',
  '20260317',
  '2026-03-17T19:30',
  '2026-03-17T03:00:00.000Z',
  ' 2026-03-17',
  '2026-03-17 ',
  '2026‐03‐17',
  '２０２６-０３-１７',
  '2026-03-17\u0000',
  'ayer',
  'mañana',
  'Invalid Date',
  '',
  '1e10',
];

/** Local date-times (`localStart`, `assemblyAt`, `proposedAt`). */
export const ODD_LOCAL_TIMES: readonly string[] = [
  '2026-09-06T00:30', // Chile: the clock jumps from 00:00 to 01:00 (this time does not exist)
  '2026-04-04T23:30', // Chile: the clock goes back at midnight (this time happens twice)
  '2026-03-17T24:00',
  '2026-03-17T23:60',
  '2026-03-17T19:30:59.999',
  '2026-03-17T19:30:60',
  '2026-03-17T19:30Z',
  '2026-03-17T19:30:00.000Z',
  '2026-03-17T19:30+14:00',
  '2026-03-17T19:30-99:00',
  '2026-03-17 19:30',
  '2026-03-17',
  '2026-03-17T',
  'T19:30',
  '19:30',
  '20260317T1930',
  '2026-W12-2T19:30',
  '+275760-09-13T00:00',
  '-271821-04-20T00:00',
  '275761-01-01T00:00',
  '0000-01-01T00:00',
  '1970-01-01T00:00',
  '9999-12-31T23:59',
  '2026-02-30T19:30',
  '2026-03-17T19:30\u0000',
  '２０２６-０３-１７T１９:３０',
  'pronto',
  '',
];

/** Clock times (`arrivedAt`, `leftAt`). */
export const ODD_CLOCK_TIMES: readonly string[] = [
  '24:00',
  '25:00',
  '19:60',
  '-1:00',
  '19:45:00',
  '7:5',
  '１９:４５',
  '19h45',
  '',
  '23:59',
  '00:00',
];

export const ODD_TIME_ZONES: readonly string[] = [
  'UTC',
  'Etc/GMT+12',
  'Etc/GMT-14',
  'Pacific/Kiritimati',
  'America/Punta_Arenas',
  'Pacific/Easter',
  'EST5EDT',
  'Mars/Phobos',
  'america/santiago',
  'America/Santiago ',
  '+99:00',
  '../../../etc/localtime',
  'Europe/London\u0000',
  '',
  'a'.repeat(300),
];

export const ODD_RRULES: readonly string[] = [
  'FREQ=SECONDLY',
  'FREQ=MINUTELY;INTERVAL=1',
  'FREQ=DAILY;INTERVAL=0',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=MONTHLY;BYDAY=5FR',
  'FREQ=MONTHLY;BYMONTHDAY=31',
  'FREQ=WEEKLY;COUNT=1000000',
  'FREQ=DAILY;UNTIL=99991231T000000Z',
  'FREQ=DAILY;BYSETPOS=-1000',
  'FREQ=HOURLY;BYHOUR=25',
  'FREQ=YEARLY;INTERVAL=1000000',
  'FREQ=MONTHLY;BYDAY=1TU,3TU;BYSETPOS=1,2,3,4,5,6,7,8,9,10',
  'DTSTART:19700101T000000Z\nRRULE:FREQ=DAILY',
  'RRULE:FREQ=WEEKLY',
  'FREQ=WEEKLY;WKST=XX',
  'FREQ=;;;',
  'FREQ=WEEKLY;BYDAY=' + Array.from({ length: 500 }, () => 'MO').join(','),
  '',
];

export const ODD_EMAILS: readonly string[] = [
  'a@b',
  'a@b.c',
  '"a b"@example.cl',
  'a@[127.0.0.1]',
  'ñandú@ejemplo.cl',
  'ana@ｅｘａｍｐｌｅ.cl',
  'a'.repeat(65) + '@example.cl',
  'x@' + 'a'.repeat(250) + '.cl',
  'ADMIN@EXAMPLE.CL',
  ' ana@example.cl ',
  'ana@example.cl\n',
  'ana@example.cl,otra@example.cl',
  '@example.cl',
  'ana@',
  'ana@example..cl',
];

export const ODD_RUTS: readonly string[] = [
  '12.345.678-5',
  '12345678-5',
  '123456785',
  '12.345.678-6',
  '12345678-K',
  '12345678-k',
  '0-0',
  '1-9',
  '99.999.999-9',
  '100000000-0',
  '１２３４５６７８-５',
  '12.345.678‐5',
  '-',
  '12.345.678-5-5',
  '45678912',
  '20123456789',
];

/** Ids that are not ids: the handlers must answer 400 or 404, never reach SQL with them as uuids. */
export const MALFORMED_IDS: readonly string[] = [
  'x',
  '0',
  '-1',
  '1e999',
  'null',
  '00000000-0000-0000-0000-000000000000',
  '00000000-0000-4000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "' OR '1'='1",
  '../../etc/passwd',
  'a'.repeat(2_000),
  '\u0000',
  '\u202E',
  '😀',
];

/** Query strings appended to a request (the text after `?`, already encoded as a client would send it). */
export const ODD_QUERIES: readonly string[] = [
  'a=1&a=2&a=3',
  'a[b][c][d][e][f][g][h][i]=1',
  Array.from({ length: 30 }, (_, i) => `[k${i}]`)
    .join('')
    .replace(/^/, 'deep') + '=1',
  '__proto__[admin]=1',
  'constructor[prototype][admin]=1',
  'a[__proto__][admin]=1',
  'prototype=1',
  'x=%00',
  'x=%E0%A4%A',
  'x=%FF%FE',
  '%FF=1',
  'version=NaN',
  'version=1e999',
  'page=-1&pageSize=100000',
  'q=' + 'a'.repeat(6_000),
  Array.from({ length: 1_200 }, (_, i) => `p${i}=${i}`).join('&'),
  'a[]=1&a[1000000]=2',
  'a[=1&]=2&[]=3',
  '=&&=&',
  'lang=xx',
  'lang=en&lang=es',
  'x=%E2%80%AE%F0%9F%98%80',
  'status=active&status[$ne]=x',
  'tableId=' + encodeURIComponent("' OR 1=1 --"),
];

/** Bodies that are not JSON objects, or not JSON at all. */
export const RAW_BODIES: readonly string[] = [
  '',
  '{',
  '{"a":1',
  '{"a":1}{"b":2}',
  '[]',
  '[{}]',
  '"texto"',
  '123',
  'null',
  'true',
  '\uFEFF{}',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":"\\x41"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":1,"a":2}',
  '/* comentario */ {}',
];

/** Byte sequences that are not UTF-8, inside otherwise plausible JSON. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), // overlong '/'
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), // CESU surrogate
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0x22, 0x7d]), // truncated sequence
  Buffer.from('\ufeff{"name":"Ana"}', 'utf16le'),
];

export const ODD_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----limite',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=nada',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'text/csv',
  '*/*',
  'application/json, text/plain',
];

/** Form bodies (urlencoded) as a browser or a script could post them to the API. */
export const ODD_FORMS: readonly string[] = [
  'a' + '[b]'.repeat(25) + '=1',
  'a[__proto__][admin]=1',
  '__proto__[admin]=1',
  '%FF=1',
  'name=%C0%AF',
  'a=%',
  Array.from({ length: 5_100 }, (_, i) => `f${i}=1`).join('&'),
  'fullName=Ana&fullName=Mar%C3%ADa',
  'items[0][title]=x&items[1000000][title]=y',
  '=1&==&&',
];
