export default definePageConfig({ navigationBarTitleText: '反映案件' });
