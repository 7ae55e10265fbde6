const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** The days two date ranges (YYYY-MM-DD, both ends included) share; 0 when they do not meet. */
function sharedDays(a: { from: string; to: string }, b: { from: string; to: string }): number {
  const from = Math.max(dayNumber(a.from), dayNumber(b.from));
  const to = Math.min(dayNumber(a.to), dayNumber(b.to));
  return Math.max(0, Math.round(to - from) + 1);
}

/**
 * The sessions in the order "Cours de ski" offers them: those that cover most of the dates the
 * customer asked for first (a week that starts on their first day before one that ends on it),
 * then by first day. `askedDays(session)` says how many of the asked days a session covers.
 */
export function sessionsByAskedDates<S extends { startsOn: string; endsOn: string }>(
  sessions: readonly S[],
  asked: { from: string; to: string | null } | null,
): { sorted: S[]; askedDays: (session: S) => number } {
  const askedDays = (session: S) =>
    asked === null
      ? 0
      : sharedDays(
          { from: session.startsOn, to: session.endsOn },
          { from: asked.from, to: asked.to ?? asked.from },
        );
  const sorted = [...sessions].sort(
    (a, b) => askedDays(b) - askedDays(a) || a.startsOn.localeCompare(b.startsOn),
  );
  return { sorted, askedDays };
}
