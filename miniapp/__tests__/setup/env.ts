// What the build defines: the platform (H5, the one jsdom resembles) and an empty API base URL.
process.env.TARO_ENV = 'h5';
process.env.TARO_APP_API = '';
