export default definePageConfig({ navigationBarTitleText: '见证授权' });
