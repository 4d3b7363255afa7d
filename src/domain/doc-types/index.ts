export * from './define.ts';
export * from './registry.ts';
export * from './routing.ts';
