import type { BotState, Snapshot } from '../../../shared/contract';
import { APP_NAME } from '../appName';

export const trayIconStates = ['starting', 'running', 'dry-run', 'paused', 'stopped', 'alert', 'error', 'stale'] as const;
export type TrayIconState = (typeof trayIconStates)[number];

export type TrayAction = 'open' | 'startBot' | 'pauseBot' | 'resumeBot' | 'killSwitch' | 'quit';

export interface TrayMenuItem {
  label: string;
  action?: TrayAction;
  enabled?: boolean;
  separator?: boolean;
}

export interface TrayPresentation {
  icon: TrayIconState;
  tooltip: string;
  menu: TrayMenuItem[];
}

/**
 * While the engine starts (keychain, settings, MEXC's markets), the tray is
 * already there: it says so, and offers only what works without the engine.
 */
export function presentStartingTray(): TrayPresentation {
  return {
    icon: 'starting',
    tooltip: `${APP_NAME} · starting…`,
    menu: [
      { label: `Open ${APP_NAME}`, action: 'open' },
      { label: '', separator: true },
      { label: 'Quit', action: 'quit' },
    ],
  };
}

const stateWords: Record<BotState, string> = { stopped: 'stopped', running: 'running', paused: 'paused', stopping: 'stopping', error: 'error' };

/**
 * What the tray shows for a snapshot: the most urgent state wins the icon
 * (error, then unseen alerts, then stale data), the tooltip says price,
 * state and why the bot has not bought in one line, and the menu offers only what makes sense now.
 */
export function presentTray(snapshot: Snapshot, unseenAlerts: number): TrayPresentation {
  const { status, market } = snapshot;
  const stale = market?.stale ?? false;
  const icon: TrayIconState =
    status.state === 'error'
      ? 'error'
      : unseenAlerts > 0
        ? 'alert'
        : stale
          ? 'stale'
          : status.state === 'running'
            ? status.mode === 'live'
              ? 'running'
              : 'dry-run'
            : status.state === 'paused'
              ? 'paused'
              : 'stopped';

  const mode = status.mode === 'live' ? 'LIVE' : 'DRY-RUN';
  const price = market ? `${status.symbol} ${market.last}${stale ? ' (stale)' : ''}` : `${status.symbol} price pending`;
  const alerts = unseenAlerts > 0 ? ` · ${unseenAlerts} alert${unseenAlerts === 1 ? '' : 's'}` : '';
  // "Why hasn't it bought?" in one short line (issue 17): the engine words it, the tray only shows it.
  const whyNot = snapshot.whyNot ? ` · ${snapshot.whyNot.summary}` : '';
  const tooltip = `${price} · ${mode} · bot ${stateWords[status.state]}${whyNot}${alerts}`;

  const lifecycle: TrayMenuItem =
    status.state === 'running'
      ? { label: 'Pause bot', action: 'pauseBot' }
      : status.state === 'paused'
        ? { label: 'Resume bot', action: 'resumeBot' }
        : status.state === 'stopping'
          ? { label: 'Stopping…', enabled: false }
          : { label: 'Start bot', action: 'startBot' };

  return {
    icon,
    tooltip,
    menu: [
      { label: `Open ${APP_NAME}`, action: 'open' },
      { label: '', separator: true },
      lifecycle,
      {
        label: 'Kill switch: pause and cancel all orders',
        action: 'killSwitch',
        enabled: status.state === 'running' || status.state === 'paused' || status.state === 'stopping',
      },
      { label: '', separator: true },
      { label: 'Quit', action: 'quit' },
    ],
  };
}
