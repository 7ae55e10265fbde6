import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { type ChangeEvent, type FormEvent, type ReactNode, useState } from 'react';
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

type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/**
 * A dialog's form of plain fields around one write (`useDialogWrite`): the fields' `values`, `set`
 * one (its error cleared), and `text(key)`, the props of a text input or textarea bound to a text
 * field. The server's errors on these fields' keys show beside them, the others above the buttons.
 */
export function useDialogForm<V extends Record<string, unknown>, T = Devis>(initial: V, write: Write<T>) {
  const [values, setValues] = useState(initial);
  const dialog = useDialogWrite(write, (key) => Object.hasOwn(initial, key));
  const set = <K extends keyof V & string>(key: K, value: V[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    dialog.clear(key);
  };
  const text = <K extends TextKeys<V>>(key: K) => ({
    value: values[key] as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      set(key, event.currentTarget.value as V[K]),
    error: dialog.errors[key],
  });
  return { ...dialog, values, set, text };
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
