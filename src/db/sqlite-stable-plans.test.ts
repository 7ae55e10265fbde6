import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStablePlans } from './sqlite-stable-plans.js';

describe('withStablePlans', () => {
  it('hides every parameter from the planner: WHERE, LIMIT, VALUES, SET', () => {
    expect(withStablePlans('select "a" from "t" where "t"."id" = ? and x in (?, ?) limit ?')).toBe(
      'select "a" from "t" where "t"."id" = +? and x in (+?, +?) limit +?',
    );
    expect(withStablePlans('insert into t (a, b) values (?, ?)')).toBe(
      'insert into t (a, b) values (+?, +?)',
    );
    expect(withStablePlans('update t set a = ?1 where id = ?2')).toBe('update t set a = +?1 where id = +?2');
  });

  it('leaves strings, quoted identifiers and comments as they are', () => {
    const sql = `select '?', 'it''s ?', "col?", \`b?\`, [c?] from t -- why ?\nwhere a = ? /* ? */`;
    expect(withStablePlans(sql)).toBe(
      `select '?', 'it''s ?', "col?", \`b?\`, [c?] from t -- why ?\nwhere a = +? /* ? */`,
    );
  });

  it('keeps a LIKE or GLOB pattern visible (its prefix may use an index)', () => {
    expect(withStablePlans('select 1 from t where a like ? and b not glob ? and c = ?')).toBe(
      'select 1 from t where a like ? and b not glob ? and c = +?',
    );
  });

  it('returns a text without parameters, or with an unterminated quote, unchanged', () => {
    expect(withStablePlans('select 1')).toBe('select 1');
    expect(withStablePlans("select '? from t where a = ?")).toBe("select '? from t where a = ?");
  });

  it('answers exactly what the plain statement answers, with the comparison affinity kept', () => {
    const db = new SQLite(':memory:');
    db.exec(`create table t (id text primary key, n integer not null, label text);
      create table u (id text primary key, t_id text not null, v text);
      insert into t values ('a', 1, 'un'), ('b', 2, null), ('10', 10, 'dix');
      insert into u values ('u1', 'a', 'x'), ('u2', '10', 'y');`);
    const queries: [string, unknown[]][] = [
      ['select t.id, u.v from t join u on u.t_id = t.id where t.id = ? order by u.id', ['a']],
      // Text against an integer column: the column's affinity converts it, with or without `+`.
      ['select id from t where n = ?', ['2']],
      ['select id from t where n > ? order by id', ['1']],
      ['select id from t where label is ? order by id', [null]],
      ['select id from t order by n desc limit ? offset ?', [2, 1]],
    ];
    for (const [sql, params] of queries) {
      const plain = db.prepare(sql).all(...params);
      expect(plain.length, sql).toBeGreaterThan(0);
      expect(db.prepare(withStablePlans(sql)).all(...params)).toEqual(plain);
    }
  });

  it('keeps the index a join and a sorted page are planned with', () => {
    const db = new SQLite(':memory:');
    db.exec(`create table r (id text primary key, school_id text not null, status text not null,
        at text not null, category_id text);
      create index r_school_status_at on r (school_id, status, at, id);
      create table c (id text primary key, name text);`);
    const sql = withStablePlans(`select r.id, c.name from r left join c on c.id = r.category_id
      where r.school_id = ? and r.status = ? order by r.at desc, r.id desc limit ?`);
    const plan = db
      .prepare(`explain query plan ${sql}`)
      .all('s', 'new', 50)
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toEqual([
      'SEARCH r USING INDEX r_school_status_at (school_id=? AND status=?)',
      'SEARCH c USING INDEX sqlite_autoindex_c_1 (id=?) LEFT-JOIN',
    ]);
  });
});
