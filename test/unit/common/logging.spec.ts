import { redactLinkTokens } from '../../../src/common/text';

describe('single-use link tokens', () => {
  it('never show in request logs nor on the outbox page, in URLs, text or HTML', () => {
    expect(redactLinkTokens('/clave/nueva?token=abcDEF_123-xyz')).toBe('/clave/nueva?token=[oculto]');
    expect(redactLinkTokens('/clave/nueva?lang=en&token=abc&x=1')).toBe('/clave/nueva?lang=en&token=[oculto]&x=1');
    expect(redactLinkTokens('<a href="http://x/clave/nueva?token&#x3D;abc">')).toBe('<a href="http://x/clave/nueva?token&#x3D;[oculto]">');
    expect(redactLinkTokens('/comunas?q=serena')).toBe('/comunas?q=serena');
  });
});
