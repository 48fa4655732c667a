import { describe, expect, it } from 'vitest';
import type { BreakerState } from '../../../shared/contract';
import { CircuitBreaker } from './CircuitBreaker';

function breaker() {
  let now = 0;
  const changes: BreakerState[] = [];
  const b = new CircuitBreaker({ clock: { now: () => now }, failureThreshold: 3, openMs: 10_000, onChange: (s) => changes.push(s) });
  return { b, changes, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const { b } = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('opens after N consecutive transient failures and then fails fast', () => {
    const { b, changes } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    expect(changes).toEqual(['open']);
  });

  it('half-opens after the cooldown and lets exactly one probe through', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(9_999);
    expect(b.allow()).toBe(false);
    advance(1);
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const { b, advance, changes } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(10_000);
    b.allow();
    b.success();
    expect(b.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again, for a fresh cooldown, when the probe fails', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(10_000);
    b.allow();
    b.failure();
    expect(b.state).toBe('open');
    advance(9_999);
    expect(b.state).toBe('open');
  });

  it('says MEXC is failing from the first failure until a success, open or not (what a cache serves meanwhile is stale)', () => {
    const { b, advance } = breaker();
    expect(b.failing).toBe(false);
    b.failure();
    expect([b.state, b.failing]).toEqual(['closed', true]);
    b.neutral();
    expect(b.failing).toBe(true);
    for (let i = 0; i < 2; i++) b.failure();
    expect([b.state, b.failing]).toEqual(['open', true]);
    advance(10_000);
    expect([b.state, b.failing]).toEqual(['half-open', true]);
    b.allow();
    b.success();
    expect(b.failing).toBe(false);
  });

  it('treats a permanent error on the probe as proof that MEXC answers', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(10_000);
    b.allow();
    b.neutral();
    expect(b.state).toBe('closed');
  });
});
