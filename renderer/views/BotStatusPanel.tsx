import { useState } from 'react';
import type { BotState, CommandName, Decision } from '../../shared/contract';
import { formatTime } from '../../shared/formatTime';
import { api } from '../bridge/api';
import { ErrorText, Panel } from '../components/Panel';
import { useCommand } from '../components/useCommand';
import { useNow } from '../components/useNow';
import { formatRelative } from '../format/formatAge';
import { useAppStore } from '../state/store';
import { ModeBadge } from './ModeBadge';
import { snapshotPanelStatus } from './snapshotStatus';

export const stateLabels: Record<BotState, string> = {
  stopped: 'Stopped',
  running: 'Running',
  paused: 'Paused',
  stopping: 'Stopping…',
  error: 'Error',
};

type LifecycleCommand = Extract<CommandName, 'startBot' | 'pauseBot' | 'resumeBot' | 'stopBot'>;

const actionsByState: Record<BotState, { command: LifecycleCommand; label: string }[]> = {
  stopped: [{ command: 'startBot', label: 'Start' }],
  running: [
    { command: 'pauseBot', label: 'Pause' },
    { command: 'stopBot', label: 'Stop' },
  ],
  paused: [
    { command: 'resumeBot', label: 'Resume' },
    { command: 'stopBot', label: 'Stop' },
  ],
  // A stop waits for the run in flight; nothing to start or stop meanwhile.
  stopping: [],
  error: [
    { command: 'startBot', label: 'Restart' },
    { command: 'stopBot', label: 'Stop' },
  ],
};

const decisionLabels: Record<Decision['action'], string> = {
  buy: 'Buy',
  sell: 'Sell',
  hold: 'Hold',
  rejected: 'Rejected',
  preview: 'Preview (no order)',
};

/** Mode, state, schedule and the last decision with its reason, plus the controls. */
export function BotStatusPanel() {
  const snapshot = useAppStore((state) => state.snapshot);
  const error = useAppStore((state) => state.snapshotError);
  const applySnapshot = useAppStore((state) => state.applySnapshot);
  const now = useNow(1000);
  const command = useCommand();
  const [confirmKill, setConfirmKill] = useState(false);
  const status = snapshotPanelStatus(snapshot, error, () => null);

  const run = async (name: LifecycleCommand | 'runNow' | 'killSwitch') => {
    setConfirmKill(false);
    const done = await command.run<unknown>(() => api()[name]());
    if (done === null) return;
    const refreshed = await api().getSnapshot();
    if (refreshed.ok) applySnapshot(refreshed.value);
  };

  if (!snapshot) return <Panel title="Bot" status={status} testId="bot-panel" />;
  const { status: bot, lastDecision, nextRunAt } = snapshot;
  // The kill switch works in every state: a stopped bot may still have orders open.
  const canKill = bot.state !== 'stopped' || snapshot.openOrders.some((order) => order.placedByBot);

  return (
    <Panel title="Bot" testId="bot-panel" badge={<ModeBadge mode={bot.mode} />}>
      <dl className="kv">
        <dt>State</dt>
        <dd>
          <span className={`state state-${bot.state}`} data-testid="bot-state">
            {stateLabels[bot.state]}
          </span>{' '}
          <span className="muted">since {formatTime(bot.since)}</span>
        </dd>
        {bot.reason && (
          <>
            <dt>Reason</dt>
            <dd data-testid="bot-reason">{bot.reason}</dd>
          </>
        )}
        <dt>Next run</dt>
        <dd data-testid="next-run">
          {nextRunAt === null ? (
            <span className="muted">not scheduled{bot.state === 'running' ? '' : ` (bot ${stateLabels[bot.state].toLowerCase()})`}</span>
          ) : (
            <>
              {formatTime(nextRunAt)} <span className="muted">({formatRelative(nextRunAt, now)})</span>
            </>
          )}
        </dd>
        <dt>Last decision</dt>
        <dd data-testid="last-decision">
          {lastDecision ? (
            <>
              <span className={`decision decision-${lastDecision.action}`}>{decisionLabels[lastDecision.action]}</span>{' '}
              <span className="muted">{formatTime(lastDecision.time)}</span>
              <span className="decision-reason">{lastDecision.reason}</span>
            </>
          ) : (
            <span className="muted">none yet</span>
          )}
        </dd>
      </dl>
      <div className="actions">
        {actionsByState[bot.state].map(({ command: name, label }) => (
          <button key={name} type="button" className={name === 'startBot' || name === 'resumeBot' ? 'primary' : ''} disabled={command.pending} onClick={() => void run(name)}>
            {label}
          </button>
        ))}
        <button
          type="button"
          disabled={command.pending}
          onClick={() => void run('runNow')}
          title={bot.state === 'running' ? 'Runs the strategy now and places its order, if any.' : 'The bot is not running: this only evaluates the strategy and places no order.'}
        >
          {bot.state === 'running' ? 'Run strategy now' : 'Evaluate strategy now'}
        </button>
        {canKill && (
          <button
            type="button"
            className="danger"
            disabled={command.pending}
            onClick={() => (confirmKill ? void run('killSwitch') : setConfirmKill(true))}
            onBlur={() => setConfirmKill(false)}
          >
            {confirmKill ? 'Confirm kill switch' : 'Kill switch'}
          </button>
        )}
      </div>
      {confirmKill && <p className="hint">Pauses the bot and cancels every open order the bot placed (orders you placed yourself are left alone). Press again to confirm.</p>}
      <ErrorText error={command.error} />
    </Panel>
  );
}
