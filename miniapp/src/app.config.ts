// Pages and the tab bar. The first three are tab pages (首页 / 办事 / 我的).
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/services/index',
    'pages/me/index',
    'pages/service/index',
    'pages/offices/index',
    'pages/office/index',
    'pages/login/index',
    'pages/settings/index',
    'pages/real-name/index',
    'pages/take-ticket/index',
    'pages/ticket/index',
    'pages/tickets/index',
    'pages/counter/index',
    'pages/board/index',
    'pages/book/index',
    'pages/appointments/index',
  ],
  window: {
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '掌上办',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f2f3f5',
    backgroundTextStyle: 'dark',
  },
  // The selected tab's icon is filled, the others outlined: the shape says which is selected, not
  // only the colour (scripts/draw-icons.mjs).
  tabBar: {
    color: '#595959',
    selectedColor: '#1458d4',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', iconPath: 'assets/tab-home.png', selectedIconPath: 'assets/tab-home-selected.png', text: '首页' },
      { pagePath: 'pages/services/index', iconPath: 'assets/tab-services.png', selectedIconPath: 'assets/tab-services-selected.png', text: '办事' },
      { pagePath: 'pages/me/index', iconPath: 'assets/tab-me.png', selectedIconPath: 'assets/tab-me-selected.png', text: '我的' },
    ],
  },
  // WeChat: getLocation must be declared, with the reason shown in the permission prompt.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的政务服务大厅' },
  },
});
