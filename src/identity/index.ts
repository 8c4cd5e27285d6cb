export * from './identity-number';
export * from './organisation-number';
