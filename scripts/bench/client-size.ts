import path from 'node:path';

/** The teacher's report page, from the menu or from a label's QR code (issue: the screens of the three personas). */
export const REPORT_ROUTE_NAMES: readonly string[] = ['report', 'report-from-label'];
export const REPORT_BUDGET_BYTES = 150 * 1024;

/** The part of Vite's `.vite/manifest.json` this bench reads; keys are source paths from `client/`. */
export type ClientManifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;

export interface Route {
  path: string;
  name: string;
  /** The view's key in the manifest, `src/features/…/views/XView.vue`. */
  view: string;
}

export interface RouteSize extends Route {
  /** Every script a first visit downloads, entry first, as paths under `client/dist`. */
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  budgetBytes?: number;
  withinBudget?: boolean;
}

const ROUTE = /path:\s*'([^']+)',\s*name:\s*'([^']+)',\s*component:\s*\(\)\s*=>\s*import\('([^']+)'\)/g;
const LAZY_IMPORT = /import\('([^']+)'\)/g;

/**
 * The lazily loaded routes of `client/src/app/router.ts`, read from its source. `unparsed` lists
 * the lazy imports written in a shape this reader does not know, so none goes uncounted silently.
 */
export function readRoutes(routerSource: string): { routes: Route[]; unparsed: string[] } {
  const routes = [...routerSource.matchAll(ROUTE)].map(([, routePath, name, specifier]) => ({
    // The source's string literal doubles its backslashes: `'/ecoles/:id(\\d+)'`.
    path: routePath!.replaceAll('\\\\', '\\'),
    name: name!,
    view: path.posix.join('src/app', specifier!),
  }));
  const read = new Set(routes.map((route) => route.view));
  const unparsed = [...routerSource.matchAll(LAZY_IMPORT)]
    .map(([, specifier]) => path.posix.join('src/app', specifier!))
    .filter((view) => !read.has(view));
  return { routes, unparsed };
}

/**
 * What the browser downloads on a first visit to a route: the entry chunk and its static imports
 * (loaded by `<script>` and `modulepreload`), then the route's lazy chunk and its static imports
 * (Vite preloads those with it). Lazy imports inside those chunks are not counted.
 */
export function firstLoadFiles(manifest: ClientManifest, view: string): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('The manifest has no entry chunk');
  if (!manifest[view]) throw new Error(`The manifest has no chunk for ${view}`);
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  visit(view);
  return [...files];
}
