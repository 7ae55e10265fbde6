import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Code,
  CopyButton,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconCheck, IconCopy, IconDownload, IconKey, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import {
  type CreatedPosKey,
  createPosKey,
  getPosKeys,
  POS_API_DOCS,
  POS_API_ORDERS,
  POS_EXPORT_HREF,
  type PosKeysView,
  type PosKeyView,
  revokePosKey,
} from '../../api/pos.api';
import { notifyFailure } from '../../components/api-errors';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { useFormatters } from '../../format/use-formatters';
import { useMe } from '../../session/session';
import { SettingsTabs } from './settings-tabs';

type LoadState =
  | { status: 'loading' }
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; view: PosKeysView };

/**
 * Paramètres → Logiciel de caisse: the "Export pour le logiciel" CSV for everyone; for admins the
 * school's POS keys (create with a name — the key is shown once —, revoke, last use).
 */
export function PosSettingsPage() {
  const { t } = useTranslation();
  const { user } = useMe();
  return (
    <>
      <PageHeader
        section={t('settings.title')}
        title={t('pos.settings.title')}
        description={t('pos.settings.description')}
      />
      <SettingsTabs />
      <Stack gap="lg">
        <ExportCard />
        {user.role === 'admin' ? (
          <PosKeys />
        ) : (
          <Alert color="gray" variant="light" title={t('pos.keys.adminOnlyTitle')}>
            {t('pos.keys.adminOnly')}
          </Alert>
        )}
      </Stack>
    </>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="pos-export">
      <Group justify="space-between" gap="md" wrap="wrap">
        <Stack gap={4} miw={0} style={{ flex: '1 1 320px' }}>
          <Title order={2} fz="md" id="pos-export">
            {t('pos.export.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('pos.export.description')}
          </Text>
        </Stack>
        <Button
          component="a"
          href={POS_EXPORT_HREF}
          download
          leftSection={<IconDownload size={18} aria-hidden />}
        >
          {t('pos.export.button')}
        </Button>
      </Group>
    </Paper>
  );
}

function PosKeys() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [createOpened, setCreateOpened] = useState(false);
  const [created, setCreated] = useState<CreatedPosKey | null>(null);
  const [revoking, setRevoking] = useState<PosKeyView | null>(null);

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      setLoad({ status: 'ready', view: await getPosKeys(signal) });
    } catch (error) {
      if (signal?.aborted) return;
      setLoad({ status: 'failed', message: error instanceof ApiError ? error.message : null });
    }
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    return () => controller.abort();
  }, [refresh]);

  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="pos-keys">
      <Group justify="space-between" gap="md" mb="sm" wrap="wrap">
        <Stack gap={4} miw={0} style={{ flex: '1 1 320px' }}>
          <Title order={2} fz="md" id="pos-keys">
            {t('pos.keys.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('pos.keys.description')}
          </Text>
          <Text size="sm" c="gray.7" className="wrap-anywhere">
            {t('pos.keys.endpoint')} <Code>{`${window.location.origin}${POS_API_ORDERS}`}</Code> ·{' '}
            <Anchor href={POS_API_DOCS} target="_blank" size="sm">
              {t('pos.keys.docs')}
            </Anchor>
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreateOpened(true)}>
          {t('pos.keys.create')}
        </Button>
      </Group>
      {load.status === 'loading' && (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      {load.status === 'failed' && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle size={18} aria-hidden />}
          title={t('pos.keys.loadFailed')}
        >
          {load.message ?? t('errors.unexpected')}
        </Alert>
      )}
      {load.status === 'ready' && load.view.keys.length === 0 && (
        <Text size="sm" c="gray.7" py="md">
          {t('pos.keys.empty')}
        </Text>
      )}
      {load.status === 'ready' && load.view.keys.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="sm" layout="fixed" aria-labelledby="pos-keys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pos.keys.columnName')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('pos.keys.columnCreated')}</Table.Th>
                <Table.Th>{t('pos.keys.columnLastUse')}</Table.Th>
                <Table.Th w={120}>
                  <VisuallyHidden>{t('pos.keys.columnActions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {load.view.keys.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>
                    <Text size="sm" fw={600} className="wrap-anywhere">
                      {key.name}
                    </Text>
                    <Text size="xs" c="gray.7" ff="monospace" className="wrap-anywhere">
                      {key.keyHint}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm">{format.shortDateTime(key.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {key.lastUsedAt ? format.shortDateTime(key.lastUsedAt) : t('pos.keys.neverUsed')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Badge color="gray" variant="light">
                        {t('pos.keys.revoked')}
                      </Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(key)}
                        aria-label={t('pos.keys.revokeLabel', { name: key.name })}
                      >
                        {t('pos.keys.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {load.status === 'ready' && load.view.uses.length > 0 && (
        <Stack gap={4} mt="md">
          <Title order={3} fz="sm">
            {t('pos.keys.usesTitle')}
          </Title>
          {load.view.uses.slice(0, 8).map((use) => (
            <Text
              key={`${use.usedAt}-${use.keyName}-${use.detail}`}
              size="sm"
              c="gray.8"
              className="wrap-anywhere"
            >
              {t(`pos.keys.use.${use.operation}`, {
                when: format.shortDateTime(use.usedAt),
                name: use.keyName,
                detail: use.detail,
              })}
            </Text>
          ))}
        </Stack>
      )}

      <CreateKeyDialog
        key={String(createOpened)}
        opened={createOpened}
        onClose={() => setCreateOpened(false)}
        onCreated={(key) => {
          setCreateOpened(false);
          setCreated(key);
          void refresh();
        }}
      />
      <CreatedKeyDialog created={created} onClose={() => setCreated(null)} />
      <RevokeDialog
        target={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(key) => {
          setRevoking(null);
          notifySuccess(t('pos.keys.revokedNotice', { name: key.name }));
          void refresh();
        }}
      />
    </Paper>
  );
}

function CreateKeyDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: CreatedPosKey) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(t('pos.keys.nameRequired'));
      return;
    }
    setSubmitting(true);
    try {
      onCreated(await createPosKey(name.trim()));
    } catch (failure) {
      if (failure instanceof ApiError && failure.fields.name) setError(failure.fields.name);
      else notifyFailure(t, failure);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('pos.keys.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('pos.keys.nameLabel')}
            description={t('pos.keys.nameHint')}
            value={name}
            maxLength={80}
            error={error}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setError(null);
            }}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting} leftSection={<IconKey size={17} aria-hidden />}>
              {t('pos.keys.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The key itself, this once: copy it now, it is stored hashed. */
function CreatedKeyDialog({ created, onClose }: { created: CreatedPosKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title={t('pos.keys.createdTitle', { name: created?.name ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="md">
        <Alert color="orange" variant="light">
          {t('pos.keys.shownOnce')}
        </Alert>
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          <Text ff="monospace" size="sm" className="wrap-anywhere" data-testid="pos-key-value">
            {created?.key}
          </Text>
        </Paper>
        <Group justify="flex-end" gap="sm">
          <CopyButton value={created?.key ?? ''}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? 'teal' : undefined}
                leftSection={
                  copied ? <IconCheck size={17} aria-hidden /> : <IconCopy size={17} aria-hidden />
                }
                onClick={copy}
                data-autofocus
              >
                {copied ? t('pos.keys.copied') : t('pos.keys.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('pos.keys.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RevokeDialog({
  target,
  onClose,
  onRevoked,
}: {
  target: PosKeyView | null;
  onClose: () => void;
  onRevoked: (key: PosKeyView) => void;
}) {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const confirm = async () => {
    if (!target) return;
    setSubmitting(true);
    try {
      onRevoked(await revokePosKey(target.id));
    } catch (error) {
      notifyFailure(t, error);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={t('pos.keys.revokeTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Text size="sm" className="wrap-anywhere">
        {t('pos.keys.revokeBody', { name: target?.name ?? '' })}
      </Text>
      <Group justify="flex-end" gap="sm" mt="xl">
        <Button variant="default" onClick={onClose} disabled={submitting} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={() => void confirm()} loading={submitting}>
          {t('pos.keys.revoke')}
        </Button>
      </Group>
    </Modal>
  );
}
