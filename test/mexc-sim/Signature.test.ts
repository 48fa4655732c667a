import { describe, expect, it } from 'vitest';
import { sign, splitSignature, verifySignature } from './Signature';

// MEXC's Spot v3 docs, signed endpoints: the doc's own keys; "Example 1"'s 323c96… is wrong and not used.
const secret = '45d0b3c26f2644f19bfb98b07741b2f5';

describe('MEXC signature test vectors', () => {
  it('signs the all-in-query example to fd3e4e…837a', () => {
    const message = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087';
    expect(sign(secret, message)).toBe('fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a');
  });

  it('signs query ‖ body with nothing between them to d1a676…4592', () => {
    const query = 'symbol=BTCUSDT&side=BUY&type=LIMIT';
    const body = 'quantity=1&price=11&recvWindow=5000&timestamp=1644489390087';
    expect(sign(secret, query + body)).toBe('d1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592');
  });

  it('accepts lowercase hex only, and splits the signature off the raw query without re-encoding', () => {
    const message = 'a=1&b=x%20y';
    const signature = sign(secret, message);
    expect(verifySignature(secret, message, signature)).toBe(true);
    expect(verifySignature(secret, message, signature.toUpperCase())).toBe(false);
    expect(verifySignature(secret, 'a=1&b=x+y', signature)).toBe(false);
    expect(splitSignature(`${message}&signature=${signature}`)).toEqual({ signed: message, signature });
  });
});
