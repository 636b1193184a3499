import type { FastifyInstance } from 'fastify';
import { landingPage } from '../../domain/people.ts';
import { render } from '../render.ts';

export async function pageRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => reply.redirect(request.actor ? landingPage(request.actor) : '/sign-in'));
  app.get('/accessibility', async (request, reply) => render(request, reply, 'pages/accessibility.njk', { pageTitle: 'Accessibility statement' }));
  app.get('/privacy', async (request, reply) => render(request, reply, 'pages/privacy.njk', { pageTitle: 'Privacy notice' }));
}
