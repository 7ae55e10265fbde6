import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Center,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Paper,
  Radio,
  Stack,
  Switch,
  TagsInput,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import {
  createIntakeKey,
  type Duration,
  EMBED_ORIGINS_MAX,
  type FormSettings,
  type FormSettingsPage,
  getFormSettings,
  type Practice,
  saveFormSettings,
} from '../../api/settings.api';
import { notifyFailure } from '../../components/api-errors';
import { notifySuccess } from '../../components/notify';
import { useMe } from '../../session/session';
import { AdminOnly, SettingsHeader } from './settings-page-parts';

type LoadState =
  | { status: 'loading' }
  | { status: 'forbidden' }
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; page: FormSettingsPage };

type FormKey = 'vel' | 'contact' | 'custom';
const FORMS: readonly FormKey[] = ['vel', 'contact', 'custom'];

/** Paramètres → Formulaires: which public forms are open, what they offer, who may embed them. */
export function FormsSettingsPage() {
  const { user } = useMe();
  // The server refuses secretaries anyway (403); asking would only fetch a refusal.
  return user.role === 'admin' ? <FormsSettings /> : <AdminOnly page="forms" withHeader />;
}

function FormsSettings() {
  const { t } = useTranslation();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt ("Réessayer") loads again
  useEffect(() => {
    const controller = new AbortController();
    getFormSettings(controller.signal).then(
      (page) => setLoad({ status: 'ready', page }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 403) setLoad({ status: 'forbidden' });
        else setLoad({ status: 'failed', message: error instanceof ApiError ? error.message : null });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  if (load.status === 'ready')
    return <FormsEditor page={load.page} onSaved={(page) => setLoad({ status: 'ready', page })} />;
  return (
    <>
      <SettingsHeader page="forms" />
      {load.status === 'loading' && (
        <Paper withBorder radius="lg" maw={880}>
          <Center py={64}>
            <Loader aria-label={t('app.loading')} />
          </Center>
        </Paper>
      )}
      {load.status === 'forbidden' && <AdminOnly page="forms" />}
      {load.status === 'failed' && (
        <Alert
          color="red"
          variant="light"
          maw={880}
          title={t('settings.forms.loadFailed')}
          icon={<IconAlertCircle size={18} aria-hidden />}
        >
          {load.message ?? t('errors.unexpected')}
          <Button
            variant="white"
            color="red"
            size="xs"
            mt="sm"
            display="block"
            onClick={() => {
              setLoad({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            {t('common.retry')}
          </Button>
        </Alert>
      )}
    </>
  );
}

/** The first server error for a field or any item of it ("embedOrigins.2"). */
function errorFor(errors: Record<string, string>, field: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key === undefined ? undefined : errors[key];
}

function withoutErrors(errors: Record<string, string>, field: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).filter(([k]) => k !== field && !k.startsWith(`${field}.`)),
  );
}

const FIELDS = [
  'vel',
  'contact',
  'custom.isEnabled',
  'custom.practices',
  'custom.durations',
  'custom.instructorIds',
  'embedOrigins',
  'notifyUserIds',
];

function FormsEditor({ page, onSaved }: { page: FormSettingsPage; onSaved(page: FormSettingsPage): void }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<FormSettings>(page.settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { choices } = page;

  const change = (field: string, next: FormSettings) => {
    setSettings(next);
    setErrors((current) => withoutErrors(current, field));
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    try {
      const saved = await saveFormSettings(settings);
      setSettings(saved.settings);
      setErrors({});
      onSaved(saved);
      notifySuccess(t('settings.forms.saved'));
    } catch (failure) {
      if (failure instanceof ApiError && Object.keys(failure.fields).length > 0) {
        setErrors(failure.fields);
        const unshown = Object.keys(failure.fields).some(
          (k) => !FIELDS.some((f) => k === f || k.startsWith(`${f}.`)),
        );
        setFormError(unshown ? failure.message : null);
      } else setFormError(failure instanceof ApiError ? failure.message : t('errors.unexpected'));
    } finally {
      setSaving(false);
    }
  };

  const instructorOptions = useMemo(
    () =>
      choices.instructors
        .filter((i) => i.isActive || settings.custom.instructorIds?.includes(i.id))
        .map((i) => ({
          value: i.id,
          label: i.isActive ? i.name : t('settings.forms.inactiveName', { name: i.name }),
        })),
    [choices.instructors, settings.custom.instructorIds, t],
  );
  const staffOptions = useMemo(
    () =>
      choices.staff
        .filter((u) => u.isActive || settings.notifyUserIds?.includes(u.id))
        .map((u) => ({
          value: u.id,
          label: u.isActive ? u.name : t('settings.forms.inactiveName', { name: u.name }),
        })),
    [choices.staff, settings.notifyUserIds, t],
  );

  const originsError = (() => {
    const key = Object.keys(errors).find((k) => k === 'embedOrigins' || k.startsWith('embedOrigins.'));
    if (key === undefined) return undefined;
    const index = Number(key.split('.')[1]);
    const origin = Number.isInteger(index) ? settings.embedOrigins[index] : undefined;
    return origin === undefined ? errors[key] : `${origin} : ${errors[key]}`;
  })();

  return (
    <form onSubmit={handleSubmit} noValidate>
      <SettingsHeader
        page="forms"
        actions={
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
        }
      />
      <Stack gap="lg" maw={880}>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}

        <Section title={t('settings.forms.formsTitle')} description={t('settings.forms.formsDescription')}>
          <Stack gap={0}>
            {FORMS.map((form, index) => (
              <PublicForm
                key={form}
                form={form}
                url={page.urls[form]}
                first={index === 0}
                checked={settings[form].isEnabled}
                error={errorFor(errors, form === 'custom' ? 'custom.isEnabled' : form)}
                onChange={(isEnabled) =>
                  change(form === 'custom' ? 'custom.isEnabled' : form, {
                    ...settings,
                    [form]: { ...settings[form], isEnabled },
                  })
                }
              />
            ))}
          </Stack>
        </Section>

        <Section title={t('settings.forms.customTitle')} description={t('settings.forms.customDescription')}>
          <Stack gap="lg">
            <Checkbox.Group
              label={t('settings.forms.practices')}
              value={settings.custom.practices}
              onChange={(value) =>
                change('custom.practices', {
                  ...settings,
                  custom: { ...settings.custom, practices: value as Practice[] },
                })
              }
              error={errorFor(errors, 'custom.practices')}
            >
              <Group gap="lg" mt="xs">
                {choices.practices.map((p) => (
                  <Checkbox key={p} value={p} label={t(`intake.practices.${p}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('settings.forms.durations')}
              value={settings.custom.durations}
              onChange={(value) =>
                change('custom.durations', {
                  ...settings,
                  custom: { ...settings.custom, durations: value as Duration[] },
                })
              }
              error={errorFor(errors, 'custom.durations')}
            >
              <Group gap="lg" mt="xs">
                {choices.durations.map((d) => (
                  <Checkbox key={d} value={d} label={t(`intake.durations.${d}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <EveryoneOrSome
              label={t('settings.forms.instructors')}
              everyoneLabel={t('settings.forms.allInstructors')}
              someLabel={t('settings.forms.someInstructors')}
              pickerLabel={t('settings.forms.instructorsPicked')}
              emptyLabel={t('settings.forms.noInstructors')}
              options={instructorOptions}
              value={settings.custom.instructorIds}
              error={errorFor(errors, 'custom.instructorIds')}
              onChange={(instructorIds) =>
                change('custom.instructorIds', { ...settings, custom: { ...settings.custom, instructorIds } })
              }
            />
          </Stack>
        </Section>

        <Section title={t('settings.forms.embedTitle')} description={t('settings.forms.embedDescription')}>
          <TagsInput
            label={t('settings.forms.embedOrigins')}
            description={t('settings.forms.embedOriginsHint')}
            placeholder={t('settings.forms.embedOriginsPlaceholder')}
            value={settings.embedOrigins}
            maxTags={EMBED_ORIGINS_MAX}
            splitChars={[',', ' ']}
            clearable
            error={originsError}
            onChange={(value) =>
              change('embedOrigins', {
                ...settings,
                embedOrigins: value.map((v) => v.trim().replace(/\/+$/, '')),
              })
            }
          />
        </Section>

        <Section title={t('settings.forms.notifyTitle')} description={t('settings.forms.notifyDescription')}>
          <EveryoneOrSome
            label={t('settings.forms.notify')}
            everyoneLabel={t('settings.forms.notifyEveryone')}
            someLabel={t('settings.forms.notifySome')}
            pickerLabel={t('settings.forms.notifyPicked')}
            emptyLabel={t('settings.forms.noStaff')}
            options={staffOptions}
            value={settings.notifyUserIds}
            error={errorFor(errors, 'notifyUserIds')}
            onChange={(notifyUserIds) => change('notifyUserIds', { ...settings, notifyUserIds })}
          />
        </Section>

        <Group justify="flex-end">
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Group>

        <IntakeKeySection
          hasKey={page.hasIntakeKey}
          onCreated={() => onSaved({ ...page, hasIntakeKey: true })}
        />
      </Stack>
    </form>
  );
}

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={title}>
      <Title order={2} size="h4" fw={650}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="md">
        {description}
      </Text>
      {children}
    </Paper>
  );
}

function CopyAction({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('settings.forms.copied') : label} withArrow>
          <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} aria-label={label} onClick={copy}>
            {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function PublicForm({
  form,
  url,
  first,
  checked,
  error,
  onChange,
}: {
  form: FormKey;
  url: string;
  first: boolean;
  checked: boolean;
  error: string | undefined;
  onChange(isEnabled: boolean): void;
}) {
  const { t } = useTranslation();
  const name = t(`settings.forms.names.${form}`);
  const snippet = `<iframe src="${url}" title="${name}" width="100%" height="900" style="border:0" loading="lazy"></iframe>`;
  return (
    <Stack
      gap="xs"
      py="md"
      style={first ? undefined : { borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Switch
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        label={name}
        description={t(`settings.forms.formDescriptions.${form}`)}
        error={error}
        styles={{ label: { fontWeight: 600 } }}
      />
      <Group gap="xs" wrap="nowrap" pl={50} miw={0}>
        <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
          {t('settings.forms.publicUrl')}
        </Text>
        <Anchor href={url} target="_blank" rel="noreferrer" size="sm" ff="monospace" truncate="end" miw={0}>
          {url}
        </Anchor>
        <CopyAction value={url} label={t('settings.forms.copyUrl', { name })} />
      </Group>
      <Group gap="xs" wrap="nowrap" pl={50} align="center" miw={0}>
        <Code
          block
          style={{ flex: 1, minWidth: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12 }}
          aria-label={t('settings.forms.snippetLabel', { name })}
        >
          {snippet}
        </Code>
        <CopyAction value={snippet} label={t('settings.forms.copySnippet', { name })} />
      </Group>
      {!checked && (
        <Text size="xs" c="orange.8" pl={50}>
          {t('settings.forms.closedHint')}
        </Text>
      )}
    </Stack>
  );
}

function EveryoneOrSome({
  label,
  everyoneLabel,
  someLabel,
  pickerLabel,
  emptyLabel,
  options,
  value,
  error,
  onChange,
}: {
  label: string;
  everyoneLabel: string;
  someLabel: string;
  pickerLabel: string;
  emptyLabel: string;
  options: { value: string; label: string }[];
  value: string[] | null;
  error: string | undefined;
  onChange(value: string[] | null): void;
}) {
  return (
    <Stack gap="xs">
      <Radio.Group
        label={label}
        value={value === null ? 'all' : 'some'}
        onChange={(choice) => onChange(choice === 'all' ? null : (value ?? []))}
        error={value === null ? error : undefined}
      >
        <Group gap="lg" mt="xs">
          <Radio value="all" label={everyoneLabel} />
          <Radio value="some" label={someLabel} />
        </Group>
      </Radio.Group>
      {value !== null && (
        <MultiSelect
          label={pickerLabel}
          data={options}
          value={value}
          onChange={onChange}
          searchable
          nothingFoundMessage={emptyLabel}
          error={error}
          maw={560}
        />
      )}
    </Stack>
  );
}

function IntakeKeySection({ hasKey, onCreated }: { hasKey: boolean; onCreated(): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState<string | null>(null);

  const generate = async () => {
    setBusy(true);
    try {
      const created = await createIntakeKey();
      setConfirming(false);
      setKey(created.key);
      onCreated();
      notifySuccess(t('settings.forms.keyCreated'));
    } catch (error) {
      notifyFailure(t, error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('settings.forms.keyTitle')} description={t('settings.forms.keyDescription')}>
      <Group justify="space-between" gap="md">
        <Group gap="xs">
          <IconKey size={18} aria-hidden color="var(--mantine-color-gray-6)" />
          <Text size="sm">{hasKey ? t('settings.forms.keyExists') : t('settings.forms.keyMissing')}</Text>
        </Group>
        <Button
          variant="default"
          onClick={() => (hasKey ? setConfirming(true) : void generate())}
          loading={busy && !confirming}
        >
          {t('settings.forms.keyGenerate')}
        </Button>
      </Group>

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('settings.forms.keyConfirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Text size="sm">{t('settings.forms.keyConfirmBody')}</Text>
        <Group justify="flex-end" gap="sm" mt="lg">
          <Button variant="default" onClick={() => setConfirming(false)} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void generate()}>
            {t('settings.forms.keyConfirm')}
          </Button>
        </Group>
      </Modal>

      <Modal
        opened={key !== null}
        onClose={() => setKey(null)}
        title={t('settings.forms.keyShownTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
        size="lg"
      >
        <Stack gap="md">
          <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} aria-hidden />}>
            {t('settings.forms.keyShownOnce')}
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <Code
              block
              style={{ flex: 1, minWidth: 0, wordBreak: 'break-all' }}
              aria-label={t('settings.forms.keyLabel')}
            >
              {key}
            </Code>
            <CopyAction value={key ?? ''} label={t('settings.forms.copyKey')} />
          </Group>
          <Group justify="flex-end">
            <Button onClick={() => setKey(null)}>{t('settings.forms.keyDone')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
