import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { ExternalRootFontScript } from './root-font-script';

// Taro compiles only the app's own sources: the shared workspace (plain TS constants and rules)
// must be listed, or its TypeScript reaches the bundle untranspiled.
const sharedSource = path.resolve(__dirname, '..', '..', 'shared', 'src');

// https://docs.taro.zone/docs/next/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'palm',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // weapp, alipay and h5 side by side; WeChat DevTools opens dist/weapp as is.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    // The map marker is referenced by path at run time (Map markers take no imported asset); the
    // browser asks for /favicon.ico on every H5 load, which the BFF serves from the build.
    copy: {
      patterns:
        process.env.TARO_ENV === 'h5'
          ? [{ from: 'src/assets/favicon.ico', to: 'dist/h5/favicon.ico' }]
          : [{ from: 'src/assets/marker.png', to: `dist/${process.env.TARO_ENV}/assets/marker.png` }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [sharedSource] },
      // Component styles are written so their order does not matter (overrides carry more specificity).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // Served by the BFF at `/`; hash routing needs no server-side fallback route.
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSource] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        // React + the Taro H5 runtime alone exceed webpack's 244 KiB hint; the budget is checked elsewhere.
        chain.performance.hints(false);
        // Pages are loaded on demand; without this every page chunk carries its own copy of the
        // Taro H5 components and ours (≈ 80 KiB each).
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all', minSize: 8192 });
        chain.plugin('external-root-font-script').use(ExternalRootFontScript);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
