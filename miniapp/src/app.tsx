import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { keepScriptLinksInert } from './lib/inert-script-links';
import { startApp } from './start';
import './app.scss';

if (process.env.TARO_ENV === 'h5') keepScriptLinksInert();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void startApp();
  });
  // children are the pages; each page renders its own root (components/page-shell).
  return children;
}

export default App;
