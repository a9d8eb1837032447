import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {},
  h5: {
    // `npm run dev:h5`: the app on http://localhost:10086 with /api passed to a BFF on :3000, so
    // the same-origin base URL works as it does when the BFF serves the build.
    devServer: {
      port: 10086,
      proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true } },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
