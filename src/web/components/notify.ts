import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n/i18n';

const closeButtonProps = () => ({ 'aria-label': i18n.t('common.close') });

/** A short confirmation that an action went through. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, closeButtonProps: closeButtonProps() });
}

/** Something a person must know did not happen, with the server's explanation. */
export function notifyError(title: string, message: string): void {
  notifications.show({ color: 'red', title, message, autoClose: 8000, closeButtonProps: closeButtonProps() });
}
