import { DomainException } from '../../../src/common/errors/domain.exception';
import { paging } from '../../../src/common/paging';
import type { AppConfig } from '../../../src/config/app-config';
import { waitInWords } from '../../../src/auth/login-throttle';
import { AuthException } from '../../../src/auth/auth.exception';
import type { FileStore } from '../../../src/documents/file-store';
import { EvidenceStore } from '../../../src/tables/evidence-store';
import { requiredTableText } from '../../../src/tables/table-access.service';
import type { FieldError } from '../../../src/common/errors/domain.exception';

const refusalOf = (fn: () => unknown): DomainException => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainException) return err;
    throw err;
  }
  throw new Error('not refused');
};

/** Issue 16 item 6: the refusals of tables, sign-in and paging in both languages, each number the language's way. */
describe('refusals of tables, auth and paging in Spanish and English', () => {
  it('a field over its limit: the limit grouped as each language writes it, the Spanish unchanged', () => {
    const errors: FieldError[] = [];
    requiredTableText('x'.repeat(10_001), 'description', 10_000, errors);
    expect(errors).toEqual([
      {
        field: 'description',
        message: 'El campo description admite como máximo 10.000 caracteres.',
        text: {
          es: 'El campo description admite como máximo 10.000 caracteres.',
          en: 'The field description allows at most 10,000 characters.',
        },
      },
    ]);
  });

  it('an evidence file: its size in bytes grouped per language; its detected type named in each', () => {
    // check() reads no file store: it refuses before anything is written
    const store = new EvidenceStore(
      { evidence: { dir: '/nowhere', maxBytes: 1_048_576 } } as AppConfig,
      null as unknown as FileStore,
    );
    const big = Buffer.alloc(1_048_577);
    const tooLarge = refusalOf(() => store.check({ originalname: 'a.pdf', buffer: big, size: big.length }));
    expect(tooLarge.detail).toBe('El archivo de respaldo pesa 1.048.577 bytes; el máximo es 1.048.576 bytes (1 MB).');
    expect(tooLarge.detailIn('en')).toBe(
      'The evidence file is 1,048,577 bytes; the maximum is 1,048,576 bytes (1 MB).',
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    const renamed = refusalOf(() => store.check({ originalname: 'informe', buffer: png, size: png.length }));
    expect(renamed.detail).toBe(
      'El archivo «informe» es una imagen PNG, pero su nombre termina en «(sin extensión)»: corrija el nombre.',
    );
    expect(renamed.errorsIn('en')).toEqual([
      {
        field: 'evidence',
        message: 'The file «informe» is a PNG image, but its name ends in «(no extension)»: correct the name.',
      },
    ]);
  });

  it('a throttled sign-in: the wait in words of each language, its Retry-After unchanged', () => {
    expect(waitInWords(90_000)).toBe('2 minutos');
    expect(waitInWords(1_000, 'en')).toBe('1 second');
    const refused = AuthException.tooManyAttempts(30_000);
    expect(refused.detail).toBe(
      'Hubo demasiados intentos fallidos de ingreso desde su conexión. Vuelva a intentarlo en 30 segundos.',
    );
    expect(refused.detailIn('en')).toBe(
      'There were too many failed sign-in attempts from your connection. Try again in 30 seconds.',
    );
    expect(refused.retryAfterSeconds).toBe(30);
  });

  it('a page past the last: 100.000 in Spanish, 100,000 in English', () => {
    const refused = refusalOf(() => paging({ page: 0, pageSize: 500 }));
    expect(refused.errorsIn('es').map((e) => e.message)).toEqual([
      'El campo page debe ser un número entero entre 1 y 100.000.',
      'El campo pageSize debe ser un número entero entre 1 y 200.',
    ]);
    expect(refused.errorsIn('en')[0].message).toBe('The field page must be a whole number between 1 and 100,000.');
  });
});
