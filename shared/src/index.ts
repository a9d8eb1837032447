// @palm/shared: domain rules, constants and error codes for the BFF and the mini-app. Everything
// re-exported here is plain TypeScript with no runtime dependency, because the mini-app bundles it
// (WeChat/Alipay main package ≤ 2 MB, DESIGN.md §4); server-only code goes under `./server`.
export * from './error-codes';
export * from './resident-id';
export * from './uscc';
export * from './phone';
export * from './person-name';
export * from './mask';
export * from './age';
export * from './working-days';
export * from './office-hours';
export * from './geo';
export * from './queue';
export * from './appointments';
export * from './wall-clock';
export * from './slot-plan';
export * from './categories';
export * from './grid';
export * from './service-handling';
export * from './service-search';
export * from './service-guide';
export * from './grants';
export * from './licences';
export * from './reports';
