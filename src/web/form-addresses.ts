// A form that fails validation is answered at its POST address, which then sits in the address
// bar. Reloading or bookmarking it, or pressing Back and then Forward, asks for that address by GET:
// where a journey has no page there, the answer is not "Page not found" but a redirect to the
// nearest page above it (the form's own page, the record it belongs to), so nobody is stranded.
import type { FastifyInstance } from 'fastify';

/** A route pattern (`/requests/:requestId/allocate`) as segments. */
const segments = (url: string) => url.split('/').filter(Boolean);

export function formAddresses(app: FastifyInstance) {
  const posts: { pattern: string[]; match: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || route.url.startsWith('/api/')) return;
    const pattern = segments(route.url);
    const match = new RegExp(`^/${pattern.map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
    posts.push({ pattern, match });
  });

  /** Where a GET for a form's POST address should go instead, or undefined if it is not one. */
  return function pageAbove(path: string): string | undefined {
    const post = posts.find((p) => p.match.test(path));
    // A page of its own at that address that answered "not found" (out of scope) stays not found.
    if (!post || app.hasRoute({ method: 'GET', url: `/${post.pattern.join('/')}` })) return undefined;
    const actual = segments(path);
    for (let n = post.pattern.length - 1; n >= 0; n--) {
      const url = `/${post.pattern.slice(0, n).join('/')}`;
      if (app.hasRoute({ method: 'GET', url })) return `/${actual.slice(0, n).join('/')}`;
    }
    return '/';
  };
}
