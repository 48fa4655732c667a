import type { NotificationConstructorOptions, Notification as NotificationType } from 'electron';
import type { Alert, View } from '../../shared/contract';

export interface NotifyDeps {
  Notification: { new (options: NotificationConstructorOptions): NotificationType; isSupported(): boolean };
  /** show the window on this view */
  open(view: View): void;
}

/** Which view answers an alert: a fill shows the orders, anything else the alerts feed. */
export function viewForAlert(alert: Alert): View {
  if (alert.kind === 'fill') return 'orders';
  if (alert.kind === 'breaker' || alert.kind === 'error') return 'dashboard';
  return 'alerts';
}

/** Trade alerts as desktop notifications; clicking one opens the view it is about. */
export function notifyAlert(alert: Alert, deps: NotifyDeps): NotificationType | null {
  if (!deps.Notification.isSupported()) return null;
  const notification = new deps.Notification({
    title: alert.severity === 'critical' ? `QRL Tray Bot: ${alert.kind} (critical)` : `QRL Tray Bot: ${alert.kind}`,
    body: alert.message,
    urgency: alert.severity === 'critical' ? 'critical' : 'normal',
    silent: alert.severity === 'info',
  });
  notification.on('click', () => deps.open(viewForAlert(alert)));
  notification.show();
  return notification;
}
