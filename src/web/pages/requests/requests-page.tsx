import { Button, Group, Paper, Select, Switch, Text } from '@mantine/core';
import { IconFilterOff, IconInbox, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { SOURCES, type Source } from '../../../shared/vocabulary';
import type { ListFilters } from '../../api/requests.api';
import { EmptyPanel } from '../../components/empty-panel';
import { fileHref } from '../../components/labels';
import { PageHeader } from '../../components/page-header';
import { useCategories } from '../../state/categories';
import { RequestsTable } from '../lists/file-tables';
import { ListFailed, ListFooter, ListLoading, StaleNotice } from '../lists/list-footer';
import { useRequestList } from '../lists/use-request-list';
import { NewRequestModal } from './new-request-modal';

/** The filters live in the address bar (?origine=vel&categorie=…&a-traiter=1): back and reload keep them. */
function readFilters(search: string): ListFilters {
  const params = new URLSearchParams(search);
  const source = params.get('origine');
  return {
    source: (SOURCES as readonly string[]).includes(source ?? '') ? (source as Source) : undefined,
    categoryId: params.get('categorie') || undefined,
    toHandle: params.get('a-traiter') === '1' ? 'true' : undefined,
  };
}

function writeFilters(filters: ListFilters): string {
  const params = new URLSearchParams();
  if (filters.source) params.set('origine', filters.source);
  if (filters.categoryId) params.set('categorie', filters.categoryId);
  if (filters.toHandle === 'true') params.set('a-traiter', '1');
  const query = params.toString();
  return query ? `/demandes?${query}` : '/demandes';
}

/** Gestion des demandes: "simple" requests (no service yet), newest activity first. */
export function RequestsPage() {
  const { t } = useTranslation();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => readFilters(search), [search]);
  const list = useRequestList({ tab: 'request', ...filters });
  const { categories } = useCategories();
  const [newOpened, setNewOpened] = useState(false);
  const [newKey, setNewKey] = useState(0);
  const hasFilters = Boolean(filters.source || filters.categoryId || filters.toHandle);

  const setFilters = (change: Partial<ListFilters>) =>
    navigate(writeFilters({ ...filters, ...change }), { replace: true });

  const sourceOptions = [
    { value: '', label: t('requests.allOrigins') },
    ...SOURCES.map((source) => ({ value: source, label: t(`sources.${source}`) })),
  ];
  const categoryOptions = [
    { value: '', label: t('requests.allCategories') },
    ...(categories ?? []).map((c) => ({
      value: c.id,
      label: c.isActive ? c.name : t('dossier.panel.categoryHidden', { name: c.name }),
    })),
  ];

  const total = list.counts?.request ?? null;

  return (
    <>
      <PageHeader
        title={t('requests.title')}
        description={t('requests.description')}
        actions={
          <Button
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => {
              setNewKey((k) => k + 1);
              setNewOpened(true);
            }}
          >
            {t('requests.new')}
          </Button>
        }
      />

      <Paper withBorder radius="lg" px="md" py="sm" mb="md" role="search" aria-label={t('requests.filters')}>
        <Group gap="md" wrap="wrap" align="flex-end">
          <Select
            label={t('requests.filterOrigin')}
            data={sourceOptions}
            value={filters.source ?? ''}
            onChange={(value) => setFilters({ source: (value || undefined) as Source | undefined })}
            allowDeselect={false}
            w={200}
            size="sm"
          />
          <Select
            label={t('requests.filterCategory')}
            data={categoryOptions}
            value={filters.categoryId ?? ''}
            onChange={(value) => setFilters({ categoryId: value || undefined })}
            allowDeselect={false}
            w={240}
            size="sm"
            comboboxProps={{ width: 280 }}
          />
          <Switch
            label={t('requests.filterToHandle')}
            checked={filters.toHandle === 'true'}
            onChange={(event) => setFilters({ toHandle: event.currentTarget.checked ? 'true' : undefined })}
            mb={8}
          />
          <Group gap="md" ml="auto" mb={6} wrap="nowrap">
            {hasFilters && (
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconFilterOff size={15} aria-hidden />}
                onClick={() => navigate('/demandes', { replace: true })}
              >
                {t('requests.clearFilters')}
              </Button>
            )}
            {total !== null && !hasFilters && (
              <Text size="sm" c="dimmed" fw={500}>
                {t('requests.count', { count: total })}
              </Text>
            )}
          </Group>
        </Group>
      </Paper>

      {list.isStale && <StaleNotice onRefresh={list.reload} />}
      {list.state.status === 'loading' && <ListLoading />}
      {list.state.status === 'failed' && <ListFailed message={list.state.message} onRetry={list.reload} />}
      {list.state.status === 'ready' &&
        (list.state.items.length === 0 ? (
          hasFilters ? (
            <EmptyPanel
              icon={<IconFilterOff size={30} stroke={1.6} aria-hidden />}
              title={t('requests.noMatchTitle')}
              description={t('requests.noMatchDescription')}
            >
              <Button variant="light" onClick={() => navigate('/demandes', { replace: true })}>
                {t('requests.clearFilters')}
              </Button>
            </EmptyPanel>
          ) : (
            <EmptyPanel
              icon={<IconInbox size={30} stroke={1.6} aria-hidden />}
              title={t('requests.emptyTitle')}
              description={t('requests.emptyDescription')}
            />
          )
        ) : (
          <>
            <RequestsTable items={list.state.items} />
            <Text size="xs" c="dimmed" mt={6}>
              {t('lists.keyboardHint')}
            </Text>
          </>
        ))}
      <ListFooter list={list} total={hasFilters ? null : total} />

      <NewRequestModal
        key={newKey}
        opened={newOpened}
        onClose={() => setNewOpened(false)}
        onCreated={(created) => navigate(fileHref(created.id))}
      />
    </>
  );
}
