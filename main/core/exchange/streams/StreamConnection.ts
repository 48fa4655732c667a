import WebSocket from 'ws';
import type { TimerHandle, Timers } from '../../clock';
import { decodePush, type PushFrame } from './mexcPushProto';

/** MEXC closes a connection that sends nothing for 60 s (MEXC's Spot v3 docs, WebSocket): ping well inside that. */
export const STREAM_PING_MS = 20_000;
/** No answer to a ping for this long: the connection is dead even if TCP has not noticed. */
const STREAM_SILENCE_MS = 45_000;
/** Reconnect backoff: 1 s doubling to 30 s. */
const RECONNECT_BASE_MS = 1_000;
const RECONNECT_CAP_MS = 30_000;

export interface StreamConnectionOptions {
  /** where to connect; async because a user-data stream first needs a listenKey */
  url: () => Promise<string>;
  timers: Timers;
  onPush: (frame: PushFrame) => void;
  /** open and subscribed, or not: readers fall back to REST while it is not */
  onLiveChange?: (live: boolean) => void;
  onError?: (message: string) => void;
}

/**
 * One WebSocket to MEXC that keeps itself alive: subscribes to its channels
 * on every (re)connect, pings, notices silence, and reconnects with backoff.
 * A channel counts as subscribed only once MEXC echoed it back.
 */
export class StreamConnection {
  private socket: WebSocket | null = null;
  private readonly channels = new Set<string>();
  private readonly acknowledged = new Set<string>();
  private pingTimer: TimerHandle | null = null;
  private reconnectTimer: TimerHandle | null = null;
  private failures = 0;
  private lastHeard = 0;
  private closed = false;
  private connecting = false;
  reconnects = 0;

  constructor(private readonly options: StreamConnectionOptions) {}

  /** Liveness is about the network, so it runs on real time even when the data's clock is virtual. */
  private now(): number {
    return Date.now();
  }

  /** Add channels (idempotent); connects on first use. */
  subscribe(channels: string[]): void {
    const fresh = channels.filter((channel) => !this.channels.has(channel));
    fresh.forEach((channel) => this.channels.add(channel));
    if (this.socket?.readyState === WebSocket.OPEN && fresh.length) this.send({ method: 'SUBSCRIPTION', params: fresh });
    else if (!this.socket && !this.connecting && !this.reconnectTimer) void this.connect();
  }

  isSubscribed(channel: string): boolean {
    return this.socket?.readyState === WebSocket.OPEN && this.acknowledged.has(channel);
  }

  close(): void {
    this.closed = true;
    this.stopPinging();
    if (this.reconnectTimer) this.options.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.socket?.terminate();
    this.socket = null;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    this.connecting = true;
    let url: string;
    try {
      url = await this.options.url();
    } catch (error) {
      this.connecting = false;
      this.options.onError?.(`Stream not opened: ${(error as Error).message}`);
      this.scheduleReconnect();
      return;
    }
    if (this.closed) return;
    const socket = new WebSocket(url, { handshakeTimeout: 10_000 });
    this.socket = socket;
    this.connecting = false;
    socket.on('open', () => {
      this.lastHeard = this.now();
      if (this.channels.size) this.send({ method: 'SUBSCRIPTION', params: [...this.channels] });
      this.schedulePing();
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.lastHeard = this.now();
      if (isBinary) this.onBinary(data);
      else this.onControl(data.toString('utf8'));
    });
    socket.on('error', (error: Error) => this.options.onError?.(`Stream error: ${error.message}`));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.acknowledged.clear();
      this.stopPinging();
      this.options.onLiveChange?.(false);
      this.scheduleReconnect();
    });
  }

  private onBinary(data: Buffer) {
    try {
      this.options.onPush(decodePush(data));
    } catch (error) {
      this.options.onError?.((error as Error).message);
    }
  }

  private onControl(text: string) {
    let message: { msg?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      this.options.onError?.('MEXC sent a control frame that is not JSON');
      return;
    }
    if (typeof message.msg !== 'string' || message.msg === 'PONG') return;
    // A subscription reply echoes the channels it took (comma-separated when several).
    const echoed = message.msg.split(',').filter((channel) => this.channels.has(channel));
    if (echoed.length === 0) {
      this.options.onError?.(`MEXC refused a subscription: ${message.msg.slice(0, 200)}`);
      return;
    }
    echoed.forEach((channel) => this.acknowledged.add(channel));
    this.failures = 0;
    this.options.onLiveChange?.(true);
  }

  private schedulePing() {
    this.pingTimer = this.options.timers.setTimeout(() => {
      this.pingTimer = null;
      if (!this.socket) return;
      if (this.now() - this.lastHeard > STREAM_SILENCE_MS) {
        this.options.onError?.('Stream went silent: reconnecting');
        this.socket.terminate();
        return;
      }
      this.send({ method: 'PING' });
      this.schedulePing();
    }, STREAM_PING_MS);
  }

  private scheduleReconnect() {
    if (this.closed || this.reconnectTimer) return;
    const delay = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** this.failures);
    this.failures++;
    this.reconnectTimer = this.options.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.reconnects++;
      void this.connect();
    }, delay);
  }

  private send(message: object) {
    this.socket?.send(JSON.stringify(message));
  }

  private stopPinging() {
    if (this.pingTimer) this.options.timers.clearTimeout(this.pingTimer);
    this.pingTimer = null;
  }
}
