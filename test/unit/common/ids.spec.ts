import { uuidV5 } from '../../../src/common/ids';

describe('uuidV5', () => {
  it('matches the RFC 4122 name-based UUID of a known name', () => {
    // DNS namespace, "www.example.com" (a widely published test vector)
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives the same municipality id on every installation and different ids per commune', () => {
    expect(uuidV5('municipality:04101')).toBe(uuidV5('municipality:04101'));
    expect(uuidV5('municipality:04101')).not.toBe(uuidV5('municipality:04102'));
    expect(uuidV5('municipality:04101')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
