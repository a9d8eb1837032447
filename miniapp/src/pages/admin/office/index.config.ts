export default definePageConfig({ navigationBarTitleText: '大厅设置' });
