import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startApp } from './start';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void startApp();
  });
  // children are the pages; each page renders its own root (components/page-shell).
  return children;
}

export default App;
