import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card of the file's side column. */
export function SideCard({
  id,
  title,
  icon,
  actions,
  children,
  tone,
}: {
  id: string;
  title: string;
  icon?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** 'private': internal notes, set apart from what the customer sees. */
  tone?: 'private';
}) {
  return (
    <Paper
      component="section"
      aria-labelledby={id}
      withBorder
      radius="lg"
      p="md"
      bg={tone === 'private' ? 'yellow.0' : undefined}
      style={tone === 'private' ? { borderColor: 'var(--mantine-color-yellow-4)' } : undefined}
    >
      <Group justify="space-between" gap="xs" mb="sm" wrap="nowrap">
        <Group gap={8} wrap="nowrap" miw={0}>
          {icon}
          <Title order={2} fz="md" id={id}>
            {title}
          </Title>
        </Group>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
