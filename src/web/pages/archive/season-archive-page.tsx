import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  Progress,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconArchive, IconCircleCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import {
  type ArchiveJobView,
  getSeasonArchive,
  runSeasonArchive,
  startSeasonArchive,
} from '../../api/pos.api';
import { EmptyPanel } from '../../components/empty-panel';
import { PageHeader } from '../../components/page-header';
import { useFormatters } from '../../format/use-formatters';
import { useMe } from '../../session/session';
import { SettingsTabs } from '../settings/settings-tabs';

type Scope = ArchiveJobView['scope'];
type LoadState =
  | { status: 'loading' }
  | { status: 'failed'; message: string | null }
  | { status: 'ready'; job: ArchiveJobView | null };

/**
 * Paramètres → Archivage: "Archiver la saison" (admin). A run is a job row on the server with a
 * cursor; this page drives it batch by batch until it is done, and picks a running one up again
 * after a reload (or on a colleague's screen). Running it twice archives nothing more.
 */
export function SeasonArchivePage() {
  const { t } = useTranslation();
  const { user } = useMe();
  return (
    <>
      <PageHeader
        section={t('settings.title')}
        title={t('archive.season.title')}
        description={t('archive.season.description')}
      />
      <SettingsTabs />
      {user.role === 'admin' ? (
        <SeasonArchive />
      ) : (
        <EmptyPanel
          icon={<IconArchive size={30} stroke={1.6} aria-hidden />}
          title={t('archive.season.adminOnlyTitle')}
          description={t('archive.season.adminOnly')}
        />
      )}
    </>
  );
}

function SeasonArchive() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [scope, setScope] = useState<Scope>('processed');
  const [beforeDay, setBeforeDay] = useState('');
  const [dayError, setDayError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [starting, setStarting] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const driving = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Runs batches until the job is done; one driver per page, stops when the page is left. */
  const drive = useCallback(
    async (job: ArchiveJobView) => {
      if (driving.current === job.id) return;
      driving.current = job.id;
      setRunError(null);
      let current = job;
      try {
        while (current.state === 'running' && mounted.current) {
          current = await runSeasonArchive(current.id);
          if (mounted.current) setLoad({ status: 'ready', job: current });
        }
      } catch (error) {
        if (mounted.current) setRunError(error instanceof ApiError ? error.message : t('errors.unexpected'));
      } finally {
        driving.current = null;
      }
    },
    [t],
  );

  useEffect(() => {
    const controller = new AbortController();
    getSeasonArchive(controller.signal).then(
      (job) => {
        setLoad({ status: 'ready', job });
        if (job?.state === 'running') void drive(job);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({ status: 'failed', message: error instanceof ApiError ? error.message : null });
      },
    );
    return () => controller.abort();
  }, [drive]);

  const ask = () => {
    if (scope === 'older_than' && !/^\d{4}-\d{2}-\d{2}$/.test(beforeDay)) {
      setDayError(t('archive.season.dayRequired'));
      return;
    }
    setConfirming(true);
  };
  const start = async () => {
    setStarting(true);
    try {
      const job = await startSeasonArchive(scope === 'processed' ? { scope } : { scope, beforeDay });
      setConfirming(false);
      setLoad({ status: 'ready', job });
      void drive(job);
    } catch (error) {
      setConfirming(false);
      setRunError(error instanceof ApiError ? error.message : t('errors.unexpected'));
    } finally {
      setStarting(false);
    }
  };

  if (load.status === 'loading')
    return (
      <Center py={64}>
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  if (load.status === 'failed')
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />}>
        {load.message ?? t('errors.unexpected')}
      </Alert>
    );

  const job = load.job;
  const isRunning = job?.state === 'running';
  const percent = job && job.total > 0 ? Math.min(100, Math.round((job.doneCount / job.total) * 100)) : 100;

  return (
    <Stack gap="lg">
      {job && (
        <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="season-run">
          <Title order={2} fz="md" id="season-run" mb="xs">
            {isRunning ? t('archive.season.running') : t('archive.season.lastRun')}
          </Title>
          <Text size="sm" c="gray.7" mb="sm">
            {job.scope === 'processed'
              ? t('archive.season.scopeProcessedShort')
              : t('archive.season.scopeOlderShort', { day: job.beforeDay ?? '' })}
            {' · '}
            {t('archive.season.startedAt', { when: format.shortDateTime(job.createdAt) })}
          </Text>
          <Progress
            value={percent}
            size="lg"
            radius="xl"
            animated={isRunning}
            aria-label={t('archive.season.progressLabel')}
            color={isRunning ? 'alpine' : 'teal'}
          />
          <Group justify="space-between" mt="xs" gap="xs" wrap="wrap">
            <Text size="sm" fw={600} role="status" aria-live="polite">
              {t('archive.season.progress', { done: job.doneCount, total: job.total })}
            </Text>
            {!isRunning && (
              <Group gap={6} wrap="nowrap">
                <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />
                <Text size="sm" c="teal.9" fw={600}>
                  {t('archive.season.done', { count: job.doneCount })}
                </Text>
              </Group>
            )}
          </Group>
          {runError && isRunning && (
            <Alert color="red" variant="light" mt="sm" icon={<IconAlertCircle size={18} aria-hidden />}>
              <Text size="sm">{runError}</Text>
              <Button size="xs" mt="xs" variant="white" color="red" onClick={() => void drive(job)}>
                {t('archive.season.resume')}
              </Button>
            </Alert>
          )}
        </Paper>
      )}

      {!isRunning && (
        <Paper withBorder radius="lg" p="md" component="section" aria-labelledby="season-new">
          <Title order={2} fz="md" id="season-new" mb="sm">
            {t('archive.season.newRun')}
          </Title>
          <Radio.Group
            value={scope}
            onChange={(value) => setScope(value as Scope)}
            label={t('archive.season.scopeLabel')}
          >
            <Stack gap="sm" mt="xs">
              <Radio value="processed" label={t('archive.season.scopeProcessed')} />
              <Radio value="older_than" label={t('archive.season.scopeOlder')} />
            </Stack>
          </Radio.Group>
          {scope === 'older_than' && (
            <TextInput
              type="date"
              label={t('archive.season.dayLabel')}
              value={beforeDay}
              onChange={(event) => {
                setBeforeDay(event.currentTarget.value);
                setDayError(null);
              }}
              error={dayError}
              maw={240}
              mt="sm"
            />
          )}
          <Text size="sm" c="gray.7" mt="md">
            {t('archive.season.erasureNote')}
          </Text>
          {runError && !isRunning && (
            <Alert color="red" variant="light" mt="sm" icon={<IconAlertCircle size={18} aria-hidden />}>
              {runError}
            </Alert>
          )}
          <Group justify="flex-end" mt="md">
            <Button color="red" leftSection={<IconArchive size={18} aria-hidden />} onClick={ask}>
              {t('archive.season.start')}
            </Button>
          </Group>
        </Paper>
      )}

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('archive.season.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Text size="sm">
          {scope === 'processed'
            ? t('archive.season.confirmProcessed')
            : t('archive.season.confirmOlder', { day: beforeDay })}
        </Text>
        <Text size="sm" mt="sm">
          {t('archive.season.erasureNote')}
        </Text>
        <Group justify="flex-end" gap="sm" mt="xl">
          <Button variant="default" onClick={() => setConfirming(false)} disabled={starting} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void start()} loading={starting}>
            {t('archive.season.start')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
