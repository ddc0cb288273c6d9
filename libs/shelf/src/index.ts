export * from './shelf.types';
export * from './shelf-text';
export * from './shelf.service';
export * from './shelf-search.query';
export * from './help-center.service';
export * from './shelf.module';
