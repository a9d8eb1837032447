// Runs the *compiled* WeChat or Alipay logic layer (miniapp/dist/<platform>) in plain Node
// (TOOLCHAIN.md "Compiled mini-program bundles in Node"): miniprogram-simulate's API stand-ins as
// `wx` / `my`, our own App/Page/getCurrentPages, a setData that applies Taro's path updates to a
// data tree, and events fired through the page's real `eh` handler as the platform's template
// would. Network calls go to a real BFF. It proves the bundle's logic and platform-file
// resolution, not layout (layout is the H5 browser suite's job).
import { join } from 'node:path';

export type MiniPlatform = 'weapp' | 'alipay';

/** A node of Taro's render tree as sent through setData: `nn` node name, `cn` children, `v` text. */
export interface MiniNode {
  nn?: string | number;
  sid?: string;
  uid?: string;
  cl?: string;
  v?: string;
  cn?: MiniNode[];
  [attribute: string]: unknown;
}

interface PageConfig {
  data?: Record<string, unknown>;
  eh(event: unknown): void;
  onLoad(query: Record<string, string>): void;
  onShow?(): void;
  onReady?(): void;
  onUnload?(): void;
  [key: string]: unknown;
}

export interface MiniPage {
  route: string;
  data: { root?: MiniNode; [key: string]: unknown };
  /** Every text in the rendered tree, in order. */
  texts(): string[];
  /** The node whose React `id` prop is `id`. */
  byId(id: string): MiniNode | undefined;
  tap(id: string): void;
  input(id: string, value: string): void;
  unload(): void;
}

export interface NetworkCall {
  url: string;
  method: string;
  /** Header names lower-cased. */
  header: Record<string, string>;
  data: unknown;
  statusCode?: number;
}

export interface MiniProgram {
  platform: MiniPlatform;
  calls: NetworkCall[];
  storage: Map<string, unknown>;
  /** What navigateTo / switchTab / navigateBack asked for, in order. */
  navigations: string[];
  /** The platform API object (`wx` or `my`) the bundle sees; tests may replace members. */
  api: Record<string, unknown>;
  openPage(route: string, query?: Record<string, string>): MiniPage;
  /** Resolves once no request is in flight and the event loop has turned (renders flushed). */
  settle(): Promise<void>;
  close(): void;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  // Taro's keys look like "root.cn.[1].cn.[0].p25".
  const parts = path.split('.').map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
  let node: Record<string | number, unknown> = target;
  parts.forEach((part, index) => {
    if (index === parts.length - 1) {
      node[part] = value;
      return;
    }
    if (node[part] === undefined || node[part] === null) node[part] = typeof parts[index + 1] === 'number' ? [] : {};
    node = node[part] as Record<string | number, unknown>;
  });
}

function walk(node: MiniNode | undefined, visit: (node: MiniNode) => void): void {
  if (!node) return;
  visit(node);
  node.cn?.forEach((child) => walk(child, visit));
}

const GLOBAL_NAMES = ['wx', 'my', 'App', 'Page', 'Component', 'getApp', 'getCurrentPages', 'navigator', 'requirePlugin'] as const;

/**
 * Loads dist/<platform>/app.js into this process. `bffOrigin` receives every request the bundle
 * makes (its compiled base URL is replaced by it). Only one mini-program may be loaded per Jest
 * test file: the bundle keeps module state, as it does on a phone.
 */
export interface LoadOptions {
  /** WeChat's text size (关怀模式 / 字体大小), reported by getAppBaseInfo. */
  fontSizeScaleFactor?: number;
}

// What each platform's request API accepts (wx.request / my.request): neither has PATCH.
const METHODS: Record<MiniPlatform, readonly string[]> = {
  weapp: ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'],
  alipay: ['GET', 'POST', 'PUT', 'DELETE'],
};

export function loadMiniProgram(platform: MiniPlatform, distRoot: string, bffOrigin: string, loadOptions: LoadOptions = {}): MiniProgram {
  const dist = join(distRoot, platform);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulated = require('miniprogram-simulate/src/api') as Record<string, unknown>;
  const storage = new Map<string, unknown>();
  const calls: NetworkCall[] = [];
  const navigations: string[] = [];
  let inFlight = 0;
  // When a request, a render (setData) or a simulated callback last happened: settle() waits for
  // quiet, not for a fixed time, so a slow machine (CI under load) reads a finished page.
  let lastActivity = Date.now();
  const touch = () => {
    lastActivity = Date.now();
  };
  const stack: Array<Record<string, unknown>> = [];
  let appConfig: Record<string, unknown> | undefined;
  let registering: string | null = null;
  const pageConfigs = new Map<string, PageConfig>();
  const saved = new Map<string, unknown>(GLOBAL_NAMES.map((name) => [name, (globalThis as Record<string, unknown>)[name]]));

  const settleAsync = <T>(result: T, options: { success?: (r: T) => void; complete?: (r: T) => void }) => {
    touch();
    setTimeout(() => {
      touch();
      options.success?.(result);
      options.complete?.(result);
    }, 0);
  };

  const api: Record<string, unknown> = {
    ...simulated,
    // WeChat takes (key, data) and returns the value; Alipay takes ({ key, data }) and returns { data }.
    getStorageSync: (key: string | { key: string }) =>
      typeof key === 'string' ? (storage.has(key) ? storage.get(key) : '') : { data: storage.has(key.key) ? storage.get(key.key) : null },
    setStorageSync: (key: string | { key: string; data: unknown }, value?: unknown) =>
      void (typeof key === 'string' ? storage.set(key, value) : storage.set(key.key, key.data)),
    removeStorageSync: (key: string | { key: string }) => void storage.delete(typeof key === 'string' ? key : key.key),
    setNavigationBar: (options: { success?: () => void }) => settleAsync({}, options),
    setNavigationBarTitle: (options: { success?: () => void }) => settleAsync({ errMsg: 'setNavigationBarTitle:ok' }, options),
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 812, pixelRatio: 2, fontSizeSetting: 16, language: 'zh_CN' }),
    getAppBaseInfo: () => ({ SDKVersion: '3.7.0', language: 'zh_CN', fontSizeScaleFactor: loadOptions.fontSizeScaleFactor ?? 1, fontSizeSetting: 16 }),
    // The person declines location: pages must fall back to the county centre.
    getLocation: (options: { fail?: (e: unknown) => void; complete?: (e: unknown) => void }) =>
      setTimeout(() => {
        const error = { errMsg: 'getLocation:fail auth deny' };
        options.fail?.(error);
        options.complete?.(error);
      }, 0),
    showToast: (options: { success?: () => void }) => settleAsync({ errMsg: 'showToast:ok' }, options),
    navigateTo: (options: { url: string; success?: () => void }) => {
      navigations.push(`navigateTo ${options.url}`);
      settleAsync({ errMsg: 'navigateTo:ok' }, options);
    },
    switchTab: (options: { url: string; success?: () => void }) => {
      navigations.push(`switchTab ${options.url}`);
      settleAsync({ errMsg: 'switchTab:ok' }, options);
    },
    navigateBack: (options: { success?: () => void } = {}) => {
      navigations.push('navigateBack');
      settleAsync({ errMsg: 'navigateBack:ok' }, options);
    },
    request: (options: {
      url: string;
      method?: string;
      header?: Record<string, string>;
      headers?: Record<string, string>;
      data?: unknown;
      success?: (r: unknown) => void;
      fail?: (e: unknown) => void;
      complete?: (r: unknown) => void;
    }) => {
      const url = new URL(options.url);
      const target = `${bffOrigin}${url.pathname}${url.search}`;
      // Names lower-cased as HTTP has them (Taro's Alipay adapter lower-cases them itself).
      const header = Object.fromEntries(Object.entries(options.header ?? options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      const call: NetworkCall = { url: `${url.pathname}${url.search}`, method: options.method ?? 'GET', header, data: options.data };
      calls.push(call);
      if (!METHODS[platform].includes(call.method)) {
        setTimeout(() => {
          const failure = platform === 'alipay' ? { error: 2, errorMessage: `invalid method ${call.method}` } : { errMsg: `request:fail invalid method ${call.method}` };
          options.fail?.(failure);
          options.complete?.(failure);
        }, 0);
        return { abort: () => undefined };
      }
      inFlight += 1;
      touch();
      const hasBody = call.method !== 'GET' && options.data !== undefined;
      fetch(target, { method: call.method, headers: header, body: hasBody ? JSON.stringify(options.data) : undefined })
        .then(async (response) => {
          const text = await response.text();
          call.statusCode = response.status;
          if (platform === 'alipay' && response.status >= 400) {
            // my.request: an HTTP error status goes to fail (error 19) with the body as text.
            const failure = { error: 19, errorMessage: 'http status error', status: response.status, data: text, headers: {} };
            options.fail?.(failure);
            options.complete?.(failure);
            return;
          }
          const result = { statusCode: response.status, status: response.status, data: text ? JSON.parse(text) : '', header: {}, headers: {} };
          options.success?.(result);
          options.complete?.(result);
        })
        .catch((error: Error) => {
          const failure = { errMsg: `request:fail ${error.message}` };
          options.fail?.(failure);
          options.complete?.(failure);
        })
        .finally(() => {
          inFlight -= 1;
          touch();
        });
      return { abort: () => undefined };
    },
  };

  const globals = globalThis as Record<string, unknown>;
  // React's scheduler renders in slices, each queued with setImmediate (or a short setTimeout), and
  // the bundle captures both when app.js loads: wrapped here first, so settle() can tell a page
  // still rendering from a quiet one. Long timers (polling) are not work in progress.
  let queued = 0;
  const realSetImmediate = globalThis.setImmediate;
  const realClearImmediate = globalThis.clearImmediate;
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const pending = new Set<unknown>();
  // Runs `callback` as queued work: counted until it runs or is cleared.
  const queue = <H>(schedule: (run: () => void) => H, callback: (...args: unknown[]) => void, args: unknown[]): H => {
    queued += 1;
    const handle: H = schedule(() => {
      if (pending.delete(handle)) queued -= 1;
      touch();
      callback(...args);
    });
    pending.add(handle);
    return handle;
  };
  const unqueue = (handle: unknown) => {
    if (pending.delete(handle)) queued -= 1;
  };
  Object.assign(globals, {
    setImmediate: Object.assign(
      (callback: (...args: unknown[]) => void, ...args: unknown[]) => queue((run) => realSetImmediate(run), callback, args),
      realSetImmediate,
    ),
    clearImmediate: (handle: NodeJS.Immediate) => {
      unqueue(handle);
      realClearImmediate(handle);
    },
    setTimeout: Object.assign(
      (callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) =>
        typeof callback === 'function' && (delay ?? 0) <= 20
          ? queue((run) => realSetTimeout(run, delay), callback, args)
          : realSetTimeout(callback, delay, ...args),
      realSetTimeout,
    ),
    clearTimeout: (handle: NodeJS.Timeout) => {
      unqueue(handle);
      realClearTimeout(handle);
    },
  });
  const restoreTimers = () => Object.assign(globals, { setImmediate: realSetImmediate, clearImmediate: realClearImmediate, setTimeout: realSetTimeout, clearTimeout: realClearTimeout });
  globals.wx = api;
  globals.my = api;
  // Alipay's runtime reads navigator.userAgent (Node 20 has no navigator).
  globals.navigator = { userAgent: platform === 'alipay' ? 'Mozilla/5.0 AlipayClient/10.6.0' : 'Mozilla/5.0 MicroMessenger/8.0.50' };
  globals.App = (config: Record<string, unknown>) => {
    appConfig = config;
  };
  globals.Page = (config: PageConfig) => {
    if (registering) pageConfigs.set(registering, config);
  };
  globals.Component = (config: PageConfig) => {
    if (registering) pageConfigs.set(registering, config);
  };
  globals.getApp = () => appConfig;
  globals.getCurrentPages = () => stack;
  globals.requirePlugin = () => ({});

  registering = 'app';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(dist, 'app.js'));
  registering = null;
  if (!appConfig) throw new Error(`${platform}: app.js did not call App()`);
  (appConfig.onLaunch as (options: unknown) => void).call(appConfig, { path: 'pages/index/index', query: {}, scene: 1001 });
  (appConfig.onShow as ((options: unknown) => void) | undefined)?.call(appConfig, { path: 'pages/index/index', query: {}, scene: 1001 });

  function openPage(route: string, query: Record<string, string> = {}): MiniPage {
    registering = route;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(join(dist, `${route}.js`));
    registering = null;
    const config = pageConfigs.get(route);
    if (!config) throw new Error(`${platform}: ${route}.js did not register a page`);
    const instance = Object.create(config) as Record<string, unknown> & PageConfig;
    const data: MiniPage['data'] = JSON.parse(JSON.stringify(config.data ?? {}));
    Object.assign(instance, {
      route,
      __route__: route,
      data,
      options: query,
      setData(patch: Record<string, unknown>, callback?: () => void) {
        touch();
        for (const [path, value] of Object.entries(patch)) setPath(data, path, value);
        if (callback) setTimeout(callback, 0);
      },
    });
    stack.push(instance);
    instance.onLoad(query);
    instance.onShow?.();
    instance.onReady?.();

    const nodes = (): MiniNode[] => {
      const all: MiniNode[] = [];
      walk(data.root, (node) => all.push(node));
      return all;
    };
    const byId = (id: string) => nodes().find((node) => node.uid === id);
    const fire = (id: string, type: string, detail: Record<string, unknown>) => {
      const node = byId(id);
      if (!node) throw new Error(`${platform} ${route}: no element #${id}`);
      const target = { id: node.uid ?? node.sid, dataset: { sid: node.sid } };
      instance.eh({ type, timeStamp: Date.now(), detail, target, currentTarget: target });
    };
    return {
      route,
      data,
      texts: () => nodes().flatMap((node) => (typeof node.v === 'string' && node.v.trim() !== '' ? [node.v] : [])),
      byId,
      tap: (id) => fire(id, 'tap', {}),
      input: (id, value) => fire(id, 'input', { value, cursor: value.length }),
      unload: () => {
        instance.onUnload?.();
        stack.splice(stack.indexOf(instance), 1);
      },
    };
  }

  return {
    platform,
    calls,
    storage,
    navigations,
    api,
    openPage,
    async settle() {
      // Quiet means: nothing in flight, no render or callback for QUIET_MS, and every open page has
      // rendered at least once (its first setData can come after a slice of React's scheduler).
      const QUIET_MS = 60;
      const deadline = Date.now() + 5000;
      const rendered = () => stack.every((page) => (page.data as { root?: unknown } | undefined)?.root !== undefined);
      while (Date.now() < deadline) {
        await new Promise((resolve) => realSetTimeout(resolve, 10));
        if (inFlight === 0 && queued === 0 && Date.now() - lastActivity >= QUIET_MS && rendered()) return;
      }
      throw new Error(`${platform}: not quiet after 5 s (${inFlight} request(s) in flight, ${queued} render task(s) queued${rendered() ? '' : ', a page never rendered'})`);
    },
    close() {
      restoreTimers();
      for (const [name, value] of saved) {
        if (value === undefined) delete globals[name];
        else globals[name] = value;
      }
    },
  };
}
