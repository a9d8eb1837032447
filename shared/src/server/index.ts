export * from './common';
export * from './identity';
export * from './catalogue';
export * from './queue';
export * from './counter';
export * from './notify';
export * from './appointments';
