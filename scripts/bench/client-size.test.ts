import { firstLoadFiles, readRoutes, type ClientManifest } from './client-size';

describe('client size bench', () => {
  test('reads lazy routes from the router and lists the imports it cannot read', () => {
    const source = `
      { path: '/', name: 'landing', redirect: () => '/ecoles' },
      { path: '/connexion', name: 'login', component: () => import('../features/auth/views/LoginView.vue'), meta: { public: true } },
      {
        // A comment above the path.
        path: '/r/:assetTag',
        name: 'report-from-label',
        component: () => import('../features/tickets/views/ReportIncidentView.vue'),
      },
      { path: '/ecoles/:id(\\\\d+)', name: 'school', component: () => import('../features/schools/views/SchoolDetailView.vue'), props: numericId },
      { name: 'odd', path: '/odd', component: () => import('./OddView.vue') },`;
    const { routes, unparsed } = readRoutes(source);
    expect(routes).toEqual([
      { path: '/connexion', name: 'login', view: 'src/features/auth/views/LoginView.vue' },
      { path: '/r/:assetTag', name: 'report-from-label', view: 'src/features/tickets/views/ReportIncidentView.vue' },
      { path: '/ecoles/:id(\\d+)', name: 'school', view: 'src/features/schools/views/SchoolDetailView.vue' },
    ]);
    expect(unparsed).toEqual(['src/app/OddView.vue']);
  });

  test('counts the entry, the view and their static imports once each, and no lazy import', () => {
    const manifest: ClientManifest = {
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_vue.js'] },
      '_vue.js': { file: 'assets/vue.js' },
      '_ui.js': { file: 'assets/ui.js', imports: ['_vue.js'] },
      '_socket.js': { file: 'assets/socket.js' },
      'src/View.vue': { file: 'assets/View.js', imports: ['_ui.js', '_vue.js'] },
      'src/Other.vue': { file: 'assets/Other.js', imports: ['_socket.js'] },
    };
    expect(firstLoadFiles(manifest, 'src/View.vue')).toEqual(['assets/index.js', 'assets/vue.js', 'assets/View.js', 'assets/ui.js']);
    expect(() => firstLoadFiles(manifest, 'src/Missing.vue')).toThrow('no chunk for src/Missing.vue');
  });
});
