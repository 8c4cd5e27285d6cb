import path from 'node:path';
import { spaAnswer } from './spa-request';

describe('spaAnswer: which file of the web app answers a request no API route answered', () => {
  const root = path.resolve('/srv/web/dist');

  it('serves a built asset, cached for good when it is under /assets', () => {
    expect(spaAnswer(root, 'GET', '/assets/index-abc.js', false)).toEqual({ kind: 'file', file: path.join(root, 'assets/index-abc.js'), immutable: true });
    expect(spaAnswer(root, 'HEAD', '/favicon.svg', true)).toEqual({ kind: 'file', file: path.join(root, 'favicon.svg'), immutable: false });
  });

  it('answers a page a browser asks for with index.html, and leaves API clients to the API 404', () => {
    expect(spaAnswer(root, 'GET', '/grupper/123', true)).toEqual({ kind: 'index' });
    expect(spaAnswer(root, 'GET', '/', true)).toEqual({ kind: 'index' });
    expect(spaAnswer(root, 'GET', '/no-such-endpoint', false)).toEqual({ kind: 'none' });
    expect(spaAnswer(root, 'POST', '/grupper', true)).toEqual({ kind: 'none' });
  });

  it('never reaches outside web/dist or into dot-files', () => {
    expect(spaAnswer(root, 'GET', '/../package.json', false)).toEqual({ kind: 'none' });
    expect(spaAnswer(root, 'GET', '/assets/%2e%2e/%2e%2e/secret.txt', false)).toEqual({ kind: 'none' });
    expect(spaAnswer(root, 'GET', '/.env.txt', false)).toEqual({ kind: 'none' });
    expect(spaAnswer(root, 'GET', '/assets/..%5c..%5cx.js', false)).toEqual({ kind: 'none' });
    expect(spaAnswer(root, 'GET', '/%E0%A4%A.js', true)).toEqual({ kind: 'none' });
  });
});
