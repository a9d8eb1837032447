export default definePageConfig({ navigationBarTitleText: '事项指南' });
