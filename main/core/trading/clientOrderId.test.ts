import { describe, expect, it } from 'vitest';
import { clientOrderIdFor, highestSequenceIn, ownPrefix } from './clientOrderId';

describe('clientOrderIdFor', () => {
  it('carries the prefix, the install id, the local run date and the sequence', () => {
    expect(clientOrderIdFor({ installId: 'k3x9a2mq', runDate: '20261125', sequence: 42 })).toBe('qtb-k3x9a2mq-20261125-000042');
    expect(clientOrderIdFor({ installId: 'k3x9a2mq', runDate: '20261125', sequence: 42 }).startsWith(ownPrefix('k3x9a2mq'))).toBe(true);
  });

  it("stays within MEXC's accepted characters and hummingbot's 32-character cap", () => {
    const id = clientOrderIdFor({ installId: 'zzzzzzzz', runDate: '99991231', sequence: 999_999 });
    expect(id.length).toBeLessThanOrEqual(32);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses parts that would break the format', () => {
    expect(() => clientOrderIdFor({ installId: 'SHOUTING', runDate: '20261125', sequence: 1 })).toThrow(RangeError);
    expect(() => clientOrderIdFor({ installId: 'k3x9a2mq', runDate: '2026-11-25', sequence: 1 })).toThrow(RangeError);
    expect(() => clientOrderIdFor({ installId: 'k3x9a2mq', runDate: '20261125', sequence: 0 })).toThrow(RangeError);
    expect(() => clientOrderIdFor({ installId: 'k3x9a2mq', runDate: '20261125', sequence: 1_000_000 })).toThrow(RangeError);
  });
});

describe('highestSequenceIn', () => {
  it("finds this install's highest sequence in any text, ignoring other installs", () => {
    const text = '{"clientOrderId":"qtb-k3x9a2mq-20261125-000007"} qtb-aaaaaaaa-20261126-000099 qtb-k3x9a2mq-20261126-000003 garbage';
    expect(highestSequenceIn(text, 'k3x9a2mq')).toBe(7);
    expect(highestSequenceIn(text, 'aaaaaaaa')).toBe(99);
    expect(highestSequenceIn('nothing here', 'k3x9a2mq')).toBe(0);
  });
});
