import { Alert, Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { notifyFailure } from '../../components/api-errors';
import { knownFieldErrors } from './sales-settings-parts';

/**
 * The state of a settings dialog: its values, the messages beside its fields (the form's own
 * checks, then the server's), the message above it, and the save in flight.
 */
export function useSettingsForm<V extends object>(initial: () => V, fields: readonly string[]) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  /** Changes a value and forgets the message of its field (`field`: its name on the server). */
  const set = <K extends keyof V>(key: K, value: V[K], field: string = String(key)) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      const { [field]: _dropped, ...rest } = current;
      return rest;
    });
  };

  /**
   * Shows the form's own findings, or sends. A refusal is said once: beside the field it names,
   * else as a notification (conflicts, invalid states) or above the form.
   */
  const submit = async (found: Record<string, string>, send: (() => Promise<void>) | null) => {
    setFormError(null);
    setErrors(found);
    if (Object.keys(found).length > 0 || send === null) return;
    setSubmitting(true);
    try {
      await send();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFormError(t('errors.unexpected'));
        return;
      }
      const { byField, hasOther } = knownFieldErrors(error, fields);
      setErrors(byField);
      if (hasOther) {
        if (error.isConflict) notifyFailure(t, error);
        else setFormError(error.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return { values, set, errors, formError, submitting, submit };
}

/** A settings dialog: its title, the message above the form, the fields, Annuler and the save button. */
export function SettingsFormModal({
  title,
  size = 'lg',
  formError,
  submitting,
  submitLabel,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  size?: ModalProps['size'];
  formError: string | null;
  submitting: boolean;
  submitLabel: string;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
              {formError}
            </Alert>
          )}
          {children}
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
