import {
  Alert,
  Button,
  Combobox,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  useCombobox,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconSearch, IconUserCheck } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LANGUAGES } from '../../../shared/vocabulary';
import { ApiError } from '../../api/http';
import {
  type CustomerHit,
  type CustomerLanguage,
  createRequest,
  findCustomers,
  type RequestSummary,
} from '../../api/requests.api';
import { notifyFailure, splitFieldErrors } from '../../components/api-errors';
import { notifySuccess } from '../../components/notify';
import { useCategories } from '../../state/categories';

const FIELDS = [
  'customer.firstName',
  'customer.lastName',
  'customer.email',
  'customer.phone',
  'customer.language',
  'message',
  'categoryId',
] as const;
type Field = (typeof FIELDS)[number];
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

interface Values {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: CustomerLanguage;
  message: string;
  categoryId: string | null;
}

function isCustomerLanguage(value: string): value is CustomerLanguage {
  return (CUSTOMER_LANGUAGES as readonly string[]).includes(value);
}

interface NewRequestModalProps {
  opened: boolean;
  onClose(): void;
  onCreated(request: RequestSummary): void;
}

/** "Nouvelle demande": a customer phoned or came to the desk; find them (or create them) and write down the request. */
export function NewRequestModal({ opened, onClose, onCreated }: NewRequestModalProps) {
  const { t } = useTranslation();
  const { categories } = useCategories();
  const [chosen, setChosen] = useState<CustomerHit | null>(null);
  const [values, setValues] = useState<Values>({
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    language: 'fr',
    message: '',
    categoryId: null,
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const set = <K extends keyof Values>(key: K, value: Values[K], field?: Field) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (field) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const choose = (hit: CustomerHit | null) => {
    setChosen(hit);
    if (hit)
      setValues((current) => ({
        ...current,
        firstName: hit.firstName,
        lastName: hit.lastName,
        email: hit.email,
        phone: hit.phone ?? '',
        language: isCustomerLanguage(hit.language) ? hit.language : 'fr',
      }));
    setErrors({});
  };

  const validate = () => ({
    ...(values.firstName.trim() === '' && { 'customer.firstName': t('newRequest.firstNameRequired') }),
    ...(values.lastName.trim() === '' && { 'customer.lastName': t('newRequest.lastNameRequired') }),
    ...(!EMAIL_SHAPE.test(values.email.trim()) && { 'customer.email': t('newRequest.emailInvalid') }),
    ...(values.message.trim() === '' && { message: t('newRequest.messageRequired') }),
  });

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      const created = await createRequest({
        customer: {
          firstName: values.firstName.trim(),
          lastName: values.lastName.trim(),
          email: values.email.trim(),
          ...(values.phone.trim() !== '' && { phone: values.phone.trim() }),
          language: values.language,
        },
        message: values.message,
        categoryId: values.categoryId,
      });
      notifySuccess(t('newRequest.created', { number: created.number }));
      onClose();
      onCreated(created);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFormError(t('errors.unexpected'));
        return;
      }
      const { byField, hasOther } = splitFieldErrors(error, FIELDS);
      setErrors(byField);
      if (hasOther) {
        if (error.isConflict) notifyFailure(t, error);
        else setFormError(error.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const categoryOptions = (categories ?? [])
    .filter((c) => c.isActive)
    .map((c) => ({ value: c.id, label: c.name }));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('newRequest.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="gray.7">
            {t('newRequest.intro')}
          </Text>
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} role="alert">
              {formError}
            </Alert>
          )}

          {chosen ? (
            <Paper withBorder radius="md" p="sm" bg="alpine.0">
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Group gap="sm" wrap="nowrap" miw={0}>
                  <IconUserCheck
                    size={20}
                    color="var(--mantine-color-alpine-7)"
                    aria-hidden
                    style={{ flex: 'none' }}
                  />
                  <div style={{ minWidth: 0 }}>
                    <Text size="xs" c="dimmed">
                      {t('newRequest.chosenCustomer')}
                    </Text>
                    <Text size="sm" fw={600} truncate="end" title={`${chosen.firstName} ${chosen.lastName}`}>
                      {chosen.firstName} {chosen.lastName}
                    </Text>
                    <Text size="xs" c="gray.7" truncate="end" title={chosen.email}>
                      {chosen.email}
                      {chosen.phone ? ` · ${chosen.phone}` : ''}
                    </Text>
                  </div>
                </Group>
                <Button
                  variant="default"
                  size="compact-sm"
                  onClick={() => choose(null)}
                  style={{ flex: 'none' }}
                >
                  {t('newRequest.changeCustomer')}
                </Button>
              </Group>
            </Paper>
          ) : (
            <>
              <CustomerFinder onChoose={choose} />
              <Text size="sm" fw={600}>
                {t('newRequest.newCustomer')}
              </Text>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <TextInput
                  label={t('newRequest.firstName')}
                  required
                  maxLength={80}
                  value={values.firstName}
                  onChange={(e) => set('firstName', e.currentTarget.value, 'customer.firstName')}
                  error={errors['customer.firstName']}
                />
                <TextInput
                  label={t('newRequest.lastName')}
                  required
                  maxLength={80}
                  value={values.lastName}
                  onChange={(e) => set('lastName', e.currentTarget.value, 'customer.lastName')}
                  error={errors['customer.lastName']}
                />
                <TextInput
                  label={t('newRequest.email')}
                  type="email"
                  required
                  value={values.email}
                  onChange={(e) => set('email', e.currentTarget.value, 'customer.email')}
                  error={errors['customer.email']}
                />
                <TextInput
                  label={
                    <>
                      {t('newRequest.phone')}{' '}
                      <Text span size="xs" c="dimmed" fw={400}>
                        ({t('newRequest.phoneOptional')})
                      </Text>
                    </>
                  }
                  type="tel"
                  maxLength={30}
                  value={values.phone}
                  onChange={(e) => set('phone', e.currentTarget.value, 'customer.phone')}
                  error={errors['customer.phone']}
                />
              </SimpleGrid>
              <Select
                label={t('newRequest.language')}
                data={CUSTOMER_LANGUAGES.map((language) => ({
                  value: language,
                  label: t(`customerLanguages.${language}`),
                }))}
                value={values.language}
                onChange={(value) => value && isCustomerLanguage(value) && set('language', value)}
                allowDeselect={false}
                error={errors['customer.language']}
                w={{ base: '100%', xs: 'calc(50% - 6px)' }}
              />
            </>
          )}

          <Textarea
            label={t('newRequest.message')}
            placeholder={t('newRequest.messagePlaceholder')}
            required
            autosize
            minRows={4}
            maxRows={10}
            maxLength={10_000}
            value={values.message}
            onChange={(e) => set('message', e.currentTarget.value, 'message')}
            error={errors.message}
          />
          <Select
            label={t('newRequest.category')}
            placeholder={t('newRequest.categoryPlaceholder')}
            data={categoryOptions}
            value={values.categoryId}
            onChange={(value) => set('categoryId', value, 'categoryId')}
            clearable
            error={errors.categoryId}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={submitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('newRequest.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Finds a customer of the school by name, e-mail or phone, as the secretary types. */
function CustomerFinder({ onChoose }: { onChoose(hit: CustomerHit): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [hits, setHits] = useState<CustomerHit[] | null>(null);
  const [loading, setLoading] = useState(false);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  // A new object on each render: the search below must not run again because of it.
  const store = useRef(combobox);
  store.current = combobox;

  useEffect(() => {
    if (debounced.length < 2) {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    findCustomers(debounced, controller.signal)
      .then(
        (found) => {
          setHits(found);
          store.current.openDropdown();
        },
        () => {
          if (!controller.signal.aborted) setHits([]);
        },
      )
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [debounced]);

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const hit = hits?.find((h) => h.id === id);
        if (hit) onChoose(hit);
        combobox.closeDropdown();
      }}
      withinPortal={false}
    >
      <Combobox.Target withExpandedAttribute>
        <TextInput
          label={t('newRequest.findCustomer')}
          placeholder={t('newRequest.findCustomerPlaceholder')}
          description={t('newRequest.findCustomerHint')}
          data-autofocus
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => hits && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          leftSection={loading ? <Loader size={16} /> : <IconSearch size={16} aria-hidden />}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={hits === null}>
        <Combobox.Options mah={260} style={{ overflowY: 'auto' }}>
          {hits?.length === 0 && <Combobox.Empty>{t('newRequest.noCustomerFound')}</Combobox.Empty>}
          {hits?.map((hit) => (
            <Combobox.Option value={hit.id} key={hit.id}>
              <Text size="sm" fw={600} truncate="end">
                {hit.firstName} {hit.lastName}
              </Text>
              <Text size="xs" c="dimmed" truncate="end">
                {hit.email}
                {hit.phone ? ` · ${hit.phone}` : ''}
              </Text>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
