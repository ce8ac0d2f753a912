import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

export type OpenIdClient = typeof import('openid-client');

// A real import(): TypeScript compiling to CommonJS would turn a plain one into require().
const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

let loading: Promise<OpenIdClient> | undefined;

/**
 * openid-client is an ES module and the server is CommonJS, so it is imported at run time.
 * Under Jest the test sandbox refuses import() (unless Node runs with --experimental-vm-modules):
 * the module is then loaded by Node's own loader, outside the sandbox.
 */
export function loadOpenIdClient(): Promise<OpenIdClient> {
  loading ??= importModule(pathToFileURL(require.resolve('openid-client')).href);
  return loading;
}

async function importModule(url: string): Promise<OpenIdClient> {
  try {
    return (await nativeImport(url)) as OpenIdClient;
  } catch {
    // Also a module genuinely missing: this second attempt then fails with the real reason.
    const outsideSandbox = new vm.Script('(url) => import(url)', {
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    }).runInThisContext() as (url: string) => Promise<unknown>;
    return (await outsideSandbox(url)) as OpenIdClient;
  }
}
