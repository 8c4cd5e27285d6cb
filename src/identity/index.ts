export * from './identity-number';
