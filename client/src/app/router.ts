import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import type { Permission } from '@preau/shared';
import { useAuthStore } from '../features/auth/auth.store';
import { landingRoute } from '../features/home/landing';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** What the signed-in user must be allowed to do to open the page. */
    permission?: Permission;
  }
}

const numericId = (route: RouteLocationNormalized) => ({ id: Number(route.params.id) });

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    // Each role's first page; the session is read before the first navigation (main.ts).
    { path: '/', name: 'landing', redirect: () => landingRoute(useAuthStore().user) },
    {
      path: '/accueil',
      name: 'home',
      component: () => import('../features/home/views/HomeView.vue'),
      meta: { permission: 'tickets:work' },
    },
    { path: '/connexion', name: 'login', component: () => import('../features/auth/views/LoginView.vue'), meta: { public: true } },
    { path: '/ecoles', name: 'schools', component: () => import('../features/schools/views/SchoolsListView.vue') },
    {
      path: '/ecoles/:id(\\d+)',
      name: 'school',
      component: () => import('../features/schools/views/SchoolDetailView.vue'),
      props: numericId,
    },
    { path: '/materiel', name: 'equipment-finder', component: () => import('../features/equipment/views/EquipmentFinderView.vue') },
    {
      path: '/materiel/:id(\\d+)',
      name: 'equipment',
      component: () => import('../features/equipment/views/EquipmentDetailView.vue'),
      props: numericId,
    },
    { path: '/signaler', name: 'report', component: () => import('../features/tickets/views/ReportIncidentView.vue') },
    {
      // The address printed as a QR code on equipment labels.
      path: '/r/:assetTag',
      name: 'report-from-label',
      component: () => import('../features/tickets/views/ReportIncidentView.vue'),
      props: (route) => ({ assetTag: String(route.params.assetTag) }),
    },
    {
      path: '/signaler/envoye/:id(\\d+)',
      name: 'report-sent',
      component: () => import('../features/tickets/views/ReportSentView.vue'),
      props: numericId,
    },
    { path: '/mes-signalements', name: 'my-reports', component: () => import('../features/tickets/views/MyReportsView.vue') },
    {
      path: '/incidents/:id(\\d+)',
      name: 'ticket',
      component: () => import('../features/tickets/views/TicketDetailView.vue'),
      props: numericId,
    },
    {
      path: '/file',
      name: 'queue',
      component: () => import('../features/tickets/views/TicketQueueView.vue'),
      meta: { permission: 'tickets:work' },
    },
    { path: '/notifications', name: 'notifications', component: () => import('../features/notifications/views/NotificationsView.vue') },
    { path: '/mes-jetons', name: 'my-tokens', component: () => import('../features/accounts/views/MyTokensView.vue') },
    {
      path: '/utilisateurs',
      name: 'users',
      component: () => import('../features/accounts/views/UsersListView.vue'),
      meta: { permission: 'users:manage' },
    },
    {
      path: '/utilisateurs/nouveau',
      name: 'user-create',
      component: () => import('../features/accounts/views/UserCreateView.vue'),
      meta: { permission: 'users:manage' },
    },
    {
      path: '/utilisateurs/:id(\\d+)',
      name: 'user',
      component: () => import('../features/accounts/views/UserDetailView.vue'),
      props: numericId,
      meta: { permission: 'users:manage' },
    },
    {
      path: '/journal',
      name: 'audit',
      component: () => import('../features/audit/views/AuditLogView.vue'),
      meta: { permission: 'audit:read' },
    },
    {
      // ECharts comes with this view's chunk only: no other page downloads it.
      path: '/tableau-de-bord',
      name: 'dashboard',
      component: () => import('../features/dashboard/views/FleetDashboardView.vue'),
      meta: { permission: 'reports:read' },
    },
    {
      path: '/parametres/parc',
      name: 'fleet-settings',
      component: () => import('../features/fleet-settings/views/FleetSettingsView.vue'),
      meta: { permission: 'reports:read' },
    },
    {
      path: '/parametres/signalements',
      name: 'ticket-settings',
      component: () => import('../features/ticket-settings/views/TicketSettingsView.vue'),
      meta: { permission: 'tickets:work' },
    },
    {
      path: '/parametres/acheminement',
      name: 'routing-rules',
      component: () => import('../features/routing-rules/views/RoutingRulesView.vue'),
      meta: { permission: 'tickets:work' },
    },
    {
      path: '/pilotage',
      name: 'steering-report',
      component: () => import('../features/reports/views/SteeringReportView.vue'),
      meta: { permission: 'reports:read' },
    },
    {
      path: '/abonnements-ent',
      name: 'ent-subscriptions',
      component: () => import('../features/ent-subscriptions/views/EntSubscriptionsView.vue'),
      meta: { permission: 'reports:read' },
    },
    { path: '/acces-refuse', name: 'forbidden', component: () => import('./ForbiddenView.vue') },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./NotFoundView.vue') },
  ],
  scrollBehavior(to, from, savedPosition) {
    if (savedPosition) return savedPosition;
    return to.path === from.path ? false : { top: 0 };
  },
});
