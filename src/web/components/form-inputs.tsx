import { NumberInput, type NumberInputProps, TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A decimal typed as text ("120,50", "30"), read by the server: the decimal keyboard on a phone,
 * its unit at its end ("€" unless said, "%"), no autofill.
 */
export function DecimalInput({ unit = '€', ...props }: TextInputProps & { unit?: string }) {
  return <TextInput inputMode="decimal" autoComplete="off" rightSection={unit} {...props} />;
}

/** A whole number of days, from `min` (0 unless said) to `max`, said with its unit ("14 jours"). */
export function DaysInput({ min = 0, ...props }: NumberInputProps & { max: number }) {
  const { t } = useTranslation();
  return (
    <NumberInput
      min={min}
      allowDecimal={false}
      allowNegative={false}
      suffix={` ${t('salesSettings.daysSuffix')}`}
      {...props}
    />
  );
}
