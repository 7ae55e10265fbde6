import { Alert, Button, Center, Group, Loader, Paper, Text } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RequestList } from './use-request-list';

/** "Charger plus" under a list, and how much of it is shown. */
export function ListFooter({ list, total }: { list: RequestList; total: number | null }) {
  const { t } = useTranslation();
  if (list.state.status !== 'ready' || list.state.items.length === 0) return null;
  // Everything is on screen: nothing to add under the list.
  if (!list.state.nextCursor) return null;
  const shown = list.state.items.length;
  return (
    <Group justify="center" mt="md" gap="md">
      <Button variant="default" onClick={list.loadMore} loading={list.isLoadingMore}>
        {t('common.loadMore')}
      </Button>
      {total !== null && total > shown && (
        <Text size="sm" c="dimmed">
          {t('requests.shown', { shown, total })}
        </Text>
      )}
    </Group>
  );
}

export function ListLoading() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg">
      <Center py={64}>
        <Loader aria-label={t('app.loading')} />
      </Center>
    </Paper>
  );
}

export function ListFailed({ message, onRetry }: { message: string | null; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      title={t('lists.loadFailed')}
      icon={<IconAlertCircle size={18} aria-hidden />}
    >
      {message ?? t('errors.unexpected')}
      <Button variant="white" color="red" size="xs" mt="sm" display="block" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}

/** Deep in a long list, live changes do not move the rows under the reader: they ask first. */
export function StaleNotice({ onRefresh }: { onRefresh(): void }) {
  const { t } = useTranslation();
  return (
    <Alert color="alpine" variant="light" mb="md" title={t('lists.staleTitle')}>
      <Group justify="space-between" gap="sm">
        <Text size="sm">{t('lists.staleBody')}</Text>
        <Button
          size="xs"
          variant="white"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={onRefresh}
        >
          {t('lists.refresh')}
        </Button>
      </Group>
    </Alert>
  );
}
