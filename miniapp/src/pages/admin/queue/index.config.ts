export default definePageConfig({ navigationBarTitleText: '排队设置' });
