// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Under NODE_ENV=test (Jest) the preset emits CommonJS, so the same config serves the builds and the tests.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
