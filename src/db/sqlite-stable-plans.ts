/**
 * SQLite as better-sqlite3 builds it (SQLITE_ENABLE_STAT4, without the query planner stability
 * guarantee, which only the C API can turn on) lets the planner look at a bound value while it
 * plans: `where a.id = ?` in a join, `r.school_id = ?` beside an ORDER BY, `limit ?`. Such a
 * statement is then marked to be compiled again whenever a new value is bound to that parameter,
 * i.e. on every run, since every call binds its values: parsing and planning a statement that
 * was prepared once. Measured here (better-sqlite3 13.2, SQLite 3.54): the session lookup, a
 * three-table join, 22.5 µs → 3.0 µs; the 50-row list page 101 µs → 71 µs.
 *
 * Writing a parameter as `+?` (SQLite's unary plus, a no-op that keeps the value, its type and
 * the comparison's affinity) hides its value from the planner, which then plans once, for any
 * value, as PostgreSQL's generic plans do. The only value-dependent plan the app could want is
 * LIKE's prefix optimization, so a parameter right after LIKE or GLOB is left as it is.
 */
export function withStablePlans(sqlText: string): string {
  if (!sqlText.includes('?')) return sqlText;
  let out = '';
  let lastWord = '';
  let i = 0;
  const n = sqlText.length;
  while (i < n) {
    const ch = sqlText[i]!;
    // Quoted strings and identifiers ('…', "…", `…`, […]) and comments are copied as they are.
    if (ch === "'" || ch === '"' || ch === '`') {
      let end = i + 1;
      for (;;) {
        end = sqlText.indexOf(ch, end);
        if (end < 0) return sqlText; // unterminated: leave it for SQLite to report
        if (sqlText[end + 1] === ch) end += 2;
        else break;
      }
      out += sqlText.slice(i, end + 1);
      i = end + 1;
      lastWord = '';
      continue;
    }
    if (ch === '[') {
      const end = sqlText.indexOf(']', i + 1);
      if (end < 0) return sqlText;
      out += sqlText.slice(i, end + 1);
      i = end + 1;
      lastWord = '';
      continue;
    }
    if (ch === '-' && sqlText[i + 1] === '-') {
      const end = sqlText.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out += sqlText.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '/' && sqlText[i + 1] === '*') {
      const end = sqlText.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += sqlText.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '?') {
      if (lastWord !== 'like' && lastWord !== 'glob') out += '+';
      out += ch;
      i++;
      lastWord = '';
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let end = i + 1;
      while (end < n && /[\w$]/.test(sqlText[end]!)) end++;
      lastWord = sqlText.slice(i, end).toLowerCase();
      out += sqlText.slice(i, end);
      i = end;
      continue;
    }
    if (!/\s/.test(ch)) lastWord = '';
    out += ch;
    i++;
  }
  return out;
}
