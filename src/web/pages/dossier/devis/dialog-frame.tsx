import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/http';
import type { EditResult } from '../run-edit';

export type FieldErrors = Record<string, string | undefined>;

/**
 * The server's refusal as a form shows it: the fields it names next to them (keys as the server
 * writes them, "participants.0.birthDate"), the rest said once above the buttons.
 */
export function formErrorsOf(
  error: ApiError | null,
  shownFields: (key: string) => boolean,
): { fields: FieldErrors; general: string | null } {
  if (!error) return { fields: {}, general: null };
  const fields: FieldErrors = {};
  const others: string[] = [];
  for (const [key, message] of Object.entries(error.fields)) {
    if (shownFields(key)) fields[key] = message;
    else others.push(message);
  }
  const general =
    others.length > 0 ? others.join(' ') : Object.keys(fields).length === 0 ? error.message : null;
  return { fields, general };
}

/** What a dialog does with a write's outcome: close, or keep the form open with its errors. */
export function handleResult(
  result: EditResult,
  onDone: () => void,
  setErrors: (errors: { fields: FieldErrors; general: string | null }) => void,
  shownFields: (key: string) => boolean,
): void {
  if (result.ok) {
    onDone();
    return;
  }
  // A stale file: the page says who changed it and shows it; the form stays as typed.
  if (result.isStale) return;
  if (result.error && Object.keys(result.error.fields).length > 0)
    setErrors(formErrorsOf(result.error, shownFields));
}

/** A Devis dialog: a form with its title, full screen on a phone, submit and cancel at the bottom. */
export function DialogFrame({
  opened,
  onClose,
  title,
  onSubmit,
  submitLabel,
  submitting,
  general,
  children,
  size = 'lg',
  extraActions,
  submitColor,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  onSubmit: () => void;
  submitLabel: string;
  submitting: boolean;
  general: string | null;
  children: ReactNode;
  size?: string;
  extraActions?: ReactNode;
  submitColor?: string;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      fullScreen={isPhone === true}
      radius={isPhone ? 0 : 'lg'}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {children}
          {general && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
              {general}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm" wrap="wrap">
            <Button variant="default" onClick={onClose} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            {extraActions}
            <Button type="submit" loading={submitting} color={submitColor}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
