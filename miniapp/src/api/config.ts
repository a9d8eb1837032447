// Where the BFF is. TARO_APP_API (from .env.development / .env.production, or the build's
// environment) wins; empty means the platform default: H5 is served by the BFF itself, so the same
// origin; a mini-program in the developer tools talks to a BFF on this machine.
const configured = (process.env.TARO_APP_API ?? '').trim();

export const API_BASE_URL = (configured || (process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000')).replace(/\/+$/, '');

/** Per request: long enough for a slow mobile network, short enough to offer “重试” before people give up. */
export const REQUEST_TIMEOUT_MS = 15_000;
