// Where the person is, for "就近办". Asked once per app session, only when a page needs it; if it
// is refused, unavailable or slow, the county centre stands in and the page says so.
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

export function getPosition(): Promise<Position> {
  pending ??= locate();
  return pending;
}

/** For tests. */
export function forgetPosition(): void {
  pending = null;
}
