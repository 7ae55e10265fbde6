import { Badge, Box, Group, Stack, Switch, Tabs, Text } from '@mantine/core';
import { IconFolders } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { DOSSIER_TABS, type DossierTab } from '../../../shared/vocabulary';
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
  const query = new URLSearchParams(search);
  const tab: DossierTab = tabFromSlug(query.get('onglet')) ?? 'new';
  // "Solde en retard" only means something for files with a deposit paid.
  const isOverdueOnly = tab === 'deposit_paid' && query.get('solde-en-retard') === '1';
  const list = useRequestList({ tab, ...(isOverdueOnly && { balanceOverdue: 'true' as const }) });
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
        activateTabWithKeyboard
      >
        {/*
          Seven tabs on one line from 1280 px: the count sits under the name rather than beside
          it, so no name is cut or pushed onto a second row, whatever the number of digits.
          The active tab is marked by colour, underline and a filled count, not by a bolder
          (wider) name that would shift the others.
        */}
        <Tabs.List aria-label={t('dossiers.tabsLabel')}>
          {DOSSIER_TABS.map((value) => {
            const count = list.counts?.[value];
            const isActive = value === tab;
            return (
              <Tabs.Tab
                key={value}
                value={value}
                px={8}
                py={8}
                fw={500}
                c={isActive ? 'alpine.8' : undefined}
                style={{ flex: 'none' }}
              >
                <Stack gap={5} align="flex-start">
                  <span>{t(`tabs.${value}`)}</span>
                  {count === undefined ? (
                    <Box h={18} aria-hidden />
                  ) : (
                    <Badge
                      size="sm"
                      variant={isActive ? 'filled' : 'light'}
                      color={isActive ? 'alpine' : 'gray'}
                      radius="xl"
                      px={7}
                      styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
                      title={t('dossiers.tabCount', { count })}
                    >
                      {count}
                    </Badge>
                  )}
                </Stack>
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {DOSSIER_TABS.map((value) => (
          <Tabs.Panel key={value} value={value} pt="md">
            {value === tab && (
              <>
                {tab === 'deposit_paid' && (
                  <Switch
                    label={t('payment.list.overdueFilter')}
                    checked={isOverdueOnly}
                    onChange={(event) =>
                      navigate(
                        `/dossiers?onglet=${TAB_SLUGS[tab]}${event.currentTarget.checked ? '&solde-en-retard=1' : ''}`,
                        { replace: true },
                      )
                    }
                    mb="sm"
                  />
                )}
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
