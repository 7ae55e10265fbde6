import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconInfoCircle, IconMountain } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { login } from '../api/auth.api';
import { ApiError } from '../api/http';
import { useSession } from '../session/session';

interface FieldErrors {
  email?: string;
  password?: string;
}

/** Connexion: each staff member signs in with their personal e-mail and password. */
export function LoginPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const search = new URLSearchParams(useSearch());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  useDocumentTitle(`${t('login.documentTitle')} · ${t('app.name')}`);

  const notice = search.has('expiree')
    ? t('errors.sessionExpired')
    : search.has('deconnecte')
      ? t('login.signedOut')
      : null;

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {
      ...(email.trim() === '' && { email: t('login.emailRequired') }),
      ...(password === '' && { password: t('login.passwordRequired') }),
    };
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setSubmitting(true);
    try {
      signedIn(await login(email.trim(), password));
    } catch (failure) {
      setSubmitting(false);
      if (failure instanceof ApiError) {
        setFieldErrors({ email: failure.fields.email, password: failure.fields.password });
        setError(failure.message);
      } else {
        setError(t('errors.unexpected'));
      }
    }
  };

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={420}>
        <Group justify="center" gap="sm" mb="lg">
          <ThemeIcon size={42} radius="md" aria-hidden>
            <IconMountain size={24} stroke={1.8} />
          </ThemeIcon>
          <Box>
            <Text fz={24} fw={700} c="alpine.9" lh={1.1} style={{ letterSpacing: '-0.01em' }}>
              {t('app.name')}
            </Text>
            <Text size="sm" c="dimmed" lh={1.3}>
              {t('app.tagline')}
            </Text>
          </Box>
        </Group>
        <Paper component="main" withBorder shadow="sm" radius="lg" p={32}>
          <Title order={1} fz={22} mb={4}>
            {t('login.title')}
          </Title>
          <Text size="sm" c="dimmed" mb="lg">
            {t('login.subtitle')}
          </Text>
          <form onSubmit={handleSubmit} noValidate>
            <Stack gap="md">
              {notice && !error && (
                <Alert color="alpine" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
                  {notice}
                </Alert>
              )}
              {error && (
                <Alert
                  color="red"
                  variant="light"
                  title={t('login.failed')}
                  icon={<IconAlertCircle size={18} aria-hidden />}
                  role="alert"
                >
                  {error}
                </Alert>
              )}
              <TextInput
                label={t('login.email')}
                type="email"
                name="email"
                autoComplete="username"
                inputMode="email"
                autoFocus
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fieldErrors.email}
                required
                withAsterisk={false}
              />
              <PasswordInput
                visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={fieldErrors.password}
                required
                withAsterisk={false}
              />
              <Button type="submit" fullWidth size="md" mt="xs" loading={submitting}>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
