import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './app/App.vue';
import { router } from './app/router';
import { i18n, savedLocale, setLocale } from './app/i18n';
import { installAuthGuard } from './features/auth/auth-guard';
import { useAuthStore } from './features/auth/auth.store';
import './app/base.css';

async function start(): Promise<void> {
  const app = createApp(App).use(createPinia()).use(i18n);
  // `/` leads each role to its own page, so the session is read before the router's first navigation
  // (the guard would read it then anyway). A failure is the guard's to handle: carry on signed out.
  await Promise.all([setLocale(savedLocale()), useAuthStore().ensureSession().catch(() => undefined)]);
  installAuthGuard(router);
  app.use(router).mount('#app');
}

void start();
