// A jest.fn-based @tarojs/taro: storage is a Map, navigation and UI calls are recorded, and
// Taro.request is set per test. resetTaro() puts everything back between tests.
import { useEffect } from 'react';

const storage = new Map<string, unknown>();
const resolved = () => Promise.resolve({ errMsg: 'ok' });

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
};

export default Taro;

export const useRouter = jest.fn(() => ({ params: {} as Record<string, string | undefined> }));

/** Runs once after mount, as a page's first onShow does. */
export function useDidShow(callback: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => callback(), []);
}

export function useLaunch(callback: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => callback(), []);
}

export function resetTaro(): void {
  storage.clear();
  for (const fn of Object.values(Taro)) fn.mockClear();
  Taro.request.mockReset();
  Taro.getCurrentPages.mockImplementation(() => [{ route: 'pages/index/index' }]);
  Taro.getLocation.mockImplementation(() => Promise.reject(new Error('getLocation:fail auth deny')));
  useRouter.mockImplementation(() => ({ params: {} }));
}
