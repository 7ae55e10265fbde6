/**
 * Calendar time in the school's time zone, for the staff app as for the server: one module,
 * `src/domain/time-zone.ts`.
 */
export {
  dayIn,
  formatCalendarDate,
  plusDays,
  shortDayAndTime,
  yearIn,
  type ZonedParts,
  zonedParts,
} from '../domain/time-zone.js';
