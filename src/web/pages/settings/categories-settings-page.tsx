import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconEye,
  IconEyeOff,
  IconInfoCircle,
  IconPencil,
  IconPlus,
  IconTags,
} from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATEGORY_NAME_MAX_LENGTH,
  type Category,
  createCategory,
  updateCategory,
} from '../../api/categories.api';
import { ApiError } from '../../api/http';
import { notifyFailure } from '../../components/api-errors';
import { EmptyPanel } from '../../components/empty-panel';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { useMe } from '../../session/session';
import { setCategories, useCategories } from '../../state/categories';
import { SettingsTabs } from './settings-tabs';

type FormTarget = { kind: 'create' } | { kind: 'rename'; category: Category };

/** Paramètres → Catégories: admins add, rename and hide the categories files are sorted into. */
export function CategoriesSettingsPage() {
  const { t } = useTranslation();
  const { user } = useMe();
  const isAdmin = user.role === 'admin';
  const { categories, reload } = useCategories();
  const [target, setTarget] = useState<FormTarget | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);

  const upsert = (saved: Category) =>
    setCategories([...(categories ?? []).filter((c) => c.id !== saved.id), saved]);

  const toggle = async (category: Category) => {
    setBusyId(category.id);
    try {
      const saved = await updateCategory(category.id, { name: category.name, isActive: !category.isActive });
      upsert(saved);
      notifySuccess(
        t(saved.isActive ? 'settings.categories.shownDone' : 'settings.categories.hiddenDone', {
          name: saved.name,
        }),
      );
    } catch (error) {
      notifyFailure(t, error);
      void reload();
    } finally {
      setBusyId(null);
    }
  };

  const open = (next: FormTarget) => {
    setFormKey((k) => k + 1);
    setTarget(next);
  };

  return (
    <>
      <PageHeader
        section={t('settings.title')}
        title={t('settings.categories.title')}
        description={t('settings.categories.description')}
        actions={
          isAdmin && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => open({ kind: 'create' })}>
              {t('settings.categories.add')}
            </Button>
          )
        }
      />
      <SettingsTabs />
      {!isAdmin && (
        <Alert
          variant="light"
          color="alpine"
          mb="md"
          maw={880}
          icon={<IconInfoCircle size={18} aria-hidden />}
        >
          {t('settings.categories.adminOnly')}
        </Alert>
      )}
      {categories === null ? (
        <Paper withBorder radius="lg">
          <Center py={64}>
            <Loader aria-label={t('app.loading')} />
          </Center>
        </Paper>
      ) : categories.length === 0 ? (
        <EmptyPanel
          icon={<IconTags size={30} stroke={1.6} aria-hidden />}
          title={t('settings.categories.emptyTitle')}
          description={t('settings.categories.emptyDescription')}
        />
      ) : (
        <Paper withBorder radius="lg" style={{ overflow: 'hidden' }} maw={880}>
          <Group
            px="lg"
            py="sm"
            bg="gray.0"
            style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Text size="sm" fw={600} c="gray.7">
              {t('settings.categories.count', { count: categories.length })}
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={560} type="native">
            <Table
              layout="fixed"
              verticalSpacing="sm"
              horizontalSpacing="lg"
              highlightOnHover
              aria-label={t('settings.categories.tableCaption')}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.categories.columnName')}</Table.Th>
                  <Table.Th w={130}>{t('settings.categories.columnStatus')}</Table.Th>
                  {isAdmin && (
                    <Table.Th w={300}>
                      <VisuallyHidden>{t('settings.categories.columnActions')}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {categories.map((category) => (
                  <Table.Tr key={category.id} c={category.isActive ? undefined : 'dimmed'}>
                    <Table.Td>
                      <Text size="sm" fw={600} truncate="end" title={category.name}>
                        {category.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={category.isActive ? 'teal' : 'gray'}
                        radius="sm"
                        styles={{ label: { textTransform: 'none' } }}
                      >
                        {category.isActive
                          ? t('settings.categories.active')
                          : t('settings.categories.hidden')}
                      </Badge>
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            leftSection={<IconPencil size={15} aria-hidden />}
                            aria-label={t('settings.categories.renameLabel', { name: category.name })}
                            onClick={() => open({ kind: 'rename', category })}
                          >
                            {t('settings.categories.rename')}
                          </Button>
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            color={category.isActive ? 'gray' : 'teal'}
                            loading={busyId === category.id}
                            leftSection={
                              category.isActive ? (
                                <IconEyeOff size={15} aria-hidden />
                              ) : (
                                <IconEye size={15} aria-hidden />
                              )
                            }
                            aria-label={t(
                              category.isActive
                                ? 'settings.categories.hideLabel'
                                : 'settings.categories.showLabel',
                              { name: category.name },
                            )}
                            onClick={() => void toggle(category)}
                          >
                            {category.isActive
                              ? t('settings.categories.hide')
                              : t('settings.categories.show')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {target && (
        <CategoryFormModal key={formKey} target={target} onClose={() => setTarget(null)} onSaved={upsert} />
      )}
    </>
  );
}

function CategoryFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: FormTarget;
  onClose(): void;
  onSaved(category: Category): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(target.kind === 'rename' ? target.category.name : '');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return setError(t('settings.categories.nameRequired'));
    if (trimmed.length > CATEGORY_NAME_MAX_LENGTH)
      return setError(t('settings.categories.nameTooLong', { max: CATEGORY_NAME_MAX_LENGTH }));
    setSubmitting(true);
    setFormError(null);
    try {
      const saved =
        target.kind === 'create'
          ? await createCategory({ name: trimmed, isActive: true })
          : await updateCategory(target.category.id, { name: trimmed, isActive: target.category.isActive });
      onSaved(saved);
      notifySuccess(
        t(target.kind === 'create' ? 'settings.categories.created' : 'settings.categories.renamed', {
          name: saved.name,
        }),
      );
      onClose();
    } catch (failure) {
      if (failure instanceof ApiError && failure.fields.name) setError(failure.fields.name);
      else setFormError(failure instanceof ApiError ? failure.message : t('errors.unexpected'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        target.kind === 'create' ? t('settings.categories.createTitle') : t('settings.categories.editTitle')
      }
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
            label={t('settings.categories.name')}
            data-autofocus
            required
            maxLength={CATEGORY_NAME_MAX_LENGTH}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            error={error}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
