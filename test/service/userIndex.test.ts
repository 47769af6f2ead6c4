/**
 * The in-memory UserIndex a plan looks users up in answers exactly what UserStore's queries
 * answer (District ID exactly; username and e-mail under SQLite's NOCASE, which folds A–Z only),
 * whether it read the whole district or only the users the file's keys name.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { migrate } from '../../import-service/db/migrations';
import { SqliteDb } from '../../import-service/db/sqlite';
import { UserStore } from '../../import-service/store/userStore';
import { tempDataDir } from './helpers/serviceProcess';

describe('import service: the users index agrees with the database', function () {
  let db: SqliteDb;
  let users: UserStore;
  before(function () {
    db = new SqliteDb(path.join(tempDataDir('index'), 'db.sqlite'));
    migrate(db);
    users = new UserStore(db);
    db.transaction(() => {
      const add = (id: string, username: string, email: string | null) =>
        users.insert({ districtId: id, fields: { 'District ID': id, Username: username, 'Email Address': email ?? '' }, schoolSisId: null, passwordHash: 'x' }, 1);
      add('1001', 'SamR', 'Sam.R@Lincoln.example.org');
      add('1002', 'émile', 'emile@lincoln.example.org');
      add('1003', 'lee', null);
      for (let i = 0; i < 500; i++) add(String(2000 + i), `user${i}`, `user${i}@x.example.org`);
    });
  });
  after(function () {
    db?.close();
  });

  const ASKED = {
    districtIds: ['1001', '1002', '1003', '2042', '9999', '1001 ', 'a1001'],
    usernames: ['samr', 'SAMR', 'Émile', 'émile', 'LEE', 'USER42', 'nobody', ''],
    emails: ['sam.r@lincoln.EXAMPLE.org', 'EMILE@lincoln.example.org', 'User42@X.example.org', 'none@x.org', ''],
  };

  for (const how of ['keys', 'all', 'auto'] as const) {
    it(`reading ${how === 'keys' ? "only the users the file's keys name" : how === 'all' ? 'the whole district' : 'as it chooses'}: the same answers as the queries`, function () {
      const index = users.index(null, ASKED, how);
      if (how === 'keys') assert.ok(index.size < 10, `only the users asked about were read (${index.size})`);
      if (how === 'all') assert.equal(index.size, 503);
      for (const id of ASKED.districtIds) assert.deepEqual(index.byDistrictId(id), users.byDistrictId(id), `District ID ${JSON.stringify(id)}`);
      for (const u of ASKED.usernames) assert.equal(index.usernameOwner(u), u ? users.usernameOwner(u) : undefined, `username ${JSON.stringify(u)}`);
      for (const e of ASKED.emails) assert.equal(index.emailOwner(e), users.emailOwner(e), `e-mail ${JSON.stringify(e)}`);
      // The cases that matter: A–Z fold, É does not.
      assert.equal(index.usernameOwner('SAMR'), '1001');
      assert.equal(index.usernameOwner('Émile'), undefined);
      assert.equal(index.emailOwner('EMILE@lincoln.example.org'), '1002');
    });
  }

  it('stays true after a user is updated through it (a new username frees the old one)', function () {
    // Rolled back at the end (an AssertionError instead would fail the assert.throws).
    assert.throws(() => db.transaction(() => {
      const index = users.index(null, { districtIds: ['1003'], usernames: ['lee', 'Leo'], emails: ['leo@x.example.org'] }, 'keys');
      const lee = index.byDistrictId('1003')!;
      index.stored(users.update(lee, { fields: { ...lee.fields, Username: 'Leo', 'Email Address': 'leo@x.example.org' }, schoolSisId: null, passwordHash: 'y' }, 2));
      assert.equal(index.usernameOwner('lee'), undefined);
      assert.equal(index.usernameOwner('LEO'), '1003');
      assert.equal(index.emailOwner('LEO@x.example.org'), '1003');
      assert.deepEqual(index.byDistrictId('1003'), users.byDistrictId('1003'));
      throw new Error('roll back');
    }), /^Error: roll back$/);
    assert.equal(users.byDistrictId('1003')?.username, 'lee');
  });
});
