import { describeBundle } from './describe-bundle';

describeBundle('weapp');
