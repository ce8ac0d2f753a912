/**
 * The notifications API (each account reads and marks its own), in-app notifications without
 * SMTP, and the external contacts kept by city managers and administrators.
 */
import request from 'supertest';
import nodemailer from 'nodemailer';
import type { Express } from 'express';
import type { NotificationPage, Role } from '@preau/shared';
import type { Services } from '../../server/src/app';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { agentFor, makeUser, type Agent } from '../support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../support/factories';
import type { SchoolEntity } from '../../server/src/modules/schools/school.entity';
import { createMailer } from '../../server/src/modules/notifications/mailer';

describeEachEngine('notifications API', (db) => {
  let app: Express;
  let services: Services;
  let org: OrgFixture;
  let school: SchoolEntity;
  let createTransport: jest.SpyInstance;

  const agent = async (role: Role, organisationId: number | null, email: string | null = null): Promise<Agent> => {
    const { user } = await makeUser(db().dataSource, [{ role, organisationId }], { email });
    return agentFor(app, services, db().dataSource, user.id);
  };
  const page = async (who: Agent, query: Record<string, unknown> = {}) => {
    const res = await who.get('/api/v1/me/notifications').query(query);
    expect(res.status).toBe(200);
    return res.body as NotificationPage;
  };

  beforeAll(async () => {
    createTransport = jest.spyOn(nodemailer, 'createTransport');
    ({ app, services } = testApp(db().dataSource));
    org = await makeOrganisations(db().dataSource);
    school = await makeSchool(db().dataSource, org);
  });

  afterAll(async () => {
    createTransport.mockRestore();
    await services.notifier.stop();
  });

  describe('without SMTP_URL', () => {
    let erun: Agent;
    let otherErun: Agent;

    beforeAll(async () => {
      erun = await agent('erun', org.circonscription.id, `erun-api-${process.pid}@ecoles.example.fr`);
      otherErun = await agent('erun', org.circonscription.id);
      const teacher = await agent('teacher', school.id, `teacher-api-${process.pid}@ecoles.example.fr`);
      for (const title of ['Clavier', 'Écran', 'Souris']) {
        const res = await teacher.post('/api/v1/tickets').send({ schoolId: school.id, category: 'hardware', title, impact: 'one_person', urgency: 'low' });
        expect(res.status).toBe(201);
      }
      await services.notifier.idle();
    });

    it('writes in-app notifications and attempts no e-mail', async () => {
      expect((await page(erun)).total).toBe(3);
      expect(createTransport).not.toHaveBeenCalled();
    });

    it('lists newest first, page by page, with the unread count of all pages', async () => {
      const first = await page(erun, { pageSize: 2 });
      expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2, unreadCount: 3 });
      expect(first.items.map((x) => x.title)).toEqual(['Nouveau signalement : Souris', 'Nouveau signalement : Écran']);
      const second = await page(erun, { pageSize: 2, page: 2 });
      expect(second.items.map((x) => x.title)).toEqual(['Nouveau signalement : Clavier']);
    });

    it('marks one as read, idempotently, and filters the unread', async () => {
      const [newest] = (await page(erun)).items;
      expect((await erun.post(`/api/v1/me/notifications/${newest!.id}/read`)).status).toBe(204);
      const after = await page(erun);
      expect(after.unreadCount).toBe(2);
      expect(after.items.find((x) => x.id === newest!.id)?.readAt).toEqual(expect.any(String));
      expect((await erun.post(`/api/v1/me/notifications/${newest!.id}/read`)).status).toBe(204);
      const unread = await page(erun, { unread: 'true' });
      expect(unread.items.map((x) => x.id)).not.toContain(newest!.id);
      expect(unread).toMatchObject({ total: 2, unreadCount: 2 });
    });

    it("answers 404 for another account's notification and leaves it unread", async () => {
      const target = (await page(erun, { unread: 'true' })).items[0]!;
      const res = await otherErun.post(`/api/v1/me/notifications/${target.id}/read`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect((await page(erun, { unread: 'true' })).items.map((x) => x.id)).toContain(target.id);
      expect((await otherErun.post('/api/v1/me/notifications/999999/read')).status).toBe(404);
    });

    it('marks all as read, for the caller only', async () => {
      expect((await erun.post('/api/v1/me/notifications/read-all')).status).toBe(204);
      expect((await page(erun)).unreadCount).toBe(0);
      expect((await page(otherErun)).unreadCount).toBe(3);
    });

    it('refuses an anonymous caller and a bad query', async () => {
      expect((await request(app).get('/api/v1/me/notifications')).status).toBe(401);
      const bad = await erun.get('/api/v1/me/notifications').query({ unread: 'maybe', page: 0 });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(expect.arrayContaining(['unread', 'page']));
    });
  });

  describe('external contacts', () => {
    let manager: Agent;
    let otherManager: Agent;
    let admin: Agent;
    let other: OrgFixture;

    beforeAll(async () => {
      other = await makeOrganisations(db().dataSource);
      manager = await agent('city_manager', org.commune.id);
      otherManager = await agent('city_manager', other.commune.id);
      admin = await agent('admin', null);
    });

    it("lets a city manager keep the commune's suppliers, with every problem of a bad request listed", async () => {
      const bad = await manager.post('/api/v1/external-contacts').send({ kind: 'supplier', email: 'not an address' });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['communeId', 'email', 'name']);

      const created = await manager.post('/api/v1/external-contacts').send({ kind: 'supplier', name: 'Bureau Vallée', communeId: org.commune.id, email: ' SAV@Bureau.example ' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'supplier', name: 'Bureau Vallée', communeId: org.commune.id, academyId: null, email: 'sav@bureau.example' });

      const again = await manager.post('/api/v1/external-contacts').send({ kind: 'supplier', name: 'bureau vallée', communeId: org.commune.id, email: 'sav@bureau.example' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DUPLICATE');

      const audit = await manager.get('/api/v1/audit').query({ targetType: 'external_contact', targetId: created.body.id });
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['external_contact.created']);
    });

    it("keeps each manager to their commune, and académie contacts to administrators", async () => {
      expect((await manager.post('/api/v1/external-contacts').send({ kind: 'copier_contractor', communeId: other.commune.id, email: 'copieurs@example.fr' })).status).toBe(422);
      expect((await manager.post('/api/v1/external-contacts').send({ kind: 'software_editor', academyId: org.academy.id, email: 'support@editeur.example' })).status).toBe(403);
      const editor = await admin.post('/api/v1/external-contacts').send({ kind: 'software_editor', name: 'Éditeur ENT', academyId: org.academy.id, email: 'support@editeur.example' });
      expect(editor.status).toBe(201);

      const mine = (await manager.get('/api/v1/external-contacts')).body.items as { id: number; communeId: number | null }[];
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((c) => c.communeId === org.commune.id)).toBe(true);
      expect((await otherManager.get('/api/v1/external-contacts')).body.items).toEqual([]);
      expect(((await admin.get('/api/v1/external-contacts').query({ kind: 'software_editor' })).body.items as { id: number }[]).map((c) => c.id)).toContain(editor.body.id);

      const id = mine[0]!.id;
      expect((await otherManager.delete(`/api/v1/external-contacts/${id}`)).status).toBe(404);
      expect((await manager.delete(`/api/v1/external-contacts/${editor.body.id}`)).status).toBe(404);
      expect((await manager.delete(`/api/v1/external-contacts/${id}`)).status).toBe(204);
      expect(((await manager.get('/api/v1/external-contacts')).body.items as { id: number }[]).map((c) => c.id)).not.toContain(id);
    });
  });
});

describe('the mailer', () => {
  it('is built from SMTP_URL, with MAIL_FROM as the sender', () => {
    expect(createMailer({ smtpUrl: null, from: 'x <x@example.fr>' })).toBeNull();
    const spy = jest.spyOn(nodemailer, 'createTransport');
    try {
      createMailer({ smtpUrl: 'smtp://user:pass@127.0.0.1:2525', from: 'Préau <no-reply@ville.example.fr>' })?.close();
      expect(spy).toHaveBeenCalledWith(expect.objectContaining({ url: 'smtp://user:pass@127.0.0.1:2525' }), { from: 'Préau <no-reply@ville.example.fr>' });
    } finally {
      spy.mockRestore();
    }
  });
});
