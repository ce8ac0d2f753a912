import type { Express } from 'express';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { adminAgent, type Agent } from '../../../../../test/support/auth';
import { makeOrganisations, makeSchool } from '../../../../../test/support/factories';
import type { SchoolEntity } from '../school.entity';

describeEachEngine('room use', (db) => {
  let app: Express;
  let api: Agent;
  let school: SchoolEntity;

  beforeAll(async () => {
    const built = testApp(db().dataSource);
    app = built.app;
    api = await adminAgent(app, built.services, db().dataSource);
    school = await makeSchool(db().dataSource, await makeOrganisations(db().dataSource));
  });

  it('records what a room is used for, "other" when not said', async () => {
    const classroom = await api.post('/api/v1/rooms').send({ schoolId: school.id, name: 'Classe CM2', use: 'classroom' });
    expect(classroom.status).toBe(201);
    expect(classroom.body.use).toBe('classroom');
    const library = await api.post('/api/v1/rooms').send({ schoolId: school.id, name: 'BCD' });
    expect(library.body.use).toBe('other');
    expect((await api.get(`/api/v1/rooms/${classroom.body.id}`)).body.use).toBe('classroom');
  });

  it('changes the use with the version read, leaving the other fields', async () => {
    const created = (await api.post('/api/v1/rooms').send({ schoolId: school.id, name: 'Bureau', description: 'Au premier étage' })).body;
    const changed = await api.patch(`/api/v1/rooms/${created.id}`).send({ version: created.version, use: 'direction' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ use: 'direction', name: 'Bureau', description: 'Au premier étage', version: created.version + 1 });
    const renamed = await api.patch(`/api/v1/rooms/${created.id}`).send({ version: changed.body.version, name: 'Bureau de la direction' });
    expect(renamed.body.use).toBe('direction');
  });

  it('refuses an unknown use on creation and on update', async () => {
    const created = await api.post('/api/v1/rooms').send({ schoolId: school.id, name: 'Salle 12', use: 'gym' });
    expect(created.status).toBe(422);
    expect(created.body.errors.map((issue: { path: string[] }) => issue.path)).toEqual([['use']]);
    const room = (await api.post('/api/v1/rooms').send({ schoolId: school.id, name: 'Salle 13' })).body;
    const updated = await api.patch(`/api/v1/rooms/${room.id}`).send({ version: room.version, use: 'kitchen' });
    expect(updated.status).toBe(422);
    expect(updated.body.errors.map((issue: { path: string[] }) => issue.path)).toEqual([['use']]);
  });
});
