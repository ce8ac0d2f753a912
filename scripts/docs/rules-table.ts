/**
 * The README's authorisation section, rendered from the code that enforces it: the route table
 * `ApiRouter` records as routes are declared, and the roles of `shared/src/accounts.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CITY_MANAGER_GRANTABLE_ROLES, ROLE_ORGANISATION, ROLE_PERMISSIONS, Role } from '@preau/shared';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createDataSource } from '../../server/src/db/data-source';
import { createLogger } from '../../server/src/logger';
import { describeRule, type RouteEntry } from '../../server/src/http/access';

export const README = path.resolve(__dirname, '../../README.md');
export const START = '<!-- authorization-table:start -->';
export const END = '<!-- authorization-table:end -->';

/** The app's route table. Building the app opens no database: the DataSource is never initialised. */
export function currentRouteTable(): RouteEntry[] {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const dataSource = createDataSource({ engine: 'sqlite', file: ':memory:' });
  return createApp({ config, dataSource, logger: createLogger('silent') }).routeTable;
}

const code = (text: string) => `\`${text}\``;

/** What goes between the markers. */
export function renderRulesSection(routeTable: readonly RouteEntry[]): string {
  const routes = routeTable.map((route) => `| ${code(route.method.toUpperCase())} | ${code(route.path)} | ${describeRule(route.rule)} |`);
  const roles = Role.options.map((role) => {
    const permissions = ROLE_PERMISSIONS[role].map(code).join(', ');
    const kind = ROLE_ORGANISATION[role];
    const organisation = kind === 'global' ? 'everything' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
    return `| ${code(role)} | ${organisation} | ${permissions} |`;
  });
  return [
    START,
    '<!-- Written by `npm run docs:rules` from the route table (server/src/http/access.ts) and shared/src/accounts.ts: edit those, not this. -->',
    '',
    '| method | path under `/api/v1` | who may call it |',
    '| --- | --- | --- |',
    ...routes,
    '',
    '- **anyone**: no session or token needed.',
    '- **signed in (own scope)**: any account. Of the inventory it reads only what lies in its organisations: a school, room or item outside them answers 404 and lists leave them out. The directory of académies, circonscriptions and communes is open to every account.',
    '- **`permission` (own scope)**: the permission in at least one of its organisations, otherwise 403; lists hold what lies in those organisations, and a record outside them answers 404.',
    "- **`permission` on the record's organisation**: decided on the record. Outside the caller's organisations the answer is 404, as if it did not exist; inside them without the permission, 403. A creation aimed outside them is a 422 on the field naming the target.",
    '- Without a session or a token, every route not open to anyone answers 401.',
    '',
    'Each membership gives a role in one organisation, and its permissions there (and in what the organisation contains: a commune holds its schools, an académie its communes and circonscriptions, a circonscription its schools):',
    '',
    '| role | belongs to | permissions |',
    '| --- | --- | --- |',
    ...roles,
    '',
    `A city manager grants only ${CITY_MANAGER_GRANTABLE_ROLES.map(code).join(', ')}, in their communes; administrators grant any role.`,
    END,
  ].join('\n');
}

/** The README with its section replaced; throws if the markers are missing or out of order. */
export function withRulesSection(readme: string, section: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the ${START} and ${END} markers, in that order`);
  return readme.slice(0, start) + section + readme.slice(end + END.length);
}

export function readReadme(): string {
  return fs.readFileSync(README, 'utf8');
}
