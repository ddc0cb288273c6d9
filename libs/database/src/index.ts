export * from './data-source-options';
export * from './database.module';
export * from './embedded-database';
export * from './migrate';
export * from './snake-naming.strategy';
export * from './transaction';
export * from './sql-session';
export * from './migrations';
