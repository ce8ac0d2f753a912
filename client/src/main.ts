import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './app/App.vue';
import { router } from './app/router';
import { i18n, savedLocale, setLocale } from './app/i18n';
import { installAuthGuard } from './features/auth/auth-guard';
import './app/base.css';

async function start(): Promise<void> {
  await setLocale(savedLocale());
  installAuthGuard(router);
  createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
}

void start();
