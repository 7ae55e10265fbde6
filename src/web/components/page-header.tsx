import { Box, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeaderProps {
  title: string;
  /** Where the page sits, shown small above the title (e.g. "Paramètres"). */
  section?: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/** The page's one h1, its place in the app, and its main actions; also names the browser tab. */
export function PageHeader({ title, section, description, actions }: PageHeaderProps) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t('app.name')}`);
  return (
    <Group justify="space-between" align="flex-end" gap="md" mb="lg" wrap="wrap">
      <Stack gap={4} miw={0} style={{ flex: '1 1 420px' }}>
        {section && (
          <Text size="sm" fw={600} c="alpine.7">
            {section}
          </Text>
        )}
        <Title order={1} fz={26} lh={1.25} c="gray.9">
          {title}
        </Title>
        {description && (
          <Text c="gray.7" maw={720}>
            {description}
          </Text>
        )}
      </Stack>
      {actions && <Box style={{ flex: '0 0 auto' }}>{actions}</Box>}
    </Group>
  );
}
