import { describeBundle } from './describe-bundle';

describeBundle('alipay');
