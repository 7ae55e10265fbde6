import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Devis } from '../../../api/devis.api';
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

/** A write of one onglet's answer (the Devis by default, the Paiement view too). */
export type Write<T = Devis> = (action: () => Promise<T>) => Promise<EditResult>;

/** What every Devis dialog is given: whether it shows, how it closes, the Devis it changes, the write path. */
export interface DevisDialogProps {
  opened: boolean;
  onClose: () => void;
  devis: Devis;
  write: Write;
}

/**
 * The state of a dialog's form around one write: its field errors (the form's own checks and the
 * server's), what is left to say above the buttons, and whether it is being sent. `run` resolves
 * true when the write went through; a stale file is said by the page, the form stays as typed.
 */
export function useDialogWrite<T = Devis>(write: Write<T>, shownFields: (key: string) => boolean) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const run = async (action: () => Promise<T>): Promise<boolean> => {
    setGeneral(null);
    setSubmitting(true);
    const result = await write(action);
    setSubmitting(false);
    if (result.ok) return true;
    if (!result.isStale && result.error && Object.keys(result.error.fields).length > 0) {
      const shown = formErrorsOf(result.error, shownFields);
      setErrors(shown.fields);
      setGeneral(shown.general);
    }
    return false;
  };
  const clear = (key: string) => setErrors((current) => ({ ...current, [key]: undefined }));
  return { errors, setErrors, clear, general, submitting, run };
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
