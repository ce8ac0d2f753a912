import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';

const numericId = (route: RouteLocationNormalized) => ({ id: Number(route.params.id) });

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: { name: 'schools' } },
    { path: '/ecoles', name: 'schools', component: () => import('../features/schools/views/SchoolsListView.vue') },
    {
      path: '/ecoles/:id(\\d+)',
      name: 'school',
      component: () => import('../features/schools/views/SchoolDetailView.vue'),
      props: numericId,
    },
    {
      path: '/materiel/:id(\\d+)',
      name: 'equipment',
      component: () => import('../features/equipment/views/EquipmentDetailView.vue'),
      props: numericId,
    },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./NotFoundView.vue') },
  ],
  scrollBehavior(to, from, savedPosition) {
    if (savedPosition) return savedPosition;
    return to.path === from.path ? false : { top: 0 };
  },
});
