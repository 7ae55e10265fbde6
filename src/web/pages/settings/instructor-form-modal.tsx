import { Checkbox, Group, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_LANGUAGES,
  type CustomerLanguage,
  PRACTICES,
  type Practice,
} from '../../../shared/vocabulary';
import {
  createInstructor,
  INSTRUCTOR_NAME_MAX_LENGTH,
  type Instructor,
  type InstructorBody,
  updateInstructor,
} from '../../api/catalogue.api';
import { isOneOf } from '../../components/labels';
import { notifySuccess } from '../../components/notify';
import { SettingsFormModal, useSettingsForm } from './settings-form-modal';

export type InstructorFormTarget = { kind: 'create' } | { kind: 'edit'; instructor: Instructor };

const FIELDS = ['firstName', 'lastName', 'languages', 'practices', 'isActive'] as const;

interface Values {
  firstName: string;
  lastName: string;
  languages: CustomerLanguage[];
  practices: Practice[];
  isActive: boolean;
}

function initialValues(target: InstructorFormTarget): Values {
  if (target.kind === 'create')
    return { firstName: '', lastName: '', languages: ['fr'], practices: ['ski_alpin'], isActive: true };
  const i = target.instructor;
  return {
    firstName: i.firstName,
    lastName: i.lastName,
    languages: i.languages.filter((l): l is CustomerLanguage => isOneOf(CUSTOMER_LANGUAGES, l)),
    practices: [...i.practices],
    isActive: i.isActive,
  };
}

export const instructorName = (i: Pick<Instructor, 'firstName' | 'lastName'>) =>
  `${i.firstName} ${i.lastName}`;

/** "Ajouter un moniteur" and "Modifier le moniteur". */
export function InstructorFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: InstructorFormTarget;
  onClose(): void;
  onSaved(instructor: Instructor): void;
}) {
  const { t } = useTranslation();
  const { values, set, errors, formError, submitting, submit } = useSettingsForm<Values>(
    () => initialValues(target),
    FIELDS,
  );
  const isCreate = target.kind === 'create';

  const handleSubmit = () => {
    const found: Record<string, string> = {};
    if (values.firstName.trim() === '') found.firstName = t('instructors.form.firstNameRequired');
    if (values.lastName.trim() === '') found.lastName = t('instructors.form.lastNameRequired');
    if (values.languages.length === 0) found.languages = t('instructors.form.languagesRequired');
    if (Object.keys(found).length > 0) return void submit(found, null);

    const body: InstructorBody = {
      firstName: values.firstName.trim(),
      lastName: values.lastName.trim(),
      languages: values.languages,
      practices: values.practices,
      isActive: values.isActive,
    };
    void submit({}, async () => {
      const saved =
        target.kind === 'create'
          ? await createInstructor(body)
          : await updateInstructor(target.instructor.id, body);
      onSaved(saved);
      notifySuccess(
        t(isCreate ? 'instructors.created' : 'instructors.updated', { name: instructorName(saved) }),
      );
      onClose();
    });
  };

  return (
    <SettingsFormModal
      title={isCreate ? t('instructors.form.createTitle') : t('instructors.form.editTitle')}
      size="lg"
      formError={formError}
      submitting={submitting}
      submitLabel={isCreate ? t('instructors.form.submitCreate') : t('common.save')}
      onSubmit={handleSubmit}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <TextInput
          label={t('instructors.form.firstName')}
          data-autofocus
          required
          autoComplete="off"
          maxLength={INSTRUCTOR_NAME_MAX_LENGTH}
          value={values.firstName}
          onChange={(e) => set('firstName', e.currentTarget.value)}
          error={errors.firstName}
        />
        <TextInput
          label={t('instructors.form.lastName')}
          required
          autoComplete="off"
          maxLength={INSTRUCTOR_NAME_MAX_LENGTH}
          value={values.lastName}
          onChange={(e) => set('lastName', e.currentTarget.value)}
          error={errors.lastName}
        />
      </SimpleGrid>
      <Checkbox.Group
        label={t('instructors.form.languages')}
        description={t('instructors.form.languagesDescription')}
        required
        value={values.languages}
        onChange={(value) =>
          set(
            'languages',
            CUSTOMER_LANGUAGES.filter((l) => value.includes(l)),
          )
        }
        error={errors.languages}
      >
        <Group gap="lg" mt="xs">
          {CUSTOMER_LANGUAGES.map((language) => (
            <Checkbox key={language} value={language} label={t(`customerLanguages.${language}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Checkbox.Group
        label={t('instructors.form.practices')}
        value={values.practices}
        onChange={(value) =>
          set(
            'practices',
            PRACTICES.filter((p) => value.includes(p)),
          )
        }
        error={errors.practices}
      >
        <Group gap="lg" mt="xs">
          {PRACTICES.map((practice) => (
            <Checkbox key={practice} value={practice} label={t(`intake.practices.${practice}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Switch
        label={t('instructors.form.isActive')}
        description={t('instructors.form.isActiveDescription')}
        checked={values.isActive}
        onChange={(e) => set('isActive', e.currentTarget.checked)}
        error={errors.isActive}
      />
    </SettingsFormModal>
  );
}
