// Taro's H5 build sizes everything in rem and sets the root font size from an *inline* script in
// index.html. The BFF serves the H5 app under a Content-Security-Policy of `script-src 'self'`,
// which blocks inline scripts (the page would render at the browser's default 16 px root size).
// This plugin moves that script, unchanged, into a hashed file loaded first from the same origin.
import { createHash } from 'node:crypto';
import type { Compiler } from 'webpack';

// The runner's own copy, so the hooks are the ones its HtmlWebpackPlugin instance calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const HtmlWebpackPlugin = require(require.resolve('html-webpack-plugin', { paths: [require.resolve('@tarojs/webpack5-runner')] }));

export class ExternalRootFontScript {
  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('ExternalRootFontScript', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(
        'ExternalRootFontScript',
        (data: { headTags: unknown[]; publicPath: string; plugin: { options: { script?: string } } }) => {
          const script = data.plugin.options.script;
          if (!script) return data;
          const hash = createHash('sha256').update(script).digest('hex').slice(0, 8);
          const file = `js/root-font-size.${hash}.js`;
          if (!compilation.getAsset(file)) compilation.emitAsset(file, new compiler.webpack.sources.RawSource(script));
          data.headTags.unshift(HtmlWebpackPlugin.createHtmlTagObject('script', { src: `${data.publicPath}${file}` }));
          return data;
        },
      );
    });
  }
}
