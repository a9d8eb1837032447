/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built; branches on it are removed at build time. Never destructure process.env. */
    TARO_ENV: 'weapp' | 'alipay' | 'h5';
    /** Base URL of the BFF. Empty: same origin on H5, http://127.0.0.1:3000 in a mini-program. */
    TARO_APP_API: string;
  }
}
