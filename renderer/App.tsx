import { useLayoutEffect, type ReactNode } from 'react';
import type { View } from '../shared/contract';
import { formatTime } from '../shared/formatTime';
import { TabPanel, Tabs, type TabItem } from './components/Tabs';
import { useColorScheme } from './components/useColorScheme';
import { useAppStore } from './state/store';
import { AlertsView } from './views/AlertsView';
import { BacktestView } from './views/BacktestView';
import { stateLabels } from './views/BotStatusPanel';
import { Dashboard } from './views/Dashboard';
import { HistoryView } from './views/HistoryView';
import { ModeBadge } from './views/ModeBadge';
import { OrdersView } from './views/OrdersView';
import { SettingsView } from './views/SettingsView';

const viewComponents: Record<View, () => ReactNode> = {
  dashboard: Dashboard,
  orders: OrdersView,
  alerts: AlertsView,
  history: HistoryView,
  backtest: BacktestView,
  settings: SettingsView,
};

const viewLabels: Record<View, string> = {
  dashboard: 'Dashboard',
  orders: 'Orders',
  alerts: 'Alerts',
  history: 'History',
  backtest: 'Backtest',
  settings: 'Settings',
};

export function App({ connected }: { connected: boolean }) {
  const scheme = useColorScheme();
  // A layout effect runs before the charts' effects, so they read the new palette (useChartTheme).
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = scheme;
  }, [scheme]);

  if (!connected) {
    return (
      <main className="app">
        <header className="app-header">
          <h1>QRL Tray Bot</h1>
        </header>
        <p role="alert" className="panel error-text">
          No connection to the bot engine. Open the address the web host printed (it carries the access token).
        </p>
      </main>
    );
  }
  return <Shell />;
}

function Shell() {
  const view = useAppStore((state) => state.view);
  const navigate = useAppStore((state) => state.navigate);
  const mode = useAppStore((state) => state.snapshot?.status.mode ?? null);
  const alertCount = useAppStore((state) => state.alerts.length);
  const CurrentView = viewComponents[view];
  const items: TabItem<View>[] = (Object.keys(viewLabels) as View[]).map((id) => ({
    id,
    label: viewLabels[id],
    badge: id === 'alerts' && alertCount > 0 ? <span className="count" aria-label={`${alertCount} alerts`}>{alertCount}</span> : undefined,
  }));
  return (
    <div className={`app ${mode === 'live' ? 'is-live' : ''}`}>
      {mode === 'live' && (
        <div className="live-banner" role="status" data-testid="live-banner">
          LIVE TRADING — orders use real money on MEXC
        </div>
      )}
      <header className="app-header">
        <h1>QRL Tray Bot</h1>
        <HeaderStatus />
        <nav aria-label="Views" className="app-nav">
          <Tabs label="Views" items={items} selected={view} onSelect={navigate} idPrefix="view" />
        </nav>
      </header>
      <ConnectionBanner />
      <main>
        <TabPanel idPrefix="view" id={view}>
          <CurrentView />
        </TabPanel>
      </main>
    </div>
  );
}

/** Once data has been shown, losing the engine must be impossible to miss. */
function ConnectionBanner() {
  const connection = useAppStore((state) => state.connection);
  const snapshotTime = useAppStore((state) => state.snapshot?.time ?? null);
  if (connection === 'open' || snapshotTime === null) return null;
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      Lost the connection to the bot engine. Everything below is as of {formatTime(snapshotTime)} and not updating; reconnecting…
    </div>
  );
}

/** The symbol, mode, bot state and connection, always in view. */
function HeaderStatus() {
  const snapshot = useAppStore((state) => state.snapshot);
  const connection = useAppStore((state) => state.connection);
  return (
    <div className="header-status">
      {snapshot && (
        <>
          <span className="symbol">{snapshot.status.symbol}</span>
          <ModeBadge mode={snapshot.status.mode} testId="header-mode" />
          <span className={`state state-${snapshot.status.state}`}>{stateLabels[snapshot.status.state]}</span>
        </>
      )}
      <span className={`connection connection-${connection}`} data-testid="connection" role="status">
        {connection === 'open' ? 'Connected' : connection === 'connecting' ? 'Connecting…' : 'Disconnected: retrying'}
      </span>
    </div>
  );
}
