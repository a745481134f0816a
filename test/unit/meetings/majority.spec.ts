import { agreementOutcome, votesNeeded } from '../../../src/meetings/majority';

const v = (votesFor: number, votesAgainst = 0, abstentions = 0) => ({ votesFor, votesAgainst, abstentions });

describe('DOM-MTG-7 agreement outcome by majority, at the boundaries', () => {
  it('simple: approved when votes for exceed votes against; a tie is rejected', () => {
    expect(agreementOutcome('simple', v(6, 5, 8), 19)).toBe('approved');
    expect(agreementOutcome('simple', v(5, 5, 9), 19)).toBe('rejected');
    expect(agreementOutcome('simple', v(4, 5, 10), 19)).toBe('rejected');
    // abstentions do not count against
    expect(agreementOutcome('simple', v(1, 0, 18), 19)).toBe('approved');
    expect(agreementOutcome('simple', v(0, 0, 19), 19)).toBe('rejected');
  });

  it('absolute: approved when votes for exceed half of those present (20 present: 11; 19 present: 10)', () => {
    expect(votesNeeded('absolute', 20)).toBe(11);
    expect(agreementOutcome('absolute', v(11, 0, 9), 20)).toBe('approved');
    expect(agreementOutcome('absolute', v(10, 0, 10), 20)).toBe('rejected'); // exactly half is not more than half
    expect(votesNeeded('absolute', 19)).toBe(10);
    expect(agreementOutcome('absolute', v(10, 9), 19)).toBe('approved');
    expect(agreementOutcome('absolute', v(9, 2, 8), 19)).toBe('rejected'); // a simple majority is not enough
  });

  it('two thirds: approved when votes for reach two thirds of those present, rounded up (18: 12; 19: 13; 20: 14)', () => {
    expect(votesNeeded('two_thirds', 18)).toBe(12);
    expect(agreementOutcome('two_thirds', v(12, 6), 18)).toBe('approved');
    expect(agreementOutcome('two_thirds', v(11, 7), 18)).toBe('rejected');
    expect(votesNeeded('two_thirds', 19)).toBe(13);
    expect(agreementOutcome('two_thirds', v(13, 6), 19)).toBe('approved');
    expect(agreementOutcome('two_thirds', v(12, 0, 7), 19)).toBe('rejected');
    expect(votesNeeded('two_thirds', 20)).toBe(14);
    expect(agreementOutcome('two_thirds', v(14, 6), 20)).toBe('approved');
    expect(agreementOutcome('two_thirds', v(13, 0, 7), 20)).toBe('rejected');
  });
});
