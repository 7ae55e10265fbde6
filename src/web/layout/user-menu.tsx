import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLanguage, IconLogout, IconMailCog } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { STAFF_LANGUAGES } from '../../shared/vocabulary';
import { initials } from '../components/initials';
import { notifyError } from '../components/notify';
import { isLanguage } from '../i18n/i18n';
import { useMe, useSession } from '../session/session';

/** Who is signed in, the interface language, and the way out. */
export function UserMenu() {
  const { t, i18n } = useTranslation();
  const { signOut, chooseLanguage } = useSession();
  const { user } = useMe();

  const handleSignOut = () => {
    signOut().catch((error: unknown) => {
      notifyError(
        t('userMenu.logoutFailed'),
        error instanceof Error ? error.message : t('errors.unexpected'),
      );
    });
  };

  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label={t('userMenu.open', { name: user.name })}
          px={8}
          py={4}
          style={{ borderRadius: 'var(--mantine-radius-md)', minWidth: 0 }}
        >
          <Group gap="sm" wrap="nowrap">
            <Avatar color="alpine" radius="xl" size={34}>
              {initials(user.name)}
            </Avatar>
            <Box miw={0} maw={200} visibleFrom="sm">
              <Text size="sm" fw={600} truncate="end" title={user.name} lh={1.25}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate="end" lh={1.25}>
                {t(`roles.${user.role}`)}
              </Text>
            </Box>
            <IconChevronDown size={16} stroke={1.8} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py={8}>
          <Text size="sm" fw={600} truncate="end" title={user.name}>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end" title={user.email}>
            {user.email}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`roles.${user.role}`)}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Item
          component={Link}
          href="/parametres/mon-compte"
          leftSection={<IconMailCog size={16} aria-hidden />}
        >
          {t('userMenu.myAccount')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} aria-hidden />
            {t('userMenu.language')}
          </Group>
        </Menu.Label>
        <Menu.RadioGroup
          value={i18n.language}
          onChange={(value) => {
            if (isLanguage(value)) chooseLanguage(value);
          }}
        >
          {STAFF_LANGUAGES.map((language) => (
            <Menu.RadioItem key={language} value={language} lang={language} closeMenuOnClick>
              {t(`languages.${language}`)}
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={handleSignOut}>
          {t('userMenu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
