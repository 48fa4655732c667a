import { describe, expect, it } from 'vitest';
import { MEXC_WS_URL } from '../exchange/streams/MexcStreams';
import { streamUrlFrom } from './ExchangeSession';

describe('where the push streams connect', () => {
  it("uses MEXC's WebSocket with MEXC's REST base", () => {
    expect(streamUrlFrom({}, undefined)).toBe(MEXC_WS_URL);
  });
  it('goes REST only for another REST base unless MEXC_WS_URL names one', () => {
    expect(streamUrlFrom({}, 'http://127.0.0.1:9000')).toBeNull();
    expect(streamUrlFrom({ MEXC_WS_URL: 'ws://127.0.0.1:9000/ws' }, 'http://127.0.0.1:9000')).toBe('ws://127.0.0.1:9000/ws');
  });
  it('MEXC_WS_URL=off turns the streams off even against MEXC', () => {
    expect(streamUrlFrom({ MEXC_WS_URL: 'off' }, undefined)).toBeNull();
  });
});
