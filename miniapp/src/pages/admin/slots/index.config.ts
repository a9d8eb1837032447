export default definePageConfig({ navigationBarTitleText: '预约号源' });
