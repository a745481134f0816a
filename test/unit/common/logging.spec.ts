import { redactLinkTokens } from '../../../src/common/text';

describe('single-use link tokens', () => {
  it('never show in request logs nor on the outbox page, in URLs, text or HTML', () => {
    expect(redactLinkTokens('/clave/nueva?token=abcDEF_123-xyz')).toBe('/clave/nueva?token=[oculto]');
    expect(redactLinkTokens('/clave/nueva?lang=en&token=abc&x=1')).toBe('/clave/nueva?lang=en&token=[oculto]&x=1');
    expect(redactLinkTokens('<a href="http://x/clave/nueva?token&#x3D;abc">')).toBe(
      '<a href="http://x/clave/nueva?token&#x3D;[oculto]">',
    );
    expect(redactLinkTokens('/comunas?q=serena')).toBe('/comunas?q=serena');
  });

  it('the secret addresses of shared boards and calendar feeds never show either', () => {
    expect(redactLinkTokens('/mesas/compartida/jFKL0ZLSG3CTAZOPJWPkxImu0otYBdewEyCxfKADlFM?status=open')).toBe(
      '/mesas/compartida/[oculto]?status=open',
    );
    expect(redactLinkTokens('GET /mesas/compartida/abc_DEF-123')).toBe('GET /mesas/compartida/[oculto]');
    expect(redactLinkTokens('/calendario/abcDEF123456789012345.ics')).toBe('/calendario/[oculto].ics');
    expect(redactLinkTokens('/mesas/4c6fecd6-d72d-4764-837c-f55fdf44f18e/compromisos')).toBe(
      '/mesas/4c6fecd6-d72d-4764-837c-f55fdf44f18e/compromisos',
    );
  });
});
