// BFF answers shaped like GET /api/services, /api/offices and /api/offices/:id.
export const services = Array.from({ length: 8 }, (_, i) => ({
  id: `5eed0003-0000-4000-8000-00000000000${i}`,
  code: `S-${i}`,
  name: ['社会保障卡申领', '城乡居民基本医疗保险参保登记', '居民身份证换领', '社会保险待遇领取资格认证', '社会保障卡补领、换领', '异地就医备案', '住房公积金提取', '个体工商户设立登记'][i]!,
  department: '青石县人力资源和社会保障局',
  category: 'SOCIAL_SECURITY',
  categoryLabel: '社会保险',
  summary: '',
  promisedDays: i,
  onlineAllowed: true,
  appointmentRequired: false,
  popularity: 900 - i,
}));

export const office = {
  id: '5eed0001-0000-4000-8000-000000000001',
  code: '361221000000-ZWFW',
  name: '青石县政务服务中心',
  level: 'COUNTY_CENTER',
  levelLabel: '政务服务中心',
  regionCode: '361221000000',
  address: '云溪市青石县青云街道民生大道168号',
  lat: 27.8135,
  lng: 115.1208,
  phone: '0702-6212345',
  distanceMeters: 0,
  openNow: true,
  todayHours: [['09:00', '12:00'], ['13:30', '17:30']],
  closesAt: '12:00',
  opensNext: null,
};

export const officeDetail = {
  ...office,
  openOnHolidays: false,
  weeklyHours: { '1': [['09:00', '17:30']], '2': [['09:00', '17:30']], '3': [['09:00', '17:30']], '4': [['09:00', '17:30']], '5': [['09:00', '17:30']], '6': [], '7': [] },
  upcomingExceptions: [],
  counters: [],
  services: [{ id: services[0]!.id, name: services[0]!.name, category: 'SOCIAL_SECURITY', categoryLabel: '社会保险', hasOnlineBooking: false }],
  queue: { openCounters: 12 },
};
