import { IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '../components/empty-panel';
import { PageHeader } from '../components/page-header';

/** Gestion des demandes: "simple" requests, with no service yet. */
export function RequestsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('requests.title')} description={t('requests.description')} />
      <EmptyPanel
        icon={<IconInbox size={30} stroke={1.6} aria-hidden />}
        title={t('requests.emptyTitle')}
        description={t('requests.emptyDescription')}
      />
    </>
  );
}
