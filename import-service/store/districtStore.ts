import type { ApiSchool, District, DistrictSeed, Group } from '../../core/importApi';
import { nowIso } from '../clock';
import type { SqliteDb } from '../db/sqlite';
import { ApiError } from '../errors';

export class DistrictStore {
  constructor(private readonly db: SqliteDb) {}

  name(): string {
    return this.db.get<{ name: string }>('SELECT name FROM district WHERE id = 1')?.name ?? 'Sandbox District';
  }

  schools(): ApiSchool[] {
    return this.db.all<{ sis_id: string; name: string }>('SELECT sis_id, name FROM schools ORDER BY sis_id').map((r) => ({
      sisId: r.sis_id,
      name: r.name,
    }));
  }

  groups(): Group[] {
    return this.db
      .all<{ id: number; name: string; members: number }>(
        `SELECT g.id, g.name, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS members
         FROM custom_groups g ORDER BY g.name`,
      )
      .map((r) => ({ id: Number(r.id), name: r.name, memberCount: Number(r.members) }));
  }

  group(id: number): Group | undefined {
    return this.groups().find((g) => g.id === id);
  }

  district(): District {
    return { name: this.name(), schools: this.schools(), groups: this.groups() };
  }

  addSchool(school: ApiSchool): ApiSchool {
    if (this.db.get('SELECT 1 FROM schools WHERE sis_id = ?', [school.sisId])) {
      throw new ApiError(409, 'school.exists', `The district already has a school with SIS ID "${school.sisId}".`);
    }
    this.db.run('INSERT INTO schools (sis_id, name, created_at) VALUES (?, ?, ?)', [school.sisId, school.name, nowIso()]);
    return school;
  }

  addGroup(name: string): Group {
    if (this.db.get('SELECT 1 FROM custom_groups WHERE name = ? COLLATE NOCASE', [name])) {
      throw new ApiError(409, 'group.exists', `The district already has a custom group named "${name}".`);
    }
    const { lastInsertRowid } = this.db.run('INSERT INTO custom_groups (name, created_at) VALUES (?, ?)', [name, nowIso()]);
    return { id: lastInsertRowid, name, memberCount: 0 };
  }

  /** Merges a seed: the name is set, schools added or renamed by SIS ID, groups added by name. */
  seed(seed: DistrictSeed): District {
    this.db.transaction(() => {
      if (seed.name) this.db.run('UPDATE district SET name = ? WHERE id = 1', [seed.name]);
      for (const school of seed.schools ?? []) {
        this.db.run(
          `INSERT INTO schools (sis_id, name, created_at) VALUES (?, ?, ?)
           ON CONFLICT (sis_id) DO UPDATE SET name = excluded.name`,
          [school.sisId, school.name, nowIso()],
        );
      }
      for (const group of seed.groups ?? []) {
        const name = typeof group === 'string' ? group : group.name;
        this.db.run('INSERT INTO custom_groups (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [name, nowIso()]);
      }
    });
    return this.district();
  }
}
