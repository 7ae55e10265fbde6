import { Button } from '@mantine/core';
import { IconMapPinOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { EmptyPanel } from '../components/empty-panel';
import { PageHeader } from '../components/page-header';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyPanel
        icon={<IconMapPinOff size={30} stroke={1.6} aria-hidden />}
        title={t('notFound.title')}
        description={t('notFound.description')}
      >
        <Link href="/demandes" asChild>
          <Button component="a" variant="light">
            {t('notFound.back')}
          </Button>
        </Link>
      </EmptyPanel>
    </>
  );
}
