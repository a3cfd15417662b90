import { Notification } from 'electron';
import type { NotificationPort } from '../ports';

/** Native notifications. Shown ones are referenced until closed: otherwise their click handler can be garbage-collected. */
export function electronNotifications(): NotificationPort {
  const live = new Set<Notification>();
  return {
    show(request) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: request.title, body: request.body, silent: request.silent });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        request.onClick();
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
    },
  };
}
