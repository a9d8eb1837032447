// Where WeChat DevTools' command-line tool is, if anywhere (Windows/macOS only; never on these
// Linux machines). WECHAT_DEVTOOLS_CLI points at it explicitly.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  process.env.WECHAT_DEVTOOLS_CLI,
  '/Applications/wechatwebdevtools.app/Contents/MacOS/cli',
  'C:/Program Files (x86)/Tencent/微信web开发者工具/cli.bat',
].filter((path): path is string => Boolean(path));

export const DEVTOOLS_CLI: string | undefined = CANDIDATES.find((path) => existsSync(path));

export const AUTOMATOR_SKIP_MESSAGE =
  'SKIPPED: miniprogram-automator journey (e2e/automator) — WeChat DevTools is not installed here; set WECHAT_DEVTOOLS_CLI where it is. Not counted as passing.';
