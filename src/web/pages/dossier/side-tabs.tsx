import { Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDevis } from '../../api/devis.api';
import type { RequestPage } from '../../api/requests.api';
import { useFormatters } from '../../format/use-formatters';
import { useMe } from '../../session/session';
import { DevisTab } from './devis/devis-tab';
import { PaymentTab } from './payment/payment-tab';
import type { RunEdit } from './run-edit';
import { useFileResource } from './use-file-resource';

const TABS = ['dossier', 'devis', 'paiement'] as const;
type SideTab = (typeof TABS)[number];

const storageKey = (userId: string) => `schuss.dossierTab.${userId}`;

function readTab(userId: string): SideTab {
  try {
    const value = window.localStorage.getItem(storageKey(userId));
    return (TABS as readonly string[]).includes(value ?? '') ? (value as SideTab) : 'dossier';
  } catch {
    return 'dossier';
  }
}

function writeTab(userId: string, tab: SideTab): void {
  try {
    window.localStorage.setItem(storageKey(userId), tab);
  } catch {
    // Storage disabled: the onglet is remembered for this page only.
  }
}

/**
 * The right column of the dossier page, as the tutorial lays it out: the onglets "Dossier",
 * "Devis" (its label says how many services and the total) and "Paiement". The last onglet a
 * secretary opened is the one she finds on the next file.
 */
export function SideTabs({
  data,
  runEdit,
  dossierPanel,
}: {
  data: RequestPage;
  runEdit: RunEdit;
  /** What the "Dossier" onglet holds (the file, the customer, the comment, the journal). */
  dossierPanel: React.ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { user } = useMe();
  const [tab, setTab] = useState<SideTab>(() => readTab(user.id));
  const { request } = data;
  const devis = useFileResource(getDevis, request.id, request.version, runEdit);

  const ready = devis.state.status === 'ready' ? devis.state.value : null;
  const lineCount = ready
    ? ready.lines.filter((l) => l.isActive).length
    : data.lines.filter((l) => l.isActive).length;
  const isToBePriced = ready ? ready.lines.some((l) => l.isActive && l.isToBePriced) : request.isToBePriced;
  const total = ready ? ready.totals.totalCents : request.totalCents;
  const devisLabel =
    lineCount === 0
      ? t('dossier.tabs.devis')
      : t('dossier.tabs.devisWith', {
          count: lineCount,
          total: isToBePriced && total === 0 ? t('devis.toBePriced') : format.money(total),
        });

  const choose = (value: string | null) => {
    if (!value || !(TABS as readonly string[]).includes(value)) return;
    setTab(value as SideTab);
    writeTab(user.id, value as SideTab);
  };

  return (
    <Tabs value={tab} onChange={choose} keepMounted={false}>
      <Tabs.List aria-label={t('dossier.tabs.label')} style={{ flexWrap: 'nowrap' }}>
        <Tabs.Tab value="dossier" px="sm" fz="sm" fw={600}>
          {t('dossier.tabs.dossier')}
        </Tabs.Tab>
        <Tabs.Tab value="devis" px="sm" fz="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {devisLabel}
        </Tabs.Tab>
        <Tabs.Tab value="paiement" px="sm" fz="sm" fw={600}>
          {t('dossier.tabs.paiement')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="dossier" pt="md">
        {dossierPanel}
      </Tabs.Panel>
      <Tabs.Panel value="devis" pt="md">
        <DevisTab data={data} devis={devis} />
      </Tabs.Panel>
      <Tabs.Panel value="paiement" pt="md">
        <PaymentTab requestId={request.id} version={request.version} runEdit={runEdit} />
      </Tabs.Panel>
    </Tabs>
  );
}
