import { defineAsyncComponent } from 'vue';

// ECharts arrives after the figures: the tables and key figures show without waiting for it.
export const LazyBarChart = defineAsyncComponent(() => import('./BarChart.vue'));
