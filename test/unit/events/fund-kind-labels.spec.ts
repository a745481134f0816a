import { ASSOCIATION_KINDS } from '../../../src/associations/association-rules';
import { KIND_LABELS_ES } from '../../../src/events/funds/fund-calls.view-model';

describe('fund calls: the kinds of organisation a call is for, in words', () => {
  it('names every kind of association the registry knows (Chile and Peru), never its code', () => {
    for (const kind of ASSOCIATION_KINDS) expect([kind, KIND_LABELS_ES[kind] ?? null]).not.toEqual([kind, null]);
    expect(KIND_LABELS_ES.milk_committee).toBe('Comités de vaso de leche');
  });
});
