export * from './hosts';
export * from './match';
export * from './policy';
export * from './table';
export * from './resolve';
