import { Alert, Button, Group, Modal, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_LANGUAGES } from '../../../shared/vocabulary';
import { ApiError } from '../../api/http';
import {
  createStaff,
  NAME_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type Role,
  type StaffUser,
  type UpdateStaffBody,
  updateStaff,
} from '../../api/staff.api';
import { notifyFailure, splitFieldErrors } from '../../components/api-errors';
import { notifySuccess } from '../../components/notify';
import { isLanguage, type Language, rememberLanguageChoice } from '../../i18n/i18n';
import { useMe, useSession } from '../../session/session';

export type StaffFormTarget = { kind: 'create' } | { kind: 'edit'; user: StaffUser };

const FIELDS = ['name', 'email', 'role', 'language', 'password'] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

interface Values {
  name: string;
  email: string;
  role: Role;
  language: Language;
  password: string;
}

const ROLES: Role[] = ['secretary', 'admin'];
// A light check only: the server decides, this just catches typos before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

function initialValues(target: StaffFormTarget): Values {
  if (target.kind === 'create') {
    return { name: '', email: '', role: 'secretary', language: 'fr', password: '' };
  }
  const { user } = target;
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    language: isLanguage(user.language) ? user.language : 'fr',
    password: '',
  };
}

interface StaffFormModalProps {
  opened: boolean;
  target: StaffFormTarget;
  onClose(): void;
  onSaved(user: StaffUser): void;
}

/** "Ajouter un membre" and "Modifier le membre": one form, sent as POST or as a PATCH of what changed. */
export function StaffFormModal({ opened, target, onClose, onSaved }: StaffFormModalProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const [values, setValues] = useState<Values>(() => initialValues(target));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const isCreate = target.kind === 'create';

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const validate = (): FieldErrors => {
    const name = values.name.trim();
    return {
      ...(name === '' && { name: t('settings.staffForm.nameRequired') }),
      ...(name.length > NAME_MAX_LENGTH && {
        name: t('settings.staffForm.nameTooLong', { max: NAME_MAX_LENGTH }),
      }),
      ...(isCreate &&
        !EMAIL_SHAPE.test(values.email.trim()) && { email: t('settings.staffForm.emailInvalid') }),
      ...((isCreate || values.password !== '') &&
        values.password.length < PASSWORD_MIN_LENGTH && {
          password: t('settings.staffForm.passwordTooShort', { min: PASSWORD_MIN_LENGTH }),
        }),
    };
  };

  const changes = (user: StaffUser): UpdateStaffBody => ({
    ...(values.name.trim() !== user.name && { name: values.name.trim() }),
    ...(values.role !== user.role && { role: values.role }),
    ...(values.language !== user.language && { language: values.language }),
    ...(values.password !== '' && { password: values.password }),
  });

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;

    let body: UpdateStaffBody | null = null;
    if (target.kind === 'edit') {
      body = changes(target.user);
      if (Object.keys(body).length === 0) {
        onClose();
        return;
      }
    }
    setSubmitting(true);
    try {
      const saved =
        target.kind === 'create'
          ? await createStaff({
              name: values.name.trim(),
              email: values.email.trim(),
              role: values.role,
              language: values.language,
              password: values.password,
            })
          : await updateStaff(target.user.id, body ?? {});
      onSaved(saved);
      notifySuccess(t(isCreate ? 'settings.staff.created' : 'settings.staff.updated', { name: saved.name }));
      onClose();
      if (saved.id === me.user.id) {
        if (body?.language && isLanguage(body.language)) rememberLanguageChoice(saved.id, body.language);
        await refresh();
      }
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFormError(t('errors.unexpected'));
        return;
      }
      const { byField, hasOther } = splitFieldErrors(error, FIELDS);
      setErrors(byField);
      // Said once: beside the field when it names one of ours, else as a notification
      // (conflicts, invalid states) or above the form.
      if (hasOther) {
        if (error.isConflict) notifyFailure(t, error);
        else setFormError(error.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={isCreate ? t('settings.staffForm.createTitle') : t('settings.staffForm.editTitle')}
      size="lg"
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
          <TextInput
            label={t('settings.staffForm.name')}
            placeholder={t('settings.staffForm.namePlaceholder')}
            autoComplete="off"
            data-autofocus
            required
            maxLength={NAME_MAX_LENGTH}
            value={values.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={errors.name}
          />
          {isCreate ? (
            <TextInput
              label={t('settings.staffForm.email')}
              placeholder={t('settings.staffForm.emailPlaceholder')}
              type="email"
              autoComplete="off"
              required
              value={values.email}
              onChange={(event) => set('email', event.currentTarget.value)}
              error={errors.email}
            />
          ) : (
            <TextInput
              label={t('settings.staffForm.email')}
              description={t('settings.staffForm.emailReadOnly')}
              value={values.email}
              readOnly
              variant="filled"
            />
          )}
          <Radio.Group
            label={t('settings.staffForm.role')}
            value={values.role}
            onChange={(value) => set('role', value === 'admin' ? 'admin' : 'secretary')}
            error={errors.role}
            required
          >
            <Stack gap="xs" mt={6}>
              {ROLES.map((role) => (
                <Radio
                  key={role}
                  value={role}
                  label={t(`roles.${role}`)}
                  description={
                    role === 'admin'
                      ? t('settings.staffForm.roleAdminDescription')
                      : t('settings.staffForm.roleSecretaryDescription')
                  }
                />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('settings.staffForm.language')}
            value={values.language}
            onChange={(value) => {
              if (isLanguage(value)) set('language', value);
            }}
            error={errors.language}
          >
            <Group gap="lg" mt={6}>
              {STAFF_LANGUAGES.map((language) => (
                <Radio key={language} value={language} label={t(`languages.${language}`)} lang={language} />
              ))}
            </Group>
          </Radio.Group>
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
            label={isCreate ? t('settings.staffForm.password') : t('settings.staffForm.newPassword')}
            description={
              isCreate
                ? t('settings.staffForm.passwordDescription', { min: PASSWORD_MIN_LENGTH })
                : t('settings.staffForm.newPasswordDescription')
            }
            autoComplete="new-password"
            required={isCreate}
            value={values.password}
            onChange={(event) => set('password', event.currentTarget.value)}
            error={errors.password}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {isCreate ? t('settings.staffForm.submitCreate') : t('settings.staffForm.submitEdit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
