import { EmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyPanelProps {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  children?: ReactNode;
}

/** A calm "nothing here yet" that says what will appear and where it comes from. */
export function EmptyPanel({ icon, title, description, children }: EmptyPanelProps) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        variant="light"
        size="lg"
        icon={icon}
        title={title}
        description={description}
        maw={520}
        mx="auto"
      >
        {children && <EmptyState.Actions>{children}</EmptyState.Actions>}
      </EmptyState>
    </Paper>
  );
}
