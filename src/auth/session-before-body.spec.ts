import type { DiscoveredEndpoint } from './openapi-auth';
import { compileRoutes, routeAccess } from './session-before-body';

const endpoint = (method: DiscoveredEndpoint['method'], path: string, isPublic = false): DiscoveredEndpoint => ({
  method,
  path,
  public: isPublic,
  roles: [],
  scope: null,
  takesBody: true,
});

describe('routeAccess (which body-carrying requests need a session before the body is read)', () => {
  const routes = compileRoutes([
    endpoint('post', '/auth/login', true),
    endpoint('post', '/auth/logout'),
    endpoint('post', '/working-groups'),
    endpoint('patch', '/working-groups/:id'),
    endpoint('post', '/auth/invitations/accept', true),
    endpoint('post', '/auth/invitations'),
  ]);

  it('calls a route public only when a public route of that method matches', () => {
    expect(routeAccess(routes, 'POST', '/auth/login')).toBe('public');
    expect(routeAccess(routes, 'POST', '/auth/invitations/accept')).toBe('public');
    expect(routeAccess(routes, 'POST', '/AUTH/Login/')).toBe('public');
    expect(routeAccess(routes, 'PUT', '/auth/login')).toBe('none');
  });

  it('asks for a session on every other route, whatever the case or a trailing slash', () => {
    expect(routeAccess(routes, 'POST', '/auth/logout')).toBe('authenticated');
    expect(routeAccess(routes, 'POST', '/auth/invitations')).toBe('authenticated');
    expect(routeAccess(routes, 'POST', '/Working-Groups/')).toBe('authenticated');
    expect(routeAccess(routes, 'PATCH', '/working-groups/3f1c')).toBe('authenticated');
  });

  it('leaves paths and methods no route answers to the 404/405 handling', () => {
    expect(routeAccess(routes, 'PATCH', '/working-groups/a/b')).toBe('none');
    expect(routeAccess(routes, 'POST', '/nowhere')).toBe('none');
    expect(routeAccess(routes, 'DELETE', '/working-groups/x')).toBe('none');
  });
});
