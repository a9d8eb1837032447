// Pages, sub-packages and the tab bar, all listed in lib/pages.ts. H5-only pages (the offline
// verifier) are left out of the mini-programs.
import { ADMIN_PAGES, appJsonPath, H5_ONLY_PAGES, PAGES, STAFF_PAGES, SUB_PACKAGE_ROOTS, TAB_BAR } from './lib/pages';

const isH5 = process.env.TARO_ENV === 'h5';
const ALL = [...Object.values(PAGES), ...Object.values(STAFF_PAGES), ...Object.values(ADMIN_PAGES)]
  .filter((page) => isH5 || !H5_ONLY_PAGES.includes(page))
  .map(appJsonPath);
const rootOf = (page: string) => SUB_PACKAGE_ROOTS.find((root) => page.startsWith(`${root}/`));

export default defineAppConfig({
  pages: ALL.filter((page) => !rootOf(page)),
  subPackages: SUB_PACKAGE_ROOTS.map((root) => ({ root, pages: ALL.filter((page) => rootOf(page) === root).map((page) => page.slice(root.length + 1)) })),
  window: {
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '掌上办',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f2f3f5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#595959',
    selectedColor: '#1458d4',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TAB_BAR.map((tab) => ({
      pagePath: appJsonPath(tab.page),
      iconPath: `assets/${tab.icon}.png`,
      selectedIconPath: `assets/${tab.icon}-selected.png`,
      text: tab.text,
    })),
  },
  // WeChat: getLocation must be declared, with the reason shown in the permission prompt.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的政务服务大厅' },
  },
});
