// A jest.fn-based @tarojs/taro: storage is a Map, navigation and UI calls are recorded, and
// Taro.request is set per test. resetTaro() puts everything back between tests.
import { useEffect } from 'react';

const storage = new Map<string, unknown>();
const resolved = () => Promise.resolve({ errMsg: 'ok' });

/** A SocketTask stand-in: the test opens it, sends it server messages, or makes it fail. */
export class FakeSocket {
  readonly url: string;
  isClosed = false;
  private handlers: Record<'open' | 'message' | 'error' | 'close', Array<(event?: unknown) => void>> = { open: [], message: [], error: [], close: [] };

  constructor(url: string) {
    this.url = url;
  }
  onOpen(cb: () => void) {
    this.handlers.open.push(cb);
  }
  onMessage(cb: (event: { data: unknown }) => void) {
    this.handlers.message.push(cb as (event?: unknown) => void);
  }
  onError(cb: () => void) {
    this.handlers.error.push(cb);
  }
  onClose(cb: () => void) {
    this.handlers.close.push(cb);
  }
  close = jest.fn(() => {
    this.isClosed = true;
  });
  open() {
    this.handlers.open.forEach((cb) => cb({ header: {} }));
  }
  /** A server message ({ type, data }), as the BFF sends it: JSON text. */
  receive(message: unknown) {
    this.handlers.message.forEach((cb) => cb({ data: JSON.stringify(message) }));
  }
  fail() {
    this.handlers.error.forEach((cb) => cb({ errMsg: 'connectSocket:fail' }));
    this.handlers.close.forEach((cb) => cb({ code: 1006, reason: 'abnormal closure' }));
  }
}

/** Every socket opened since the last resetTaro(), oldest first. */
export const sockets: FakeSocket[] = [];

const Taro = {
  request: jest.fn(),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  showToast: jest.fn(resolved),
  navigateTo: jest.fn(resolved),
  redirectTo: jest.fn(resolved),
  switchTab: jest.fn(resolved),
  navigateBack: jest.fn(resolved),
  reLaunch: jest.fn(resolved),
  getCurrentPages: jest.fn((): Array<{ route: string }> => [{ route: 'pages/index/index' }]),
  getLocation: jest.fn((): Promise<{ latitude: number; longitude: number }> => Promise.reject(new Error('getLocation:fail auth deny'))),
  openLocation: jest.fn(resolved),
  makePhoneCall: jest.fn(resolved),
  login: jest.fn(() => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' })),
  setNavigationBarTitle: jest.fn(resolved),
  getSystemInfoSync: jest.fn(() => ({ fontSizeScaleFactor: 1 })),
  connectSocket: jest.fn(({ url }: { url: string }) => {
    const socket = new FakeSocket(url);
    sockets.push(socket);
    return Promise.resolve(socket);
  }),
  vibrateLong: jest.fn(resolved),
  requestSubscribeMessage: jest.fn((options: { tmplIds: string[] }): Promise<Record<string, string>> =>
    Promise.resolve(Object.fromEntries([['errMsg', 'requestSubscribeMessage:ok'], ...options.tmplIds.map((id) => [id, 'accept'])]))),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
  // Files: nothing chosen, uploaded or fetched unless a test says so.
  chooseImage: jest.fn((): Promise<{ tempFilePaths: string[] }> => Promise.reject({ errMsg: 'chooseImage:fail cancel' })),
  uploadFile: jest.fn((): Promise<{ statusCode: number; data: string }> => Promise.reject({ errMsg: 'uploadFile:fail' })),
  downloadFile: jest.fn((): Promise<{ statusCode: number; tempFilePath: string }> => Promise.reject({ errMsg: 'downloadFile:fail' })),
};

export default Taro;

export const useRouter = jest.fn(() => ({ params: {} as Record<string, string | undefined> }));

/** Runs once after mount, as a page's first onShow does. */
export function useDidShow(callback: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => callback(), []);
}

/** A page that is never hidden in these tests: registers nothing. */
export function useDidHide(_callback: () => void): void {}

export function useLaunch(callback: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => callback(), []);
}

export function resetTaro(): void {
  storage.clear();
  for (const fn of Object.values(Taro)) fn.mockClear();
  Taro.request.mockReset();
  Taro.chooseImage.mockReset().mockImplementation(() => Promise.reject({ errMsg: 'chooseImage:fail cancel' }));
  Taro.uploadFile.mockReset().mockImplementation(() => Promise.reject({ errMsg: 'uploadFile:fail' }));
  Taro.downloadFile.mockReset().mockImplementation(() => Promise.reject({ errMsg: 'downloadFile:fail' }));
  Taro.getCurrentPages.mockImplementation(() => [{ route: 'pages/index/index' }]);
  Taro.getLocation.mockImplementation(() => Promise.reject(new Error('getLocation:fail auth deny')));
  useRouter.mockImplementation(() => ({ params: {} }));
  sockets.length = 0;
}
