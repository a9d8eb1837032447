// Pages and the tab bar, both listed in lib/pages.ts.
import { appJsonPath, PAGES, STAFF_PAGES, STAFF_ROOT, TAB_BAR } from './lib/pages';

export default defineAppConfig({
  pages: Object.values(PAGES).map(appJsonPath),
  // Staff pages load on demand, outside the citizens' main package.
  subPackages: [{ root: STAFF_ROOT, pages: Object.values(STAFF_PAGES).map((page) => appJsonPath(page).slice(STAFF_ROOT.length + 1)) }],
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
