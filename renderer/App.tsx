import { StatusPanel } from './views/StatusPanel';

export function App({ connected }: { connected: boolean }) {
  return (
    <main className="app">
      <header className="app-header">
        <h1>QRL Tray Bot</h1>
      </header>
      {connected ? (
        <StatusPanel />
      ) : (
        <p role="alert" className="panel error">
          No connection to the bot engine. Open the address the web host printed (it carries the access token).
        </p>
      )}
    </main>
  );
}
