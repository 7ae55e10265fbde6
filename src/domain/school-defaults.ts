/**
 * What a new school starts with when its creator does not say: Schuss began with French ski
 * schools. Every calendar computation then uses the school's own stored time zone.
 */
export const DEFAULT_SCHOOL_TIME_ZONE = 'Europe/Paris';
export const DEFAULT_SCHOOL_CURRENCY = 'EUR';
export const DEFAULT_SCHOOL_LANGUAGE = 'fr';
