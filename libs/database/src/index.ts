export * from './data-source-options';
export * from './database.module';
export * from './embedded-database';
export * from './migrate';
export * from './snake-naming.strategy';
export * from './unique-violation';
export * from './migrations';
export * from './returning';
