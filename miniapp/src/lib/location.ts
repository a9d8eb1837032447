// Where the person is, for "就近办". Pages never make the platform ask on their own: a system
// permission prompt is a pop-up, which 长辈版 must not show unasked (DESIGN.md §4). So the position
// is read by itself only where the person already allowed it; otherwise the county centre stands
// in, the page says so, and a "使用我的位置" tap asks (askForPosition). Read once per app session.
import Taro from '@tarojs/taro';
import type { LatLng } from '@palm/shared';

/** 青石县政务服务中心 (GCJ-02, as the seeds and getLocation use). */
export const COUNTY_CENTRE: LatLng = { lat: 27.8135, lng: 115.1208 };

export interface Position extends LatLng {
  /** True when this is the county centre because the real position was not available. */
  isFallback: boolean;
}

const TIMEOUT_MS = 6_000;
let pending: Promise<Position> | null = null;

function locate(): Promise<Position> {
  // Taro's H5 getLocation (the browser's) only gives WGS-84; the few hundred metres between it
  // and the seeds' GCJ-02 do not change which hall is nearest in a county.
  const located = Taro.getLocation({ type: process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02' }).then((result) => ({
    lat: result.latitude,
    lng: result.longitude,
    isFallback: false,
  }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Position>((_, reject) => {
    timer = setTimeout(() => reject(new Error('location timeout')), TIMEOUT_MS);
  });
  return Promise.race([located, timedOut])
    .catch(() => ({ ...COUNTY_CENTRE, isFallback: true }))
    .finally(() => clearTimeout(timer));
}

const FALLBACK: Position = { ...COUNTY_CENTRE, isFallback: true };

/** Whether reading the position now would show no prompt (already allowed). */
async function isAllowed(): Promise<boolean> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const permissions = (globalThis.navigator as Navigator | undefined)?.permissions;
      return permissions ? (await permissions.query({ name: 'geolocation' })).state === 'granted' : false;
    }
    const { authSetting } = await Taro.getSetting();
    return (authSetting as Record<string, boolean | undefined>)['scope.userLocation'] === true;
  } catch {
    return false;
  }
}

/** The position without asking: the real one if already allowed, else the county centre. */
export function getPosition(): Promise<Position> {
  pending ??= isAllowed().then((allowed) => (allowed ? locate() : FALLBACK));
  return pending;
}

/** After a tap on "使用我的位置": asks the platform (it may prompt), and remembers the answer. */
export function askForPosition(): Promise<Position> {
  pending = locate();
  return pending;
}

/** For tests. */
export function forgetPosition(): void {
  pending = null;
}
