import { IconFolders } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '../components/empty-panel';
import { PageHeader } from '../components/page-header';

/** Gestion des dossiers: requests with at least one service, on their way to a processed order. */
export function DossiersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('dossiers.title')} description={t('dossiers.description')} />
      <EmptyPanel
        icon={<IconFolders size={30} stroke={1.6} aria-hidden />}
        title={t('dossiers.emptyTitle')}
        description={t('dossiers.emptyDescription')}
      />
    </>
  );
}
