import { Avatar, Badge, Button, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StaffUser } from '../../api/staff.api';
import { initials } from '../../components/initials';
import { useMe } from '../../session/session';

interface StaffTableProps {
  items: StaffUser[];
  onEdit(member: StaffUser): void;
  onToggleStatus(member: StaffUser): void;
}

export function StaffTable({ items, onEdit, onToggleStatus }: StaffTableProps) {
  const { t } = useTranslation();
  const { user: me } = useMe();

  return (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
      <Group px="lg" py="sm" bg="gray.0" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="sm" fw={600} c="gray.7">
          {t('settings.staff.count', { count: items.length })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={1000} type="native">
        <Table
          layout="fixed"
          verticalSpacing="sm"
          horizontalSpacing="lg"
          highlightOnHover
          aria-label={t('settings.staff.tableCaption')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.staff.columnName')}</Table.Th>
              <Table.Th>{t('settings.staff.columnEmail')}</Table.Th>
              <Table.Th w={150}>{t('settings.staff.columnRole')}</Table.Th>
              <Table.Th w={130}>{t('settings.staff.columnStatus')}</Table.Th>
              <Table.Th w={270}>
                <VisuallyHidden>{t('settings.staff.columnActions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((member) => {
              const isMe = member.id === me.id;
              return (
                <Table.Tr key={member.id} c={member.isActive ? undefined : 'dimmed'}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap" miw={0}>
                      <Avatar
                        size={32}
                        radius="xl"
                        color={member.isActive ? 'alpine' : 'gray'}
                        aria-hidden
                        style={{ flex: 'none' }}
                      >
                        {initials(member.name)}
                      </Avatar>
                      <Text size="sm" fw={600} truncate="end" title={member.name} miw={0}>
                        {member.name}
                      </Text>
                      {isMe && (
                        <Badge
                          size="sm"
                          variant="light"
                          color="gray"
                          radius="sm"
                          style={{ flex: 'none' }}
                          styles={{ label: { textTransform: 'none' } }}
                        >
                          {t('common.you')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate="end" title={member.email}>
                      {member.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate="end">
                      {t(`roles.${member.role}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={member.isActive ? 'teal' : 'gray'}
                      radius="sm"
                      styles={{ label: { textTransform: 'none' } }}
                    >
                      {member.isActive ? t('settings.staff.active') : t('settings.staff.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        leftSection={<IconPencil size={15} aria-hidden />}
                        aria-label={t('settings.staff.editLabel', { name: member.name })}
                        onClick={() => onEdit(member)}
                      >
                        {t('settings.staff.edit')}
                      </Button>
                      {!isMe && (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          color={member.isActive ? 'red' : 'teal'}
                          leftSection={
                            member.isActive ? (
                              <IconUserOff size={15} aria-hidden />
                            ) : (
                              <IconUserCheck size={15} aria-hidden />
                            )
                          }
                          aria-label={t(
                            member.isActive ? 'settings.staff.disableLabel' : 'settings.staff.enableLabel',
                            { name: member.name },
                          )}
                          onClick={() => onToggleStatus(member)}
                        >
                          {member.isActive ? t('settings.staff.disable') : t('settings.staff.enable')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
