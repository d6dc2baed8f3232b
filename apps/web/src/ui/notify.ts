import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/errors';

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message, withBorder: true });
}

export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({
    color: 'red',
    title,
    message: errorMessage(error),
    withBorder: true,
    autoClose: 8000,
  });
}
