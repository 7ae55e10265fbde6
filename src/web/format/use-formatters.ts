import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Cents, formatMoney } from '../../shared/money';
import { dayIn } from '../../shared/time-zone';
import { useMe } from '../session/session';
import { ageOn, formatLongDateTime, formatShortDateTime, listTime, localeOf } from './format';

/** The current time, updated every minute (relative times stay true on a screen left open). */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Money and time, in the interface language and the school's time zone. */
export function useFormatters() {
  const { t, i18n } = useTranslation();
  const { school } = useMe();
  const now = useNow();
  const language = i18n.language;
  const timeZone = school.timeZone;

  return useMemo(() => {
    const relative = new Intl.RelativeTimeFormat(localeOf(language), { numeric: 'auto', style: 'short' });
    return {
      now,
      timeZone,
      money: (amount: Cents) => formatMoney(amount, localeOf(language)),
      /** For list rows: relative today, "hier 14:02", "26/11 14:02". */
      listTime: (iso: string): string => {
        const when = listTime(iso, timeZone, now);
        switch (when.kind) {
          case 'now':
            return t('time.justNow');
          case 'minutes':
            return relative.format(-when.value, 'minute');
          case 'hours':
            return relative.format(-when.value, 'hour');
          case 'yesterday':
            return t('time.yesterdayAt', { time: when.time });
          case 'date':
            return when.text;
          default: {
            const never: never = when;
            return never;
          }
        }
      },
      /** "26/11 14:02". */
      shortDateTime: (iso: string) => formatShortDateTime(iso, timeZone, now),
      /** For title attributes: the full date and time. */
      longDateTime: (iso: string) => formatLongDateTime(iso, timeZone, language),
      age: (birthDate: string) => ageOn(birthDate, dayIn(now, timeZone)),
    };
  }, [language, timeZone, now, t]);
}
