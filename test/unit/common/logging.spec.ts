import { redactUrl } from '../../../src/common/logging.module';

describe('request logs', () => {
  it('never keep the single-use token of a link', () => {
    expect(redactUrl('/clave/nueva?token=abcDEF_123-xyz')).toBe('/clave/nueva?token=[oculto]');
    expect(redactUrl('/clave/nueva?lang=en&token=abc&x=1')).toBe('/clave/nueva?lang=en&token=[oculto]&x=1');
    expect(redactUrl('/comunas?q=serena')).toBe('/comunas?q=serena');
  });
});
