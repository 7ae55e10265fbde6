import { Badge, Group, Tabs, Text } from '@mantine/core';
import { IconFolders } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { DOSSIER_TABS, type DossierTab } from '../../api/requests.api';
import { EmptyPanel } from '../../components/empty-panel';
import { TAB_SLUGS, tabFromSlug } from '../../components/labels';
import { PageHeader } from '../../components/page-header';
import { DossiersTable } from '../lists/file-tables';
import { ListFailed, ListFooter, ListLoading, StaleNotice } from '../lists/list-footer';
import { useRequestList } from '../lists/use-request-list';

/** Gestion des dossiers: the 7 tabs, each with its live count, from new dossier to archive. */
export function DossiersPage() {
  const { t } = useTranslation();
  const search = useSearch();
  const [, navigate] = useLocation();
  const tab: DossierTab = tabFromSlug(new URLSearchParams(search).get('onglet')) ?? 'new';
  const list = useRequestList({ tab });
  const tabLabel = t(`tabs.${tab}`);

  return (
    <>
      <PageHeader title={t('dossiers.title')} description={t('dossiers.description')} />
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = DOSSIER_TABS.find((candidate) => candidate === value);
          if (next) navigate(`/dossiers?onglet=${TAB_SLUGS[next]}`, { replace: true });
        }}
        variant="default"
        styles={{ tabSection: { marginInlineStart: 6 } }}
        activateTabWithKeyboard
      >
        <Tabs.List aria-label={t('dossiers.tabsLabel')}>
          {DOSSIER_TABS.map((value) => {
            const count = list.counts?.[value];
            return (
              <Tabs.Tab
                key={value}
                value={value}
                rightSection={
                  count === undefined ? null : (
                    <Badge
                      size="sm"
                      variant={value === tab ? 'filled' : 'light'}
                      color={value === tab ? 'alpine' : 'gray'}
                      radius="xl"
                      px={6}
                      styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
                      title={t('dossiers.tabCount', { count })}
                    >
                      {count}
                    </Badge>
                  )
                }
                style={{ flex: 'none' }}
                px={8}
                fw={value === tab ? 650 : 500}
              >
                {t(`tabs.${value}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {DOSSIER_TABS.map((value) => (
          <Tabs.Panel key={value} value={value} pt="md">
            {value === tab && (
              <>
                {list.isStale && <StaleNotice onRefresh={list.reload} />}
                {list.state.status === 'loading' && <ListLoading />}
                {list.state.status === 'failed' && (
                  <ListFailed message={list.state.message} onRetry={list.reload} />
                )}
                {list.state.status === 'ready' &&
                  (list.state.items.length === 0 ? (
                    <EmptyPanel
                      icon={<IconFolders size={30} stroke={1.6} aria-hidden />}
                      title={t('dossiers.emptyTitle')}
                      description={t(`dossiers.emptyDescriptions.${tab}`)}
                    />
                  ) : (
                    <>
                      <DossiersTable
                        items={list.state.items}
                        caption={t('dossiers.tableCaption', { tab: tabLabel })}
                      />
                      <Group justify="space-between" mt={6}>
                        <Text size="xs" c="dimmed">
                          {t('lists.keyboardHint')}
                        </Text>
                      </Group>
                    </>
                  ))}
                <ListFooter list={list} total={list.counts?.[tab] ?? null} />
              </>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
